package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlState;
import io.palisade.control.HealthState;
import io.palisade.control.KeyChanges;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PoolChanges;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.MaintenanceStatus;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerFacts;
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.spec.PoolSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code palisade status} and {@code GET /v1/status} show, projected from the pool's state, its requests and the
 * latest observations. Pure: the caller gathers the facts (ports, pids, directories, events) and the time.
 */
final class StatusProjection {
  private StatusProjection() {}

  /**
   * Where each node runs on this host.
   *
   * @param ports its ports
   * @param pid its process id, if it runs
   * @param directory its working directory
   */
  record Placement(NodePorts ports, Optional<Long> pid, Path directory) {}

  /**
   * The pool's status.
   *
   * @param spec the pool spec
   * @param dataDir the data directory
   * @param now the time
   * @param state the control state
   * @param desired the operator's requests
   * @param observed the latest observations
   * @param placement where each node runs
   * @param keys the hot keys' status
   * @param events the latest events, oldest first
   * @param maintenance leader-aware maintenance of the block producer
   * @return the status
   */
  static PoolStatus status(PoolSpec spec, Path dataDir, Instant now, ControlState state, LocalDesired desired,
      Map<String, NodeObservation> observed, Function<String, Placement> placement, HotKeyStatus keys,
      List<ControlEvent> events, MaintenanceStatus maintenance) {
    List<NodeStatus> nodes = new ArrayList<>();
    boolean allReady = true;
    for (MemberState m : state.members()) {
      NodeObservation o = observed.get(m.name());
      Placement p = placement.apply(m.name());
      // An observation older than the last action on the node (a restart a moment ago) says nothing about it now.
      boolean ready = PoolChanges.ready(observed, m);
      allReady &= ready;
      nodes.add(new NodeStatus(m.name(), m.ref().role(), m.ref().region(), m.phase(),
          o == null ? HealthState.UNKNOWN : o.state(), o != null && o.processAlive(), o != null && o.live(), ready,
          m.version(), o == null ? null : o.version(), p.pid().orElse(null), p.ports().nodeToNode(),
          p.ports().metrics(), o == null ? null : o.tipSlot(), o == null ? null : o.slotGap(), m.restarts(),
          m.topology() == null ? List.of() : m.topology(), o == null ? List.of() : o.reasons(), m.lastFailure(),
          p.directory().toString()));
    }
    // An action queued for a free window is a change in progress too.
    boolean healthy = allReady && state.rollout() == null && state.relayAddition() == null
        && (maintenance == null || maintenance.waiting().isEmpty());
    return new PoolStatus(spec.name(), spec.network().toString(), dataDir.toString(), now, healthy,
        state.poolVersion(), desired.version(), nodes, state.rollout(), state.relayAddition(), state.failedVersions(),
        state.history(), keys, desired.removedNodes(), events, maintenance);
  }

  /**
   * The block producer's hot keys: installed (with the KES periods left), revoked, or none.
   *
   * @param installed the installed bundle's header, if keys are installed
   * @param revoked the revocation, or null
   * @param chain the chain clock
   * @param now the time
   * @return the keys' status
   */
  static HotKeyStatus keys(Optional<BundleHeader> installed, KeyChanges.Revocation revoked, ChainClock chain,
      Instant now) {
    if (installed.isPresent()) {
      BundleHeader h = installed.get();
      long left = Math.max(0, chain.kesPeriodsRemaining(h.kesStartPeriod(), now));
      return new HotKeyStatus(HotKeyStatus.State.INSTALLED, h.poolIdHex(), h.poolIdBech32(), h.opcertCounter(),
          h.kesStartPeriod(), left, chain.opcertExpiry(h.kesStartPeriod()), h.demo(), (h.demo()
          ? "a throwaway DEMO key set" : "from the hot-key bundle") + ", opcert counter " + h.opcertCounter() + ", "
          + left + " KES periods left");
    }
    if (revoked != null) {
      return new HotKeyStatus(HotKeyStatus.State.REVOKED, revoked.poolIdHex(), null, revoked.opcertCounter(), null,
          null, null, false, "revoked at " + revoked.at() + (revoked.reason().isEmpty() ? ""
          : " (" + revoked.reason() + ")") + "; the block producer does not forge until a key rotation installs new"
          + " keys");
    }
    return new HotKeyStatus(HotKeyStatus.State.NONE, null, null, null, null, null, null, false,
        "no hot keys: the block producer does not forge");
  }

  /** The status with the producer lease's part (null: the pool has no standby). */
  /**
   * The producer lease's status: its holder and token, a move in progress, a queued switchover, each producer's
   * {@code forging_enabled} as last read (unknown readings left out), and the keeper's status line.
   */
  static io.palisade.control.api.ProducerStatus producer(LeaseState s, List<String> producers,
      Map<String, ProducerFacts> facts, String line) {
    String standby = producers.stream().filter(p -> !p.equals(s.lease().holder())).findFirst().orElse(null);
    Map<String, Boolean> forging = new LinkedHashMap<>();
    facts.forEach((n, x) -> {
      if (x.forging() != ForgingReading.UNKNOWN) {
        forging.put(n, x.forging() == ForgingReading.ON);
      }
    });
    return new io.palisade.control.api.ProducerStatus(s.lease().holder(), s.lease().token(), s.lease().since(),
        standby, s.handover() == null ? null : s.handover().kind().name().toLowerCase(java.util.Locale.ROOT) + " from "
            + s.handover().from() + " to " + s.handover().to() + " since " + s.handover().startedAt(),
        s.switchoverRequestedAt(), forging, line);
  }

  static PoolStatus withProducer(PoolStatus s, io.palisade.control.api.ProducerStatus producer) {
    if (producer == null) {
      return s;
    }
    boolean moving = producer.handover() != null || producer.switchoverRequestedAt() != null;
    return new PoolStatus(s.pool(), s.network(), s.dataDir(), s.at(), s.healthy() && !moving, s.version(),
        s.targetVersion(), s.nodes(), s.rollout(), s.relayAddition(), s.failedVersions(), s.history(), s.keys(),
        s.removedNodes(), s.events(), s.maintenance(), producer);
  }
}
