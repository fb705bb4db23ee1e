package io.palisade.keys.rotate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.testing.TestVaults;
import io.palisade.keys.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What rotation says when the vault's "cold" key is missing or is not a stake pool cold key. */
class RotationColdKeyTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private final ChainClock clock = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.fixed(NOW, ZoneOffset.UTC));

  @TempDir Path tmp;

  private static Rotation.Options options() {
    return new Rotation.Options("cold", "vrf", Duration.ofHours(3), Optional.empty(), false, Optional.empty(),
        TestVaults.cheapKdf());
  }

  private RotationRequest request() {
    try (ColdSigningKey other = ColdSigningKey.generate(new SecureRandom())) {
      return RotationRequest.of(KnownNetwork.PREVIEW.genesis(), other.poolId(), OptionalLong.of(3),
          clock.currentSlot(), NOW);
    }
  }

  @Test
  void coldKeyOfAnotherEnvelopeType_isNamedWithItsType_notCalledMissing() throws Exception {
    // A genesis delegate key, as cardano-cli writes it, imported under the name "cold".
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    Path file = Files.writeString(tmp.resolve("delegate.skey"), "{\"type\": \"GenesisDelegateSigningKey_ed25519\","
        + " \"description\": \"Genesis delegate operator key\", \"cborHex\": \"5820"
        + HexFormat.of().formatHex(seed) + "\"}");
    try (Vault v = TestVaults.create(tmp.resolve("vault"), "preview");
        VrfSigningKey vrf = VrfSigningKey.generate(new SecureRandom())) {
      v.importFile("cold", file, false);
      v.put("vrf", vrf, false);
      assertThatThrownBy(() -> Rotation.rotate(v, request(), options(), "pass phrase".toCharArray(),
          tmp.resolve("b.json"), clock))
          .isInstanceOfSatisfying(KeysException.class, e -> org.assertj.core.api.Assertions.assertThat(e.kind())
              .isEqualTo(Kind.INVALID_INPUT))
          .hasMessageContaining("vault key \"cold\" is a GenesisDelegateSigningKey_ed25519, not a cold signing key"
              + " (StakePoolSigningKey_ed25519)")
          .hasMessageNotContaining("no cold key named");
    }
  }

  @Test
  void missingColdKey_isCalledMissing_andTheHeldNamesAreListed() {
    try (Vault v = TestVaults.create(tmp.resolve("vault"), "preview");
        VrfSigningKey vrf = VrfSigningKey.generate(new SecureRandom())) {
      v.put("vrf", vrf, false);
      assertThatThrownBy(() -> Rotation.rotate(v, request(), options(), "pass phrase".toCharArray(),
          tmp.resolve("b.json"), clock))
          .hasMessageContaining("the vault holds no cold key named \"cold\" (it holds: vrf)");
    }
  }
}
