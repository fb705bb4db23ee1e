package io.palisade.control;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.MemberState.Phase;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The working copy of one pass of {@link PoolController}: mutable inside, a {@link Decision} outside. Each rule
 * ({@link RelayAdmission}, {@link Rollout}, {@link Rollback}, {@link SelfHealing}, {@link TopologyPlan}) reads and
 * changes it in the order the controller runs them.
 */
final class Pass {
  final DesiredPool desired;
  final Map<String, NodeObservation> observed;
  final Instant now;
  final HealingPolicy healing;
  final RollbackOrder order;
  /** Leader-aware maintenance: when the block producer's rollout step may start. */
  final ForgingWindow window;
  /** Who holds the producer lease, in a pool with a standby; null when there is none or it is not known. */
  final ForgingLease lease;
  final Map<String, Member> members = new LinkedHashMap<>();
  final List<Action> topologyActions = new ArrayList<>();
  final List<Action> actions = new ArrayList<>();
  final List<ControlEvent> events = new ArrayList<>();
  /** Nodes already acted on in this pass: at most one start/stop/restart per node per pass. */
  final Set<String> touched = new HashSet<>();
  final List<FailedVersion> failedVersions;
  final List<RolloutRecord> history;
  NodeVersion poolVersion;
  RolloutState rollout;
  RelayAddition relayAddition;
  NodeVersion refusedTarget;

  Pass(DesiredPool desired, Map<String, NodeObservation> observed, ControlState state, Instant now,
      HealingPolicy healing, RollbackOrder order, ForgingWindow window, ForgingLease lease) {
    this.desired = desired;
    this.lease = lease;
    this.window = window;
    this.observed = observed;
    this.now = now;
    this.healing = healing;
    this.order = order;
    state.members().forEach(m -> members.put(m.name(), new Member(m)));
    this.failedVersions = new ArrayList<>(state.failedVersions());
    this.history = new ArrayList<>(state.history());
    this.poolVersion = state.poolVersion();
    this.rollout = state.rollout();
    this.relayAddition = state.relayAddition();
    this.refusedTarget = state.refusedTarget();
  }

  Decision result() {
    List<MemberState> ms = members.values().stream().map(Member::freeze).toList();
    ControlState next = new ControlState(poolVersion, ms, rollout, relayAddition, failedVersions, history,
        refusedTarget);
    List<Action> all = new ArrayList<>(topologyActions);
    all.addAll(actions);
    return new Decision(next, all, events);
  }

  void event(Reason reason, String node, String message) {
    events.add(ControlEvent.of(now, reason, node, message));
  }

  /** Records an action on {@code m}: the node is acted on once per pass, and older observations stop counting. */
  void act(Member m, Action action) {
    actions.add(action);
    touched.add(m.name());
    m.lastActionAt = now;
  }

  /** The node's observation if it was made after the last action on the node, else null. */
  NodeObservation fresh(Member m) {
    Instant since = m.lastActionAt;
    NodeObservation o = observed.get(m.name());
    if (o == null || touched.contains(m.name()) || (since != null && !o.observedAt().isAfter(since))) {
      return null;
    }
    return o;
  }

  /** Whether the latest observation says the node is ready (however old). */
  boolean ready(String node) {
    NodeObservation o = observed.get(node);
    return o != null && o.ready();
  }

  /** Gives up on a node: FAILED, stopped (unless acted on already in this pass). */
  void fail(Member m, String reason) {
    m.phase = Phase.FAILED;
    m.lastFailure = reason;
    m.readySince = null;
    if (!touched.contains(m.name())) {
      act(m, new Action.StopNode(m.name(), reason));
    }
  }

  /**
   * Why {@code m} cannot be taken down now, or null if it can: a node must be ready before it is upgraded (not before
   * it is restored), a relay is never taken down while it is the block producer's last ready relay nor, near one of
   * the producer's leader slots, when it would leave fewer ready relays than the slot needs ({@link RelayCover}), and
   * the block producer's upgrade waits for a free window between its leader slots ({@link ForgingWindow}).
   */
  String takeDownBlocker(Member m, boolean rollingBack) {
    NodeObservation o = observed.get(m.name());
    if (!rollingBack && (m.phase == Phase.FAILED || o == null || !o.ready())) {
      return "waiting for " + m.name() + " to be ready before upgrading it (" + (m.phase == Phase.FAILED
          ? "FAILED: " + m.lastFailure : o == null ? "no observation yet" : o.reasonText()) + ")";
    }
    if (m.ref.role() == NodeRole.RELAY) {
      long otherReadyRelays = members.values().stream()
          .filter(r -> r.ref.role() == NodeRole.RELAY && r != m && r.admitted && r.phase == Phase.RUNNING)
          .filter(r -> ready(r.name()))
          .count();
      int relays = (int) members.values().stream().filter(r -> r.ref.role() == NodeRole.RELAY).count();
      RelayCover.Verdict cover = RelayCover.forRelays(relays).verdict(m.name(), ready(m.name()),
          otherReadyRelays, window, now);
      if (!cover.admitted()) {
        return cover.reason();
      }
    }
    if (!rollingBack && m.ref.isBlockProducer() && !ProducerHandoverStep.keyless(this, m)) {
      // A rollback restores a producer that failed its step: it is not forging, so it is never delayed. Nor is a
      // standby without the lease: it has no credentials, its restart costs no leader slot.
      ForgingWindow.Verdict v = window.verdict(PlannedAction.UPGRADE_STEP, false, now);
      if (!v.admitted()) {
        return v.reason(m.name());
      }
    }
    return null;
  }

  Duration deadline() {
    return desired.upgrade().deadlinePerNode();
  }
}
