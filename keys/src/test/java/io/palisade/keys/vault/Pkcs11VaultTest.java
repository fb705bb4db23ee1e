package io.palisade.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.keys.testing.ChildJvm;
import io.palisade.keys.testing.SoftHsm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKCS#11 protector against a real SoftHSM2 token created for this test in a temporary directory. The vault runs
 * in a child JVM because the token library reads {@code SOFTHSM2_CONF} from the process environment.
 */
class Pkcs11VaultTest {
  @TempDir Path tmp;

  @Test
  void tokenProtectedVault_opensByTokenOrPassphrase_refusesWrongPin_keyIsNonExtractable() throws Exception {
    SoftHsm hsm = SoftHsm.create(tmp.resolve("hsm"));
    ChildJvm.Result r = ChildJvm.run(hsm.env(), VaultChild.class, "pkcs11", tmp.resolve("vaults").toString(),
        hsm.library(), hsm.pin());
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("protectors=[passphrase, pkcs11]")
        .contains("NON_EXTRACTABLE true")
        .contains("OPEN_BY_TOKEN true")
        .contains("OPEN_BY_PASSPHRASE true")
        .contains("WRONG_PIN WRONG_CREDENTIAL wrong PKCS#11 PIN")
        .contains("PASSPHRASE_ON_TOKEN_VAULT INVALID_INPUT")
        .contains("is protected by pkcs11")
        .contains("MISSING_LIBRARY UNAVAILABLE PKCS#11 library not found")
        .contains("DONE");
  }
}
