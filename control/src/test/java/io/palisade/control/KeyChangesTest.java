package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.KeyChanges.Chain;
import io.palisade.control.KeyChanges.Key;
import io.palisade.control.KeyChanges.Revocation;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guard rails of key rotation and revocation on a running pool, on fixed facts. */
class KeyChangesTest {
  static final String POOL = "aa".repeat(28);
  static final String VRF1 = "01".repeat(32);
  static final String VRF2 = "02".repeat(32);
  static final Chain PREVIEW = new Chain("preview", false, 1000, 62);
  static final Chain MAINNET = new Chain("mainnet", true, 1000, 62);

  static HotKeyFacts bundle(String network, String pool, long counter, long kesPeriod, String vrf, boolean demo) {
    return new HotKeyFacts(network, pool, counter, kesPeriod, vrf, demo);
  }

  static HotKeyFacts bundle(long counter, String vrf) {
    return bundle("preview", POOL, counter, 990, vrf, false);
  }

  static Optional<String> rotate(Key key, Optional<HotKeyFacts> installed, HotKeyFacts candidate) {
    return KeyChanges.rotationRefusal(key, installed, Optional.empty(), candidate, PREVIEW);
  }

  @Test
  void aKesRotation_needsAHigherCounter_theSamePool_andTheSameVrfKey() {
    Optional<HotKeyFacts> installed = Optional.of(bundle(3, VRF1));
    assertThat(rotate(Key.KES, installed, bundle(4, VRF1))).isEmpty();
    assertThat(rotate(Key.KES, installed, bundle(3, VRF1))).hasValueSatisfying(r -> r.contains("not above"));
    assertThat(rotate(Key.KES, installed, bundle(2, VRF1))).hasValueSatisfying(r -> r.contains("not above"));
    assertThat(rotate(Key.KES, installed, bundle(4, VRF2))).hasValueSatisfying(r -> r.contains("VRF rotation"));
    assertThat(rotate(Key.KES, installed, bundle("preview", "bb".repeat(28), 4, 990, VRF1, false)))
        .hasValueSatisfying(r -> r.contains("is for pool"));
  }

  @Test
  void aVrfRotation_needsANewVrfKey_andNoOlderCertificate() {
    Optional<HotKeyFacts> installed = Optional.of(bundle(3, VRF1));
    assertThat(rotate(Key.VRF, installed, bundle(3, VRF2))).isEmpty();
    assertThat(rotate(Key.VRF, installed, bundle(4, VRF1))).hasValueSatisfying(r -> r.contains("already installed"));
    assertThat(rotate(Key.VRF, installed, bundle(2, VRF2))).hasValueSatisfying(r -> r.contains("below"));
  }

  @Test
  void theNetwork_demoKeys_andTheKesPeriod_areChecked() {
    assertThat(rotate(Key.KES, Optional.empty(), bundle("mainnet", POOL, 0, 990, VRF1, false)))
        .hasValueSatisfying(r -> r.contains("is for mainnet"));
    assertThat(KeyChanges.rotationRefusal(Key.KES, Optional.empty(), Optional.empty(),
        bundle("mainnet", POOL, 0, 990, VRF1, true), MAINNET)).hasValueSatisfying(r -> r.contains("DEMO"));
    assertThat(rotate(Key.KES, Optional.empty(), bundle("preview", POOL, 0, 1001, VRF1, false)))
        .hasValueSatisfying(r -> r.contains("after the current period"));
    assertThat(rotate(Key.KES, Optional.empty(), bundle("preview", POOL, 0, 1000 - 62, VRF1, false)))
        .hasValueSatisfying(r -> r.contains("expired"));
    assertThat(rotate(Key.KES, Optional.empty(), bundle("Preview", POOL, 0, 1000 - 61, VRF1, false))).isEmpty();
  }

  @Test
  void revokedKeys_areNeverInstalledAgain_andOnlyTheirPoolMayFollow() {
    Optional<Revocation> revoked = Optional.of(new Revocation(Instant.EPOCH, POOL, 3, "stolen laptop"));
    assertThat(KeyChanges.rotationRefusal(Key.KES, Optional.empty(), revoked, bundle(3, VRF1), PREVIEW))
        .hasValueSatisfying(r -> r.contains("revoked"));
    assertThat(KeyChanges.rotationRefusal(Key.KES, Optional.empty(), revoked, bundle(4, VRF1), PREVIEW)).isEmpty();
    assertThat(KeyChanges.rotationRefusal(Key.KES, Optional.empty(), revoked,
        bundle("preview", "bb".repeat(28), 9, 990, VRF1, false), PREVIEW))
        .hasValueSatisfying(r -> r.contains("is for pool"));
  }

  @Test
  void theColdKey_isNeverRotatedOrRevokedByARuntime_andNothingInstalledCannotBeRevoked() {
    assertThat(rotate(Key.COLD, Optional.of(bundle(3, VRF1)), bundle(4, VRF1)))
        .hasValueSatisfying(r -> r.contains("offline key ceremony"));
    assertThat(KeyChanges.revocationRefusal(Key.COLD, Optional.of(bundle(3, VRF1))))
        .hasValueSatisfying(r -> r.contains("never comes online"));
    assertThat(KeyChanges.revocationRefusal(Key.KES, Optional.empty())).hasValueSatisfying(r -> r.contains("no hot"));
    assertThat(KeyChanges.revocationRefusal(Key.VRF, Optional.of(bundle(3, VRF1)))).isEmpty();
  }
}
