package io.palisade.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.cli.CliRun;
import io.palisade.cli.JsonOption;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.testing.SecretScan;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole offline/online workflow through the CLI, as docs/keys.md tells it, then a scan of every directory the
 * commands touched (and the system temp dir) for plaintext key material.
 */
class KeysWorkflowTest {
  @TempDir Path tmp;

  private String[] vaultArgs(String... more) {
    List<String> a = new ArrayList<>(List.of(more));
    a.addAll(List.of("--vault", tmp.resolve("vault").toString(), "--passphrase-file",
        tmp.resolve("pass.txt").toString()));
    return a.toArray(String[]::new);
  }

  private static CliRun ok(CliRun run) {
    assertThat(run.code()).as("exit code; stderr: " + run.err() + " stdout: " + run.out()).isZero();
    return run;
  }

  @Test
  void ceremony_backup_drill_rotate_open_andNoPlaintextSecretLeftBehind() throws Exception {
    Path sysTmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> tmpBefore;
    try (Stream<Path> s = Files.list(sysTmp)) {
      tmpBefore = s.toList();
    }
    Files.writeString(tmp.resolve("pass.txt"), "wheat ostrich plenty bamboo cactus\n");
    Files.writeString(tmp.resolve("bundle-pass.txt"), "orbit sawdust lemon violin harbor\n");
    String cheap = "--argon2-memory-kib=8192";

    // Offline: the key ceremony.
    ok(CliRun.run(vaultArgs("keys", "vault", "init", "--network", "preview", cheap, "--argon2-iterations=1")));
    CliRun keyGen = ok(CliRun.run(vaultArgs("keys", "node", "key-gen", "--cold-verification-key-file",
        tmp.resolve("cold.vkey").toString(), "--operational-certificate-issue-counter-file",
        tmp.resolve("cold.counter").toString())));
    assertThat(keyGen.out()).startsWith("pool pool1");
    ok(CliRun.run(vaultArgs("keys", "node", "key-gen-VRF", "--verification-key-file",
        tmp.resolve("vrf.vkey").toString())));
    CliRun plaintext = CliRun.run(vaultArgs("keys", "node", "key-gen-KES", "--verification-key-file",
        tmp.resolve("kes.vkey").toString(), "--signing-key-file", tmp.resolve("kes.skey").toString()));
    assertThat(plaintext.code()).isEqualTo(3);
    assertThat(plaintext.err()).contains("refusing to write a plaintext signing key");
    assertThat(tmp.resolve("kes.skey")).doesNotExist();

    JsonNode status = JsonOption.mapper().readTree(ok(CliRun.run(vaultArgs("keys", "vault", "status", "--unlock",
        "--json"))).out());
    String poolHex = status.get("poolIdHex").asText();
    assertThat(ok(CliRun.run("keys", "pool-id", "--cold-verification-key-file", tmp.resolve("cold.vkey").toString(),
        "--output-format", "hex")).out().trim()).isEqualTo(poolHex);
    assertThat(status.get("keys")).hasSize(2);

    // Geographic backup and a drill with two of three shares.
    CliRun backup = ok(CliRun.run(vaultArgs("keys", "backup", "--shares", "3", "--threshold", "2", "--label",
        "Zurich safe", "--label", "Lisbon bank box", "--label", "Notary", "--out-dir", tmp.resolve("shares").toString())));
    assertThat(backup.out()).contains("share 1 of 3  Zurich safe");
    Path share1 = tmp.resolve("shares/share-1-of-3-zurich-safe.json");
    Path share3 = tmp.resolve("shares/share-3-of-3-notary.txt");
    CliRun drill = ok(CliRun.run("keys", "backup", "drill", "--share", share1.toString(), "--share", share3.toString(),
        "--pool-id", poolHex));
    assertThat(drill.out()).contains("OK: shares 1 (Zurich safe), 3 (Notary) restore the cold key of pool");
    CliRun tooFew = CliRun.run("keys", "backup", "drill", "--share", share1.toString());
    assertThat(tooFew.code()).isEqualTo(2);
    assertThat(tooFew.err()).contains("need 2 shares");

    // Online: what the node sees. Offline: rotate. Online: inspect and open.
    ChainClock clock = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
    Path request = tmp.resolve("rotation-request.json");
    ok(CliRun.run("keys", "rotation-request", "--pool-id", poolHex, "--never-minted", "--current-slot",
        String.valueOf(clock.currentSlot()), "--network", "preview", "--out", request.toString()));
    CliRun skip = CliRun.run(vaultArgs("keys", "rotate", "--request", request.toString(), "--out-file",
        tmp.resolve("skip.json").toString(), "--bundle-passphrase-file", tmp.resolve("bundle-pass.txt").toString(),
        "--counter", "2", cheap));
    assertThat(skip.code()).isEqualTo(3);
    assertThat(skip.err()).contains("counter 2 would skip past 1");
    CliRun policy = CliRun.run(vaultArgs("keys", "rotate", "--request", request.toString(), "--out-file",
        tmp.resolve("policy.json").toString(), "--bundle-passphrase-file", tmp.resolve("bundle-pass.txt").toString(),
        "--counter", "1", cheap));
    assertThat(policy.code()).isEqualTo(3);
    assertThat(policy.err()).contains("counter 1 is one the ledger accepts").contains("Palisade's policy issues 0");
    Path bundle = tmp.resolve("hot-keys.json");
    CliRun rotate = ok(CliRun.run(vaultArgs("keys", "rotate", "--request", request.toString(), "--out-file",
        bundle.toString(), "--bundle-passphrase-file", tmp.resolve("bundle-pass.txt").toString(), cheap,
        "--argon2-iterations=1")));
    assertThat(rotate.out()).contains("opcert counter 0, KES start period " + clock.now().kesPeriod());
    assertThat(ok(CliRun.run("keys", "bundle", "inspect", "--bundle", bundle.toString())).out())
        .contains("signature       valid");
    Path ram = tmp.resolve("ram");
    ok(CliRun.run("keys", "bundle", "open", "--bundle", bundle.toString(), "--bundle-passphrase-file",
        tmp.resolve("bundle-pass.txt").toString(), "--pool-id", poolHex, "--out-dir", ram.toString()));
    ok(CliRun.run("keys", "verify-op-cert", "--op-cert-file", ram.resolve("node.cert").toString(),
        "--cold-verification-key-file", tmp.resolve("cold.vkey").toString()));
    CliRun wrongPass = CliRun.run("keys", "bundle", "open", "--bundle", bundle.toString(), "--bundle-passphrase-file",
        tmp.resolve("pass.txt").toString(), "--out-dir", tmp.resolve("ram2").toString());
    assertThat(wrongPass.code()).isEqualTo(2);
    assertThat(wrongPass.err()).contains("wrong passphrase for the hot-key bundle");
    assertThat(tmp.resolve("ram2")).doesNotExist();

    // Wrong vault passphrase: clear error, vault untouched.
    Files.writeString(tmp.resolve("wrong.txt"), "not it\n");
    byte[] vaultBefore = Files.readAllBytes(tmp.resolve("vault/vault.json"));
    CliRun wrong = CliRun.run("keys", "vault", "status", "--unlock", "--vault", tmp.resolve("vault").toString(),
        "--passphrase-file", tmp.resolve("wrong.txt").toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("wrong passphrase");
    assertThat(Files.readAllBytes(tmp.resolve("vault/vault.json"))).isEqualTo(vaultBefore);

    // Export only with the loud flag.
    CliRun quiet = CliRun.run(vaultArgs("keys", "vault", "export", "--name", "cold", "--out-file",
        tmp.resolve("export/cold.skey").toString()));
    assertThat(quiet.code()).isEqualTo(3);
    assertThat(tmp.resolve("export/cold.skey")).doesNotExist();

    // The scan: the secrets are the vault's cold and VRF keys and the bundle's KES key.
    List<byte[]> secrets = new ArrayList<>();
    try (VaultCredentials c = VaultCredentials.passphrase("wheat ostrich plenty bamboo cactus".toCharArray());
        Vault v = Vault.open(tmp.resolve("vault"), c, Clock.systemUTC());
        ColdSigningKey cold = v.coldKey("cold");
        VrfSigningKey vrf = v.vrfKey("vrf")) {
      secrets.add(cold.toEnvelope().rawKey(cold.type(), "cold"));
      secrets.add(vrf.revealBytes());
    }
    try (var kes = io.palisade.keys.SigningKey.read(ram.resolve("kes.skey"))) {
      secrets.add(((io.palisade.keys.kes.KesSigningKey) kes).revealBytes());
    }
    List<Path> scanned = new ArrayList<>();
    try (Stream<Path> s = Files.list(tmp)) {
      // Everything but the RAM directory, where 'bundle open' writes the node's keys on purpose.
      s.filter(p -> !p.equals(ram)).forEach(scanned::add);
    }
    assertThat(SecretScan.findings(scanned, secrets)).isEmpty();
    // New entries of the system temp dir: our secrets only (other programs may keep key files of their own there).
    List<Path> newInSysTmp = new ArrayList<>();
    try (Stream<Path> s = Files.list(sysTmp)) {
      s.filter(p -> !tmpBefore.contains(p) && !p.startsWith(tmp)).forEach(newInSysTmp::add);
    }
    assertThat(SecretScan.findings(newInSysTmp, secrets, false)).isEmpty();
    // The scan does find what it looks for: the node files in the RAM dir hold the KES and VRF keys.
    assertThat(SecretScan.findings(List.of(ram), secrets)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void importWithShred_thenExportWithTheLoudFlag() throws Exception {
    Files.writeString(tmp.resolve("pass.txt"), "wheat ostrich plenty bamboo cactus\n");
    ok(CliRun.run(vaultArgs("keys", "vault", "init", "--network", "preprod", "--argon2-memory-kib=8192",
        "--argon2-iterations=1")));
    Path skey = tmp.resolve("old/cold.skey");
    Files.createDirectories(skey.getParent());
    byte[] original;
    try (ColdSigningKey cold = ColdSigningKey.generate(new java.security.SecureRandom())) {
      original = cold.toEnvelope().toBytes();
    }
    Files.write(skey, original);
    CliRun imported = ok(CliRun.run(vaultArgs("keys", "vault", "import", "--signing-key-file", skey.toString(),
        "--name", "cold", "--shred")));
    assertThat(imported.out()).contains("imported StakePoolSigningKey_ed25519").contains("shredded");
    assertThat(skey).doesNotExist();
    Path out = tmp.resolve("export/cold.skey");
    CliRun export = ok(CliRun.run(vaultArgs("keys", "vault", "export", "--name", "cold", "--out-file",
        out.toString(), "--i-understand-this-writes-a-plaintext-secret")));
    assertThat(export.err()).contains("WARNING").contains("UNENCRYPTED");
    assertThat(Files.readAllBytes(out)).isEqualTo(original);
  }

  @Test
  void demo_makesABundleTheOnlineSideOpens() throws Exception {
    ok(CliRun.run("keys", "demo", "--network", "preview", "--out-dir", tmp.toString()));
    assertThat(ok(CliRun.run("keys", "bundle", "inspect", "--bundle", tmp.resolve("DEMO-hot-key-bundle.json")
        .toString())).out()).startsWith("DEMO BUNDLE");
    CliRun open = ok(CliRun.run("keys", "bundle", "open", "--bundle", tmp.resolve("DEMO-hot-key-bundle.json")
        .toString(), "--bundle-passphrase-file", tmp.resolve("DEMO-bundle-passphrase.txt").toString(), "--out-dir",
        tmp.resolve("ram").toString()));
    assertThat(open.out()).contains("(DEMO)");
  }
}
