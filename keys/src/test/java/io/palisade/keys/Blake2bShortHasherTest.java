package io.palisade.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-free one-block Blake2b-256 against BouncyCastle's, for every length it accepts. */
class Blake2bShortHasherTest {
  @Test
  void everyLengthFrom0To128_matchesBouncyCastle() {
    Blake2b.ShortHasher hasher = new Blake2b.ShortHasher();
    Random random = new Random(7);
    byte[] out = new byte[40];
    for (int len = 0; len <= 128; len++) {
      for (int trial = 0; trial < 5; trial++) {
        byte[] msg = new byte[len + 3];
        random.nextBytes(msg);
        hasher.hash256(msg, 3, len, out, 8);
        assertThat(java.util.Arrays.copyOfRange(out, 8, 40)).as("length " + len)
            .isEqualTo(Blake2b.hash256(msg, 3, len));
      }
    }
  }

  @Test
  void knownAnswer_andLongMessagesRefused() {
    // RFC 7693 style check: Blake2b-256("abc")
    byte[] out = new byte[32];
    new Blake2b.ShortHasher().hash256("abc".getBytes(StandardCharsets.US_ASCII), 0, 3, out, 0);
    assertThat(HexFormat.of().formatHex(out))
        .isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    assertThatThrownBy(() -> new Blake2b.ShortHasher().hash256(new byte[129], 0, 129, out, 0))
        .hasMessageContaining("at most 128");
  }
}
