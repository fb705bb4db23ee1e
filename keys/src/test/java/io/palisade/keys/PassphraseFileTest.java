package io.palisade.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseFileTest {
  @TempDir Path dir;

  char[] read(String content) throws Exception {
    Path f = dir.resolve("pass");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return PassphraseFile.read(f, "bundle passphrase");
  }

  @Test
  void firstLine_withoutItsLineBreak_otherwiseExactlyAsWritten() throws Exception {
    assertThat(read("correct horse\n")).containsExactly("correct horse".toCharArray());
    assertThat(read("correct horse\r\nsecond line\n")).containsExactly("correct horse".toCharArray());
    // Spaces are part of a passphrase: the offline sealer and the online opener must agree on every character.
    assertThat(read(" spaced out \n")).containsExactly(" spaced out ".toCharArray());
    assertThat(read("no newline at all")).containsExactly("no newline at all".toCharArray());
    assertThat(read("grüße\n")).containsExactly("grüße".toCharArray());
  }

  @Test
  void empty_tooLarge_notUtf8_missing_directory_areRefused_withoutTheContent() throws Exception {
    assertThatThrownBy(() -> read("")).isInstanceOf(KeysException.class).hasMessageContaining("is empty");
    assertThatThrownBy(() -> read("\nsecret on line two\n")).hasMessageContaining("is empty")
        .hasMessageNotContaining("secret on line two");
    assertThatThrownBy(() -> read("x".repeat(PassphraseFile.MAX_BYTES + 1))).hasMessageContaining("too large");
    Path bad = dir.resolve("latin1");
    Files.write(bad, new byte[] {'p', 'a', (byte) 0xE9, 's', 's'});
    assertThatThrownBy(() -> PassphraseFile.read(bad, "bundle passphrase")).hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> PassphraseFile.read(dir.resolve("none"), "bundle passphrase"))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> PassphraseFile.read(dir, "bundle passphrase")).hasMessageContaining("not a regular file");
  }

  @Property(tries = 200)
  void anyBytes_giveAPassphraseOrAKeysException(@ForAll @Size(max = 64) byte[] content) throws Exception {
    Path f = Files.createTempFile("pass", null);
    try {
      Files.write(f, content);
      try {
        char[] p = PassphraseFile.read(f, "PIN");
        assertThat(p).isNotEmpty().doesNotContain('\n', '\r');
      } catch (KeysException e) {
        assertThat(e.kind()).isEqualTo(KeysException.Kind.INVALID_INPUT);
      }
    } finally {
      Files.delete(f);
    }
  }
}
