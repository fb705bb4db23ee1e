package io.palisade.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key ceremony's guard rails (issue 17): a strong passphrase for a new vault or bundle, no key or certificate file
 * overwritten without --overwrite, and a bad pool id named by its option.
 */
class KeysCeremonyGuardsTest {
  private static final String STRONG_FOR_MAINNET = "orbit sawdust lemon violin cactus harbor";
  private static final String CHEAP = "--argon2-memory-kib=8192";

  @TempDir Path tmp;

  private String[] vault(String pass, String... more) throws Exception {
    Files.writeString(tmp.resolve("pass.txt"), pass + "\n");
    List<String> a = new ArrayList<>(List.of(more));
    a.addAll(List.of("--vault", tmp.resolve("vault").toString(), "--passphrase-file",
        tmp.resolve("pass.txt").toString()));
    return a.toArray(String[]::new);
  }

  private static CliRun ok(CliRun run) {
    assertThat(run.code()).as("exit code; stderr: " + run.err()).isZero();
    return run;
  }

  @Test
  void vaultInit_weakPassphrase_isRefusedWithTheReason_andNoVaultIsCreated() throws Exception {
    // The issue's case: "abc" for a mainnet cold-key vault.
    CliRun weak = CliRun.run(vault("abc", "keys", "vault", "init", "--network", "mainnet", CHEAP));
    assertThat(weak.code()).isEqualTo(3);
    assertThat(weak.err()).contains("palisade: the new vault passphrase is too weak for mainnet")
        .contains("six or more words picked at random").contains("Nothing was written");
    assertThat(tmp.resolve("vault")).doesNotExist();

    // Four random words: enough on a test network, not on mainnet.
    String four = "wheat ostrich plenty bamboo";
    assertThat(CliRun.run(vault(four, "keys", "vault", "init", "--network", "mainnet", CHEAP)).code()).isEqualTo(3);
    ok(CliRun.run(vault(four, "keys", "vault", "init", "--network", "preview", CHEAP, "--argon2-iterations=1")));
  }

