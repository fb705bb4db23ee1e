package io.palisade.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.CliRun;
import io.palisade.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cardano-cli-named commands against files cardano-cli wrote (../shared/vectors/kes-agent-fixtures). */
class KeysCardanoCliCommandsTest {
  @TempDir Path tmp;

  @Test
  void newCounterThenIssueOpCert_reproducesTheFixtureOpcertAndCounterByteForByte() throws Exception {
    Path fx = SharedData.require("vectors/kes-agent-fixtures");
    Path counter = tmp.resolve("opcert.counter");
    CliRun nc = CliRun.run("keys", "node", "new-counter", "--cold-verification-key-file", fx + "/cold.vkey",
        "--counter-value", "7", "--operational-certificate-issue-counter-file", counter.toString());
    assertThat(nc.code()).as(nc.err()).isZero();
    Path cert = tmp.resolve("opcert.cert");
    CliRun run = CliRun.run("keys", "node", "issue-op-cert", "--kes-verification-key-file", fx + "/kes.vkey",
        "--cold-signing-key-file", fx + "/cold.skey", "--operational-certificate-issue-counter-file",
        counter.toString(), "--kes-period", "1430", "--out-file", cert.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("warning: reading a plaintext signing key");
    assertThat(run.out()).contains("issued opcert counter 7 at KES period 1430")
        .contains("pool1yv26ccn3apqaxvfklsrqfx20lxj76e8h9lx8484rphua6x86wm2");
    assertThat(Files.readAllBytes(cert)).isEqualTo(Files.readAllBytes(fx.resolve("opcert.cert")));
    assertThat(Files.readAllBytes(counter)).isEqualTo(Files.readAllBytes(fx.resolve("opcert.counter")));
  }

  @Test
  void issueOpCert_counterOfAnotherPool_isRefused() throws Exception {
    Path fx = SharedData.require("vectors/kes-agent-fixtures");
    Path otherVkey = SharedData.require("vectors/cardano-cli-golden/input/shelley/node-pool/operator.vkey");
    Path counter = tmp.resolve("c");
    CliRun.run("keys", "node", "new-counter", "--cold-verification-key-file", otherVkey.toString(),
        "--counter-value", "0", "--operational-certificate-issue-counter-file", counter.toString());
    byte[] before = Files.readAllBytes(counter);
    CliRun run = CliRun.run("keys", "node", "issue-op-cert", "--kes-verification-key-file", fx + "/kes.vkey",
        "--cold-signing-key-file", fx + "/cold.skey", "--operational-certificate-issue-counter-file",
        counter.toString(), "--kes-period", "1", "--out-file", tmp.resolve("x.cert").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Key mismatch");
    assertThat(Files.readAllBytes(counter)).isEqualTo(before);
    assertThat(tmp.resolve("x.cert")).doesNotExist();
  }

  @Test
  void verifyOpCert_valid0_wrongColdKey1_wrongKesKey1() {
    Path fx = SharedData.require("vectors/kes-agent-fixtures");
    CliRun ok = CliRun.run("keys", "verify-op-cert", "--op-cert-file", fx + "/opcert.cert",
        "--cold-verification-key-file", fx + "/cold.vkey", "--kes-verification-key-file", fx + "/kes.vkey");
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).contains("valid: opcert counter 7, KES period 1430");
    Path other = SharedData.require("vectors/cardano-cli-golden/input/shelley/node-pool/operator.vkey");
    CliRun wrongCold = CliRun.run("keys", "verify-op-cert", "--op-cert-file", fx + "/opcert.cert",
        "--cold-verification-key-file", other.toString());
    assertThat(wrongCold.code()).isEqualTo(1);
    assertThat(wrongCold.out()).contains("INVALID: the certificate names cold key 2151d269");
    Path otherKes = SharedData.require("vectors/cardano-cli-golden/input/shelley/keys/kes_keys/verification_key");
    CliRun wrongKes = CliRun.run("keys", "verify-op-cert", "--op-cert-file", fx + "/opcert.cert",
        "--cold-verification-key-file", fx + "/cold.vkey", "--kes-verification-key-file", otherKes.toString(),
        "--json");
    assertThat(wrongKes.code()).isEqualTo(1);
    assertThat(wrongKes.out()).contains("\"valid\" : false").contains("certifies KES key");
  }

  @Test
  void verifyOpCert_legacyGoldenOpcert_isInvalid() {
    Path cert = SharedData.require("vectors/cardano-cli-golden/input/shelley/certificates/operational_certificate");
    Path fx = SharedData.require("vectors/kes-agent-fixtures");
    CliRun run = CliRun.run("keys", "verify-op-cert", "--op-cert-file", cert.toString(),
        "--cold-verification-key-file", fx + "/cold.vkey");
    assertThat(run.code()).isEqualTo(1);
  }

  @Test
  void poolId_bech32ByDefault_hexOnRequest() {
    Path fx = SharedData.require("vectors/kes-agent-fixtures");
    assertThat(CliRun.run("keys", "pool-id", "--cold-verification-key-file", fx + "/cold.vkey").out())
        .isEqualTo("pool1yv26ccn3apqaxvfklsrqfx20lxj76e8h9lx8484rphua6x86wm2\n");
    assertThat(CliRun.run("keys", "pool-id", "--cold-verification-key-file", fx + "/cold.vkey", "--output-format",
        "hex").out()).isEqualTo("2315ac6271e841d33136fc0604994ff9a5ed64f72fcc7a9ea30df9dd\n");
  }

  @Test
  void verificationKey_ofAKesSigningKey_isTheFixtureVkey() throws Exception {
    Path fx = SharedData.require("vectors/kes-agent-fixtures");
    Path out = tmp.resolve("kes.vkey");
    CliRun run = CliRun.run("keys", "verification-key", "--signing-key-file", fx + "/kes.skey",
        "--verification-key-file", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(fx.resolve("kes.vkey")));
  }

  @Test
  void malformedKeyFile_exit2_namesTheFile() throws Exception {
    Path bad = tmp.resolve("bad.vkey");
    Files.writeString(bad, "{\"type\": \"StakePoolVerificationKey_ed25519\", \"cborHex\": \"5820ab\"}");
    CliRun run = CliRun.run("keys", "pool-id", "--cold-verification-key-file", bad.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains(bad.toString()).contains("expected 32 bytes").contains("truncated");
  }
}
