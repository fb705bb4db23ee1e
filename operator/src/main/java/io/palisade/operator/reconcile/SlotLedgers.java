package io.palisade.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.operator.model.SlotBook;
import io.palisade.operator.model.SlotsView;
import io.palisade.operator.model.StakePool;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The slot ledger of each StakePool the operator runs, as its last pass wrote it into {@code status.slots}, handed
 * from the reconciler's threads to the {@code /metrics} server's: a pass posts the ledger it wrote (a new object each
 * pass, never changed after: the concurrent map's put publishes it whole), a scrape turns each into
 * {@link LeaderSlotGauges} at its own time ({@link SlotBook#gauges}), so the seconds to the next leader slot are
 * the scrape's, not the pass's.
 *
 * <p>A StakePool that is gone leaves at once: JOSDK calls no pass on a deletion (the reconciler has no finalizer, so
 * that deleting a pool never waits for the operator), so a scrape keeps only the StakePools the controller's cache
 * still holds, and a pass that finds its StakePool gone removes it too.
 */
final class SlotLedgers {
  /** A StakePool's ledger and the chain clock its slots are timed on. */
  private record Posted(String pool, SlotsView ledger, ChainClock chain) {}

  private final ConcurrentMap<ResourceID, Posted> posted = new ConcurrentHashMap<>();
  /** Whether a StakePool is still there; every one until the controller's cache is known (a pass without JOSDK). */
  private volatile Predicate<ResourceID> present = id -> true;

  /**
   * From now on, a StakePool is there while the controller's cache holds it.
   *
   * @param cache the controller's cache of StakePools
   */
  void watching(IndexerResourceCache<StakePool> cache) {
    present = id -> cache.get(id).isPresent();
  }

  /**
   * A pass wrote this ledger into the StakePool's status.
   *
   * @param pool the StakePool
   * @param ledger its {@code status.slots}, not changed afterwards
   * @param genesis its network's genesis, which times the slots
   */
  void post(StakePool pool, SlotsView ledger, GenesisParameters genesis) {
    posted.put(ResourceID.fromResource(pool), new Posted(pool.getMetadata().getName(), ledger,
        new ChainClock(genesis, Clock.systemUTC())));
  }

  /**
   * The StakePool is gone (or its spec refused: its status holds no ledger any more).
   *
   * @param pool the StakePool
   */
  void remove(StakePool pool) {
    posted.remove(ResourceID.fromResource(pool));
  }

  /**
   * Each StakePool's gauges at {@code now}, by pool name (which the StakePool's name is, one per cluster: it lives
   * in the pool's own namespace), in the order of their names.
   *
   * @param now the time of the scrape
   * @return the gauges
   */
  Map<String, LeaderSlotGauges> gauges(Instant now) {
    posted.keySet().removeIf(present.negate());
    Map<String, LeaderSlotGauges> out = new LinkedHashMap<>();
    posted.values().stream().sorted(Comparator.comparing(Posted::pool))
        .forEach(p -> out.putIfAbsent(p.pool(), SlotBook.gauges(p.ledger(), p.chain(), now)));
    return out;
  }
}
