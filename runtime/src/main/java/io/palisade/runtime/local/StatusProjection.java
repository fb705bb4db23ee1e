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
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.spec.PoolSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