  @Test
  void vaultInit_strongPassphrase_onMainnet_isAccepted() throws Exception {
    CliRun run = ok(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "vault", "init", "--network", "mainnet", CHEAP,
        "--argon2-iterations=1")));
    assertThat(run.out()).contains("vault created");
  }

  @Test
  void keyGenVrf_existingVerificationKey_isNotOverwrittenWithoutTheFlag() throws Exception {
    ok(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "vault", "init", "--network", "preview", CHEAP,
        "--argon2-iterations=1")));
    Path vkey = tmp.resolve("vrf.vkey");
    Files.writeString(vkey, "the pool's registered VRF key\n");
    CliRun refused = CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "key-gen-VRF", "--verification-key-file",
        vkey.toString()));
    assertThat(refused.code()).isEqualTo(3);
    assertThat(refused.err()).contains("refusing to overwrite " + vkey + " (--verification-key-file): it already"
        + " exists; nothing was written").contains("--overwrite");
    assertThat(Files.readString(vkey)).isEqualTo("the pool's registered VRF key\n");
    // Nothing went into the vault either: a second attempt with the flag can still use the name vault:vrf.
    CliRun replaced = ok(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "key-gen-VRF",
        "--verification-key-file", vkey.toString(), "--overwrite")));
    assertThat(replaced.err()).doesNotContain("refusing");
    assertThat(Files.readString(vkey)).contains("VrfVerificationKey_PraosVRF");
  }

  @Test
  void everyKeyAndCertificateWriter_refusesAnExistingFile() throws Exception {
    ok(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "vault", "init", "--network", "preview", CHEAP,
        "--argon2-iterations=1")));
    Path cold = tmp.resolve("cold.vkey");
    Path counter = tmp.resolve("cold.counter");
    ok(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "key-gen", "--cold-verification-key-file",
        cold.toString(), "--operational-certificate-issue-counter-file", counter.toString())));
    byte[] counterBefore = Files.readAllBytes(counter);

    // key-gen again onto the same files: both named, the vault untouched (vault:cold would refuse anyway).
    CliRun again = CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "key-gen", "--cold-verification-key-file",
        cold.toString(), "--operational-certificate-issue-counter-file", counter.toString(), "--cold-signing-key-file",
        "vault:cold2"));
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.err()).contains(cold + " (--cold-verification-key-file) and " + counter
        + " (--operational-certificate-issue-counter-file): they already exist");

    // new-counter onto an existing counter.
    CliRun nc = CliRun.run("keys", "node", "new-counter", "--cold-verification-key-file", cold.toString(),
        "--counter-value", "5", "--operational-certificate-issue-counter-file", counter.toString());
    assertThat(nc.code()).isEqualTo(3);
    assertThat(Files.readAllBytes(counter)).isEqualTo(counterBefore);

    // key-gen-KES, then issue-op-cert onto an existing certificate: refused before the counter moves.
    Path kes = tmp.resolve("kes.vkey");
    ok(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "key-gen-KES", "--verification-key-file",
        kes.toString())));
    assertThat(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "key-gen-KES", "--verification-key-file",
        kes.toString(), "--signing-key-file", "vault:kes2")).code()).isEqualTo(3);
    Path cert = tmp.resolve("node.cert");
    Files.writeString(cert, "the certificate the node runs with\n");
    CliRun issue = CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "issue-op-cert",
        "--kes-verification-key-file", kes.toString(), "--operational-certificate-issue-counter-file",
        counter.toString(), "--kes-period", "1", "--out-file", cert.toString()));
    assertThat(issue.code()).isEqualTo(3);
    assertThat(issue.err()).contains(cert + " (--out-file)");
    assertThat(Files.readAllBytes(counter)).isEqualTo(counterBefore);
    assertThat(Files.readString(cert)).isEqualTo("the certificate the node runs with\n");
    ok(CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "node", "issue-op-cert", "--kes-verification-key-file",
        kes.toString(), "--operational-certificate-issue-counter-file", counter.toString(), "--kes-period", "1",
        "--out-file", cert.toString(), "--overwrite")));

    // verification-key onto an existing file.
    CliRun vk = CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "verification-key", "--signing-key-file",
        "vault:cold", "--verification-key-file", cold.toString()));
    assertThat(vk.code()).isEqualTo(3);

    // An export never replaces a file, whatever the flags: it may hold a secret.
    Path exported = tmp.resolve("cold.skey");
    Files.writeString(exported, "something else\n");
    CliRun export = CliRun.run(vault(STRONG_FOR_MAINNET, "keys", "vault", "export", "--name", "cold", "--out-file",
        exported.toString(), "--i-understand-this-writes-a-plaintext-secret"));
    assertThat(export.code()).isEqualTo(3);
    assertThat(export.err()).contains("never replaces it");
    assertThat(Files.readString(exported)).isEqualTo("something else\n");
  }

  @Test
  void badPoolId_namesTheOption_everywhereAPoolIdIsParsed() throws Exception {
    Path share = tmp.resolve("share.json");
    Files.writeString(share, "{}");
    // The docs' own placeholder, as a user pastes it.
    CliRun drill = CliRun.run("keys", "backup", "drill", "--share", share.toString(), "--pool-id", "pool1...");
    assertThat(drill.code()).isEqualTo(2);
    assertThat(drill.err()).contains("Invalid value for option '--pool-id': not a bech32 string");
    CliRun request = CliRun.run("keys", "rotation-request", "--pool-id", "abcd", "--never-minted", "--current-slot",
        "1", "--network", "preview", "--out", tmp.resolve("r.json").toString());
    assertThat(request.code()).isEqualTo(2);
    assertThat(request.err()).contains("Invalid value for option '--pool-id': pool id must be 56 hex digits");
    CliRun open = CliRun.run("keys", "bundle", "open", "--bundle", share.toString(), "--pool-id", "stake1xyz",
        "--out-dir", tmp.resolve("ram").toString());
    assertThat(open.code()).isEqualTo(2);
    assertThat(open.err()).contains("Invalid value for option '--pool-id'");
    assertThat(tmp.resolve("r.json")).doesNotExist();
    assertThat(tmp.resolve("ram")).doesNotExist();
  }
}
