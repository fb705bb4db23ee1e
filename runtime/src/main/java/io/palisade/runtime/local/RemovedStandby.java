package io.palisade.runtime.local;

import io.palisade.control.ControlState;
import io.palisade.control.MemberState;
import io.palisade.control.lease.LeaseState;
import io.palisade.spec.NodeRole;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A standby block producer taken out of pool.yaml, settled when {@code up} opens the pool: refused while the standby
 * holds the producer lease or a move is in progress (forging would stop, or two producers could hold keys: switch back
 * first); otherwise the lease keeps its holder and token (a standby added again later continues from it) but loses
 * any queued switchover, and the former standby is dropped from the control state, its process stopped and its RAM
 * credentials directory removed.
 */
final class RemovedStandby {
  private RemovedStandby() {}

  /**
   * Checks the lease of a pool whose spec declares no standby, and clears a queued switchover.
   *
   * @param dir the data directory
   * @param spec the spec just loaded
   * @throws IllegalStateException (refused) when the lease is not with the spec's block producer, or moving
   * @throws IOException if the lease file cannot be read or written
   */
  static void checkLease(DataDir dir, PoolSpec spec) throws IOException {
    if (spec.standbyRef().isPresent()) {
      return;
    }
    Optional<LeaseState> saved = dir.read(dir.leaseFile(), LeaseState.class);
    if (saved.isEmpty()) {
      return;
    }
    LeaseState s = saved.get();
    String bp = spec.blockProducerRef().name();
    if (s.handover() != null) {
      throw new IllegalStateException("pool.yaml no longer declares a standby, but a " + s.handover().kind().name()
          .toLowerCase(java.util.Locale.ROOT) + " from " + s.handover().from() + " to " + s.handover().to()
          + " is in progress; put the standby back in pool.yaml, start 'palisade up', let it finish"
          + " ('palisade producer status'), then remove the standby");
    }
    if (!s.lease().holder().equals(bp)) {
      throw new IllegalStateException("pool.yaml no longer declares a standby, but " + s.lease().holder()
          + " holds the producer lease (token " + s.lease().token() + ") and forges; removing it now would stop"
          + " forging: put it back in pool.yaml, start 'palisade up', 'palisade producer switchover --wait' to " + bp
          + ", then remove the standby");
    }
    if (s.switchoverRequestedAt() != null) {
      dir.write(dir.leaseFile(), s.withSwitchoverRequested(null));
    }
  }

  /**
   * The block producers of the control state that the spec no longer declares: former standbys.
   *
   * @param state the saved control state, or null
   * @param spec the spec
   * @return their names
   */
  static List<String> formerStandbys(ControlState state, PoolSpec spec) {
    if (state == null) {
      return List.of();
    }
    List<String> producers = spec.producerRefs().stream().map(r -> r.name()).toList();
    return state.members().stream().map(MemberState::ref)
        .filter(r -> r.role() == NodeRole.BLOCK_PRODUCER && !producers.contains(r.name()))
        .map(r -> r.name()).toList();
  }

  /**
   * Removes a former standby's RAM credentials directory (links or an old copy, wiped).
   *
   * @param keysDir the pool's RAM key directory
   * @param node the former standby
   * @throws IOException if it cannot be removed
   */
  static void removeCredentials(Path keysDir, String node) throws IOException {
    HotKeySetup.remove(keysDir.resolve("producers").resolve(node));
  }
}
