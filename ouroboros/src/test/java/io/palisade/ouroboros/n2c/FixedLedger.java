package io.palisade.ouroboros.n2c;

import io.palisade.ouroboros.n2c.StakeSnapshots.PoolStake;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/** A ledger view with fixed answers (preview-like), for tests. */
final class FixedLedger implements LedgerView, LedgerView.Snapshot {
  static final PoolId POOL = new PoolId("0a".repeat(28));
  static final PoolId OTHER = new PoolId("0b".repeat(28));
  static final GenesisConfig PREVIEW_GENESIS = new GenesisConfig(Instant.parse("2022-10-25T00:00:00Z"), 2, false,
      new Ratio(1, 20), 432, 86_400, 129_600, 62, 1_000_000, 5, 45_000_000_000_000_000L);

  private final Era era;

  FixedLedger(Era era) {
    this.era = era;
  }

  @Override
  public Snapshot snapshot() {
    return this;
  }

  @Override
  public Era era() {
    return era;
  }

  @Override
  public long epoch() {
    return 1_234;
  }

  @Override
  public StakeSnapshots stakeSnapshots(SortedSet<PoolId> pools) {
    SortedMap<PoolId, PoolStake> stakes = new TreeMap<>();
    Map<PoolId, PoolStake> known = Map.of(POOL, new PoolStake(3_000_000_000_000L, 2_900_000_000_000L,
        2_800_000_000_000L), OTHER, new PoolStake(5, 6, 7));
    for (PoolId p : pools.isEmpty() ? known.keySet() : pools) {
      stakes.put(p, known.getOrDefault(p, new PoolStake(0, 0, 0)));
    }
    return new StakeSnapshots(stakes, 1_300_000_000_000_000L, 1_290_000_000_000_000L, 1_280_000_000_000_000L);
  }

  @Override
  public PraosState praosState() {
    return new PraosState(OptionalLong.of(106_617_600), new TreeMap<>(Map.of(POOL, 7L, OTHER, 0L)),
        Nonce.ofHex("11".repeat(32)), Nonce.ofHex("22".repeat(32)), Nonce.ofHex("33".repeat(32)), Optional.empty(),
        Nonce.ofHex("44".repeat(32)), Nonce.NEUTRAL);
  }

  @Override
  public GenesisConfig genesis() {
    return PREVIEW_GENESIS;
  }

  @Override
  public ProtocolParameters protocolParameters() {
    return era.praos() ? new ProtocolParameters(10, 0, Optional.empty())
        : new ProtocolParameters(6, 0, Optional.of(new Ratio(1, 2)));
  }
}
