package io.palisade.keys.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.keys.PoolId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The guard rails, one test per rule, with a fixed clock. */
class RotationGuardTest {
  // Preview: slot = unix time - 1666656000. 2025-01-01T00:00:00Z is slot 69033600, KES period 532.
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final long SLOT = 69_033_600L;
  private static final PoolId POOL = PoolId.parse("2315ac6271e841d33136fc0604994ff9a5ed64f72fcc7a9ea30df9dd");
  private static final PoolId OTHER = PoolId.parse("d0ce9bb3f5214859a8192c0207dd24932abbc70342acff2b2b26e2f2");

  private final ChainClock clock = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.fixed(NOW, ZoneOffset.UTC));

  private static RotationRequest request(OptionalLong onChain, long slot) {
    return RotationRequest.of(KnownNetwork.PREVIEW.genesis(), POOL, onChain, slot, NOW);
  }

  private RotationDecision decide(RotationRequest r, OptionalLong lastIssued, Optional<Long> asked) {
    return RotationGuard.decide(r, new RotationGuard.VaultFacts(POOL, "preview", lastIssued), clock,
        Duration.ofHours(3), asked, false);
  }

  @Test
  void onChain7_issues8_atTheNodesPeriod() {
    RotationDecision d = decide(request(OptionalLong.of(7), SLOT), OptionalLong.of(7), Optional.empty());
    assertThat(d.allowed()).as(d.refusals().toString()).isTrue();
    assertThat(d.counter()).isEqualTo(8);
    assertThat(d.kesPeriod()).isEqualTo(532);
  }

  @Test
  void neverMinted_issues0() {
    RotationDecision d = decide(request(OptionalLong.empty(), SLOT), OptionalLong.empty(), Optional.empty());
    assertThat(d.allowed()).isTrue();
    assertThat(d.counter()).isZero();
  }

  @Test
  void reissuingTheSameNextCounter_isAllowed() {
    // Opcert 8 issued but the pool has not minted with it yet: on chain still 7, 8 again is right.
    assertThat(decide(request(OptionalLong.of(7), SLOT), OptionalLong.of(8), Optional.empty()).allowed()).isTrue();
  }

  @Test
  void askedCounter_outsideTheLedgersRange_regressesOrSkips_insideIt_isRefusedAsAPolicy() {
    assertThat(decide(request(OptionalLong.of(7), SLOT), OptionalLong.empty(), Optional.of(6L)).refusals())
        .singleElement().asString().contains("counter 6 would regress below the chain's 7")
        .contains("the ledger accepts a counter n with m <= n <= m + 1").contains("policy issues 8");
    assertThat(decide(request(OptionalLong.of(7), SLOT), OptionalLong.empty(), Optional.of(9L)).refusals())
        .singleElement().asString().contains("counter 9 would skip past 8");
    // The chain's own counter: the ledger takes it, the policy does not (the old certificate would stay usable).
    assertThat(decide(request(OptionalLong.of(7), SLOT), OptionalLong.empty(), Optional.of(7L)).refusals())
        .singleElement().asString().contains("counter 7 is one the ledger accepts").contains("here 7")
        .contains("Palisade's policy issues 8").contains("supersedes");
    assertThat(decide(request(OptionalLong.empty(), SLOT), OptionalLong.empty(), Optional.of(1L)).refusals())
        .singleElement().asString().contains("counter 1 is one the ledger accepts")
        .contains("0 for a pool that never minted");
    assertThat(decide(request(OptionalLong.empty(), SLOT), OptionalLong.empty(), Optional.of(2L)).refusals())
        .singleElement().asString().contains("counter 2 would skip past 1");
    assertThat(decide(request(OptionalLong.of(7), SLOT), OptionalLong.empty(), Optional.of(8L)).allowed()).isTrue();
    assertThat(decide(request(OptionalLong.of(7), SLOT), OptionalLong.empty(), Optional.empty()).notes())
        .contains("on-chain counter 7: the ledger accepts 7 or 8; Palisade's policy issues 8, so the new certificate"
            + " supersedes the one in use");
  }

  @Test
  void staleRequest_belowWhatTheVaultIssued_isRefused_unlessOverridden() {
    RotationRequest r = request(OptionalLong.of(5), SLOT);
    assertThat(decide(r, OptionalLong.of(9), Optional.empty()).refusals())
        .singleElement().asString().contains("already issued counter 9").contains("stale");
    assertThat(RotationGuard.decide(r, new RotationGuard.VaultFacts(POOL, "preview", OptionalLong.of(9)), clock,
        Duration.ofHours(3), Optional.empty(), true).allowed()).isTrue();
  }

  @Test
  void otherPool_otherNetwork_areRefused() {
    RotationDecision d = RotationGuard.decide(request(OptionalLong.of(1), SLOT),
        new RotationGuard.VaultFacts(OTHER, "mainnet", OptionalLong.empty()), clock, Duration.ofHours(3),
        Optional.empty(), false);
    assertThat(d.refusals()).hasSize(2);
    assertThat(d.refusals().get(0)).contains("this vault's cold key is pool " + OTHER.hex());
    assertThat(d.refusals().get(1)).contains("network preview").contains("mainnet");
  }

  @Test
  void slotFarFromThisClock_isRefused_withinMargin_isAllowed() {
    assertThat(decide(request(OptionalLong.of(1), SLOT - 2 * 3600), OptionalLong.empty(), Optional.empty())
        .allowed()).isTrue();
    RotationDecision d = decide(request(OptionalLong.of(1), SLOT - 5 * 3600), OptionalLong.empty(), Optional.empty());
    assertThat(d.refusals()).singleElement().asString().contains("5h away from this machine's clock")
        .contains("check this machine's clock");
  }

  @Test
  void offlineClockWrongByDays_isRefused() {
    ChainClock wrong = new ChainClock(KnownNetwork.PREVIEW.genesis(),
        Clock.fixed(NOW.minus(Duration.ofDays(3)), ZoneOffset.UTC));
    RotationDecision d = RotationGuard.decide(request(OptionalLong.of(1), SLOT),
        new RotationGuard.VaultFacts(POOL, "preview", OptionalLong.empty()), wrong, Duration.ofHours(3),
        Optional.empty(), false);
    assertThat(d.refusals()).singleElement().asString().contains("3d away");
  }

  @Test
  void inconsistentPeriod_isRefused() {
    RotationRequest r = new RotationRequest("preview", POOL, OptionalLong.of(1), SLOT, 600, NOW);
    assertThat(decide(r, OptionalLong.empty(), Optional.empty()).refusals())
        .singleElement().asString().contains("KES period 600 is not that of its slot");
  }
}
