package io.palisade.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.cli.ExitException;
import io.palisade.keys.PassphraseFile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A typed secret is held to a passphrase file's bound, counted in UTF-8 bytes as a file would be. */
class SecretsTest {
  @Test
  void aTypedSecretLongerThanAPassphraseFileIsRefusedAndWiped() {
    char[] fits = "é".repeat(PassphraseFile.MAX_BYTES / 2).toCharArray(); // 2 bytes each: exactly the bound
    Secrets.refuseOverlong(fits, "bundle passphrase");
    assertThat(new String(fits).getBytes(StandardCharsets.UTF_8)).hasSize(PassphraseFile.MAX_BYTES);

    for (String s : new String[] {"x".repeat(PassphraseFile.MAX_BYTES + 1),
        "€".repeat(PassphraseFile.MAX_BYTES / 3 + 1), "\uD83D\uDD11".repeat(PassphraseFile.MAX_BYTES / 4 + 1)}) {
      char[] typed = s.toCharArray();
      assertThat(s.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(PassphraseFile.MAX_BYTES);
      assertThatThrownBy(() -> Secrets.refuseOverlong(typed, "bundle passphrase")).isInstanceOf(ExitException.class)
          .hasMessageContaining("at most " + PassphraseFile.MAX_BYTES).hasMessageNotContaining(s.substring(0, 8));
      assertThat(typed).as("wiped").containsOnly('\0');
    }
  }
}
