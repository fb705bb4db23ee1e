package io.palisade.keys.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.SigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.kes.KesSigningKey;
import io.palisade.keys.rotate.Rotation;
import io.palisade.keys.rotate.RotationRequest;
import io.palisade.keys.testing.SecretScan;
import io.palisade.keys.testing.TestVaults;
import io.palisade.keys.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline rotate to online open, end to end, and what the online side refuses. */
class HotKeyBundleTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final char[] BUNDLE_PASS = "bundle passphrase for the trip".toCharArray();

  @TempDir Path tmp;

  private final ChainClock clock = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.fixed(NOW, ZoneOffset.UTC));
  private Path bundle;
  private String poolHex;
  private byte[] vrfSecret;

  @BeforeEach
  void rotate() {
    try (Vault v = TestVaults.create(tmp.resolve("vault"), "preview");
        ColdSigningKey cold = ColdSigningKey.generate(new SecureRandom());
        VrfSigningKey vrf = VrfSigningKey.generate(new SecureRandom())) {
      v.put("cold", cold, false);
      v.put("vrf", vrf, false);
      poolHex = cold.poolId().hex();
      vrfSecret = vrf.revealBytes();
      RotationRequest req = RotationRequest.of(KnownNetwork.PREVIEW.genesis(), cold.poolId(), OptionalLong.of(3),
          clock.currentSlot(), NOW);
      bundle = tmp.resolve("bundle.json");
      Rotation.Result r = Rotation.rotate(v, req, options(), BUNDLE_PASS, bundle, clock);
      assertThat(r.bundle().opcertCounter()).isEqualTo(4);
      assertThat(v.lastIssuedCounter()).hasValue(4);
    }
  }

  private static Rotation.Options options() {
    return new Rotation.Options("cold", "vrf", Duration.ofHours(3), Optional.empty(), false, Optional.empty(),
        TestVaults.cheapKdf());
  }

  @Test
  void inspect_withoutPassphrase_showsVerifiedPublicFacts() {
    BundleHeader h = HotKeyBundle.inspect(bundle);
    assertThat(h.poolIdHex()).isEqualTo(poolHex);
    assertThat(h.opcertCounter()).isEqualTo(4);
    assertThat(h.kesStartPeriod()).isEqualTo(532);
    assertThat(h.network()).isEqualTo("preview");
    assertThat(h.demo()).isFalse();
  }

  @Test
  void open_writesNodeFilesTheNodeCanUse_mode0600() throws Exception {
    Path ram = tmp.resolve("ram");
    try (HotKeys keys = HotKeyBundle.open(bundle, BUNDLE_PASS, Optional.of(poolHex))) {
      assertThat(keys.opcertCounter()).isEqualTo(4);
      assertThat(keys.toString()).contains(poolHex).doesNotContain(java.util.HexFormat.of().formatHex(vrfSecret));
      keys.writeNodeFiles(ram);
      assertThat(keys.textEnvelopes()).containsOnlyKeys("kes.skey", "vrf.skey", "node.cert");
    }
    for (String f : List.of("kes.skey", "vrf.skey", "node.cert")) {
      assertThat(Files.getPosixFilePermissions(ram.resolve(f))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    OperationalCertificate cert = OperationalCertificate.read(ram.resolve("node.cert"));
    assertThat(cert.verify()).isTrue();
    assertThat(cert.poolId().hex()).isEqualTo(poolHex);
    try (SigningKey kes = SigningKey.read(ram.resolve("kes.skey"));
        SigningKey vrf = SigningKey.read(ram.resolve("vrf.skey"))) {
      assertThat(((KesSigningKey) kes).verificationKey()).isEqualTo(cert.kesVerificationKey());
      assertThat(((VrfSigningKey) vrf).revealBytes()).isEqualTo(vrfSecret);
    }
    // Only the RAM dir the caller chose holds plaintext keys; the bundle and the vault hold none.
    assertThat(SecretScan.findings(List.of(tmp.resolve("vault"), bundle), List.of(vrfSecret))).isEmpty();
  }

  @Test
  void wrongPassphrase_wrongPool_areRefused() {
    assertThatThrownBy(() -> HotKeyBundle.open(bundle, "nope".toCharArray(), Optional.empty()))
        .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.WRONG_CREDENTIAL));
    assertThatThrownBy(() -> HotKeyBundle.open(bundle, BUNDLE_PASS,
        Optional.of("pool16r8fhvl4y9y9n2qe9spq0hfyjv4th3crg2k072etym30y638el4")))
        .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CHECK_FAILED))
        .hasMessageContaining("not the expected d0ce9bb3");
  }

  @Test
  void anyAlteredField_failsTheColdSignature() throws Exception {
    ObjectMapper m = new ObjectMapper();
    for (String[] change : new String[][] {{"network", "mainnet"}, {"createdAt", "2030-01-01T00:00:00Z"},
        {"vrfVerificationKey", "00".repeat(32)}}) {
      ObjectNode d = (ObjectNode) m.readTree(bundle.toFile());
      d.put(change[0], change[1]);
      Path altered = tmp.resolve("altered-" + change[0] + ".json");
      Files.write(altered, m.writeValueAsBytes(d));
      assertThatThrownBy(() -> HotKeyBundle.inspect(altered)).as(change[0])
          .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TAMPERED))
          .hasMessageContaining("signature does not verify");
    }
    ObjectNode d = (ObjectNode) m.readTree(bundle.toFile());
    ((ObjectNode) d.get("operationalCertificate")).put("counter", 5);
    Path altered = tmp.resolve("altered-counter.json");
    Files.write(altered, m.writeValueAsBytes(d));
    assertThatThrownBy(() -> HotKeyBundle.open(altered, BUNDLE_PASS, Optional.empty()))
        .hasMessageContaining("signature does not verify");
  }

  @Test
  void resignedByAnotherColdKey_isCaughtByTheExpectedPool() throws Exception {
    // An attacker can make a self-consistent bundle with their own cold key; the expected pool id stops it.
    Path forged = tmp.resolve("forged.json");
    try (ColdSigningKey evil = ColdSigningKey.generate(new SecureRandom());
        KesSigningKey kes = KesSigningKey.generate(new SecureRandom());
        VrfSigningKey vrf = VrfSigningKey.generate(new SecureRandom())) {
      OperationalCertificate cert = OperationalCertificate.issue(evil, kes.verificationKey(), 4, 532);
      HotKeyBundle.write(forged, "preview", evil, cert, kes, vrf, BUNDLE_PASS, TestVaults.cheapKdf(), NOW, false);
    }
    assertThatThrownBy(() -> HotKeyBundle.open(forged, BUNDLE_PASS, Optional.of(poolHex)))
        .hasMessageContaining("not the expected " + poolHex);
  }

  @Test
  void truncatedOrGarbage_isRefusedClearly() throws Exception {
    byte[] all = Files.readAllBytes(bundle);
    Path cut = tmp.resolve("cut.json");
    for (int len : new int[] {0, 1, all.length / 3, all.length - 3}) {
      Files.write(cut, Arrays.copyOf(all, len));
      assertThatThrownBy(() -> HotKeyBundle.inspect(cut)).as("length " + len).isInstanceOf(KeysException.class)
          .hasMessageContaining(cut.toString());
    }
    Files.write(cut, "{\"format\":\"palisade-hot-key-bundle\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> HotKeyBundle.inspect(cut)).hasMessageContaining("missing");
  }

  @Test
  void rotateRefusal_writesNothing() throws Exception {
    Path out = tmp.resolve("refused.json");
    try (Vault v = TestVaults.open(tmp.resolve("vault"))) {
      byte[] vaultBefore = Files.readAllBytes(tmp.resolve("vault/vault.json"));
      RotationRequest stale = RotationRequest.of(KnownNetwork.PREVIEW.genesis(), v.poolId().orElseThrow(),
          OptionalLong.of(3), clock.currentSlot() - 86_400, NOW);
      assertThatThrownBy(() -> Rotation.rotate(v, stale, options(), BUNDLE_PASS, out, clock))
          .isInstanceOfSatisfying(KeysException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
          .hasMessageContaining("rotation refused").hasMessageContaining("24h away");
      assertThat(out).doesNotExist();
      assertThat(Files.readAllBytes(tmp.resolve("vault/vault.json"))).isEqualTo(vaultBefore);
    }
  }

  @Test
  void demoKeys_makeAnOpenableBundleFlaggedDemo() {
    DemoKeys.Result demo = DemoKeys.create(tmp.resolve("demo"), clock);
    assertThat(demo.bundle().getFileName().toString()).startsWith("DEMO-");
    assertThat(HotKeyBundle.inspect(demo.bundle()).demo()).isTrue();
    char[] pass = demo.readPassphrase();
    try (HotKeys keys = HotKeyBundle.open(demo.bundle(), pass, Optional.of(demo.poolIdHex()))) {
      assertThat(keys.demo()).isTrue();
      assertThat(keys.kesStartPeriod()).isEqualTo(532);
      assertThat(keys.opcertCounter()).isZero();
      Map<String, byte[]> env = keys.textEnvelopes();
      assertThat(new String(env.get("node.cert"), StandardCharsets.UTF_8)).contains("NodeOperationalCertificate");
    }
  }
}
