package io.palisade.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.Main;
import io.palisade.keys.testing.ChildJvm;
import io.palisade.keys.testing.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade keys} with a token-protected vault, against a SoftHSM2 token this test creates in a temporary
 * directory. The CLI runs in a child JVM so the token library sees this test's {@code SOFTHSM2_CONF}.
 */
class KeysPkcs11CliTest {
  @TempDir Path tmp;

  @Test
  void tokenOnlyVault_keyGenAndStatus_wrongPinExit2() throws Exception {
    SoftHsm hsm = SoftHsm.create(tmp.resolve("hsm"));
    Path pin = tmp.resolve("pin.txt");
    Files.writeString(pin, hsm.pin() + "\n");
    Path vault = tmp.resolve("vault");
    String[] token = {"--vault", vault.toString(), "--pkcs11-library", hsm.library(), "--pkcs11-pin-file",
        pin.toString()};

    ChildJvm.Result init = run(hsm, concat(new String[] {"keys", "vault", "init", "--network", "preview",
        "--no-passphrase"}, token));
    assertThat(init.code()).as(init.output()).isZero();
    assertThat(init.output()).contains("protected by pkcs11");

    ChildJvm.Result gen = run(hsm, concat(new String[] {"keys", "node", "key-gen", "--cold-verification-key-file",
        tmp.resolve("cold.vkey").toString(), "--operational-certificate-issue-counter-file",
        tmp.resolve("cold.counter").toString()}, token));
    assertThat(gen.code()).as(gen.output()).isZero();

    ChildJvm.Result status = run(hsm, concat(new String[] {"keys", "vault", "status", "--unlock"}, token));
    assertThat(status.code()).as(status.output()).isZero();
    assertThat(status.output()).contains("integrity verified").contains("StakePoolSigningKey_ed25519");

    Files.writeString(pin, "999999\n");
    ChildJvm.Result wrong = run(hsm, concat(new String[] {"keys", "vault", "status", "--unlock"}, token));
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.output()).contains("wrong PKCS#11 PIN");
  }

  private static ChildJvm.Result run(SoftHsm hsm, String... args) throws Exception {
    return ChildJvm.run(hsm.env(), Main.class, args);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
