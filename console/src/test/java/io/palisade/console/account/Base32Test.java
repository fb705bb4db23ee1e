package io.palisade.console.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** RFC 4648 section 10 vectors (without padding) and a round trip. */
class Base32Test {
  @Test
  void rfc4648Vectors() {
    String[][] v = {{"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
        {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
    for (String[] p : v) {
      assertThat(Base32.encode(p[0].getBytes(StandardCharsets.US_ASCII))).isEqualTo(p[1]);
      assertThat(new String(Base32.decode(p[1] + "======"), StandardCharsets.US_ASCII)).isEqualTo(p[0]);
    }
  }

  @Test
  void namesTheBadCharacter() {
    assertThatThrownBy(() -> Base32.decode("MZX1")).hasMessageContaining("character 4 is '1'");
  }

  @Property(tries = 200)
  void roundTrips(@ForAll byte[] data) {
    assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
  }
}
