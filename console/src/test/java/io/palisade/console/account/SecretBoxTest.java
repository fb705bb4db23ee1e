package io.palisade.console.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed secrets open only with the same key file and context; the key file is created owner-only and kept. */
class SecretBoxTest {
  @TempDir Path dir;

  @Test
  void sealsAndOpensWithTheSameKeyAndContext() throws Exception {
    SecretBox box = SecretBox.open(dir, new SecureRandom());
    String sealed = box.seal("secret".getBytes(), "totp:alice");
    assertThat(sealed).startsWith("v1:").doesNotContain("secret");
    assertThat(new String(SecretBox.open(dir, new SecureRandom()).open(sealed, "totp:alice"))).isEqualTo("secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SecretBox.KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(Files.size(dir.resolve(SecretBox.KEY_FILE))).isEqualTo(32);
  }

  @Test
  void refusesAnotherContextAnotherKeyOrAnAlteredValue() throws Exception {
    SecretBox box = SecretBox.open(dir, new SecureRandom());
    String sealed = box.seal("secret".getBytes(), "totp:alice");
    assertThatThrownBy(() -> box.open(sealed, "totp:bob")).hasMessageContaining("does not open");
    Path other = Files.createDirectory(dir.resolve("other"));
    assertThatThrownBy(() -> SecretBox.open(other, new SecureRandom()).open(sealed, "totp:alice"))
        .hasMessageContaining("does not open");
    char[] c = sealed.toCharArray();
    c[10] = c[10] == 'A' ? 'B' : 'A';
    assertThatThrownBy(() -> box.open(new String(c), "totp:alice")).hasMessageContaining("does not open");
    assertThatThrownBy(() -> box.open("plain", "totp:alice")).hasMessageContaining("format");
    assertThatThrownBy(() -> box.open("v1:!!!", "totp:alice")).hasMessageContaining("does not open");
  }

  @Test
  void refusesAKeyFileOfTheWrongSize() throws Exception {
    Files.write(dir.resolve(SecretBox.KEY_FILE), new byte[7]);
    assertThatThrownBy(() -> SecretBox.open(dir, new SecureRandom())).hasMessageContaining("32-byte key");
  }
}
