package io.palisade.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.SigningKey;
import io.palisade.keys.TextEnvelope;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.kes.KesSigningKey;
import io.palisade.keys.testing.SecretScan;
import io.palisade.keys.testing.TestVaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passphrase vault: round trips, and one named test per failure the issue lists. */
class VaultTest {
  @TempDir Path tmp;

  private final SecureRandom random = new SecureRandom();

  @Test
  void putGet_roundTripsEveryKeyType_andTheFileHoldsNoPlaintext() throws Exception {
    Path dir = tmp.resolve("vault");
    byte[] coldRaw;
    byte[] vrfRaw;
    byte[] kesRaw;
    try (Vault v = TestVaults.create(dir, "preview");
        ColdSigningKey cold = ColdSigningKey.generate(random);
        VrfSigningKey vrf = VrfSigningKey.generate(random);
        KesSigningKey kes = KesSigningKey.generate(random)) {
      v.put("cold", cold, false);
      v.put("vrf", vrf, false);
      v.put("kes-1", kes, false);
      coldRaw = cold.toEnvelope().rawKey(cold.type(), "t");
      vrfRaw = vrf.revealBytes();
      kesRaw = kes.revealBytes();
      assertThat(v.poolId()).contains(cold.poolId());
    }
    try (Vault v = TestVaults.open(dir);
        SigningKey cold = v.get("cold");
        SigningKey vrf = v.get("vrf");
        SigningKey kes = v.get("kes-1")) {
      assertThat(cold.toEnvelope().rawKey(cold.type(), "t")).isEqualTo(coldRaw);
      assertThat(((VrfSigningKey) vrf).revealBytes()).isEqualTo(vrfRaw);
      assertThat(((KesSigningKey) kes).revealBytes()).isEqualTo(kesRaw);
      assertThat(v.names()).containsExactlyInAnyOrder("cold", "vrf", "kes-1");
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve(Vault.FILE_NAME)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(SecretScan.findings(List.of(tmp), List.of(coldRaw, vrfRaw, kesRaw))).isEmpty();
  }

  @Test
  void wrongPassphrase_clearError_fileUnchanged() throws Exception {
    Path dir = tmp.resolve("vault");
    TestVaults.create(dir, "preview").close();
    byte[] before = Files.readAllBytes(dir.resolve(Vault.FILE_NAME));
    try (VaultCredentials wrong = VaultCredentials.passphrase("Tr0ub4dor&3".toCharArray())) {
      assertThatThrownBy(() -> Vault.open(dir, wrong, Clock.systemUTC()))
          .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.WRONG_CREDENTIAL))
          .hasMessageContaining("wrong passphrase");
    }
    assertThat(Files.readAllBytes(dir.resolve(Vault.FILE_NAME))).isEqualTo(before);
  }

  @Test
  void tamperedMetadata_isCaughtByTheMac() throws Exception {
    Path dir = tmp.resolve("vault");
    try (Vault v = TestVaults.create(dir, "preview"); ColdSigningKey cold = ColdSigningKey.generate(random)) {
      v.put("cold", cold, false);
      v.recordIssued(5, 100);
    }
    Path file = dir.resolve(Vault.FILE_NAME);
    ObjectMapper m = new ObjectMapper();
    ObjectNode doc = (ObjectNode) m.readTree(file.toFile());
    ((ObjectNode) doc.get("state")).put("lastIssuedCounter", 2); // an attacker rolls the counter record back
    Files.write(file, m.writeValueAsBytes(doc));
    assertThatThrownBy(() -> TestVaults.open(dir))
        .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TAMPERED))
        .hasMessageContaining("was altered");
  }

  @Test
  void tamperedCiphertext_isCaughtByGcm_evenWithAValidMacRecomputed() throws Exception {
    // Without the data key nobody can recompute the MAC; flip one ciphertext byte and the MAC fails first.
    Path dir = tmp.resolve("vault");
    try (Vault v = TestVaults.create(dir, "preview"); ColdSigningKey cold = ColdSigningKey.generate(random)) {
      v.put("cold", cold, false);
    }
    Path file = dir.resolve(Vault.FILE_NAME);
    String text = Files.readString(file);
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(text);
    String ct = doc.get("keys").get("cold").get("ciphertext").asText();
    String flipped = (ct.charAt(0) == '0' ? "1" : "0") + ct.substring(1);
    Files.writeString(file, text.replace(ct, flipped));
    assertThatThrownBy(() -> TestVaults.open(dir))
        .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TAMPERED));
  }

  @Test
  void truncatedFile_atEveryLength_givesAClearErrorNeverACrash() throws Exception {
    Path dir = tmp.resolve("vault");
    try (Vault v = TestVaults.create(dir, "preview"); ColdSigningKey cold = ColdSigningKey.generate(random)) {
      v.put("cold", cold, false);
    }
    Path file = dir.resolve(Vault.FILE_NAME);
    byte[] whole = Files.readAllBytes(file);
    for (int len = 0; len < whole.length; len += 37) {
      Files.write(file, Arrays.copyOf(whole, len));
      assertThatThrownBy(() -> TestVaults.open(dir)).as("length " + len)
          .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isIn(Kind.INVALID_INPUT, Kind.TAMPERED))
          .hasMessageContaining("vault");
    }
  }

  @Test
  void existingName_isRefusedUnlessReplace_andCreateRefusesAnExistingVault() {
    Path dir = tmp.resolve("vault");
    try (Vault v = TestVaults.create(dir, "preview");
        ColdSigningKey a = ColdSigningKey.generate(random);
        ColdSigningKey b = ColdSigningKey.generate(random)) {
      v.put("cold", a, false);
      assertThatThrownBy(() -> v.put("cold", b, false)).hasMessageContaining("already holds a key named \"cold\"");
      assertThat(v.poolId()).contains(a.poolId());
      assertThatThrownBy(() -> v.put("Bad Name", a, false)).hasMessageContaining("key name");
    }
    assertThatThrownBy(() -> TestVaults.create(dir, "preview")).hasMessageContaining("already holds a vault");
  }

  @Test
  void secondOpen_whileOpen_isRefused() {
    Path dir = tmp.resolve("vault");
    try (Vault v = TestVaults.create(dir, "preview")) {
      assertThatThrownBy(() -> TestVaults.open(dir)).hasMessageContaining("already open");
    }
    TestVaults.open(dir).close();
  }

  @Test
  void importThenShred_thenExportWritesTheSameCardanoCliBytes() throws Exception {
    Path skey = tmp.resolve("cold.skey");
    byte[] original;
    try (ColdSigningKey cold = ColdSigningKey.generate(random)) {
      original = cold.toEnvelope().toBytes();
      Files.write(skey, original);
    }
    Path dir = tmp.resolve("vault");
    try (Vault v = TestVaults.create(dir, "preview")) {
      v.importFile("cold", skey, false);
    }
    Shredder.shred(skey);
    assertThat(skey).doesNotExist();
    Path out = tmp.resolve("export/cold.skey");
    try (Vault v = TestVaults.open(dir)) {
      v.exportPlaintext("cold", out);
      assertThatThrownBy(() -> v.exportPlaintext("cold", out)).hasMessageContaining("already exists");
    }
    assertThat(Files.readAllBytes(out)).isEqualTo(original);
    assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void importOfANonKeyFile_isRefusedWithTheType() throws Exception {
    Path vkey = tmp.resolve("cold.vkey");
    try (ColdSigningKey cold = ColdSigningKey.generate(random)) {
      Files.write(vkey, cold.verificationKeyEnvelope().toBytes());
    }
    try (Vault v = TestVaults.create(tmp.resolve("vault"), "preview")) {
      assertThatThrownBy(() -> v.importFile("cold", vkey, false))
          .hasMessageContaining("not a supported signing key").hasMessageContaining("StakePoolVerificationKey");
      assertThat(v.names()).isEmpty();
    }
    Files.writeString(vkey, "{\"type\": 1}");
    assertThatThrownBy(() -> TextEnvelope.read(vkey)).hasMessageContaining("missing string field \"type\"");
    Files.write(vkey, "not json".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TextEnvelope.read(vkey)).hasMessageContaining("invalid JSON");
  }

  @Test
  void inspect_readsPublicFactsWithoutUnlocking() {
    Path dir = tmp.resolve("vault");
    String poolHex;
    try (Vault v = TestVaults.create(dir, "preprod"); ColdSigningKey cold = ColdSigningKey.generate(random)) {
      v.put("cold", cold, false);
      poolHex = cold.poolId().hex();
    }
    VaultInfo info = Vault.inspect(dir);
    assertThat(info.network()).isEqualTo("preprod");
    assertThat(info.poolIdHex()).contains(poolHex);
    assertThat(info.protectors()).containsExactly("passphrase");
    assertThat(info.keys()).extracting(VaultInfo.KeyInfo::name).containsExactly("cold");
  }
}
