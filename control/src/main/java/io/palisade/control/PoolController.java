package io.palisade.control;

import io.palisade.control.MemberState.Phase;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The control logic of a pool: a pure function of (desired, observed, state, clock) to a {@link Decision}. It keeps
 * nodes running (self-healing with backoff, giving up on a node that keeps failing), rolls out a new version one node
 * at a time with automatic rollback, and adds relays. It never performs I/O; the caller persists the returned state
 * and applies the actions through a {@link NodeRuntime}.
 *
 * <pre>{@code
 * PoolController controller = new PoolController(HealingPolicy.DEFAULT);
 * Decision d = controller.decide(desired, runtime.observe(), state, clock.instant());
 * store.save(d.state());
 * d.actions().forEach(a -> a.applyTo(runtime));
 * }</pre>
 *
 * <p>Rules, in the order a pass applies them:
 * <ol>
 *   <li>A relay in {@code desired} that is not a member yet is added (one at a time, never during a rollout): started,
 *       and put in the other nodes' topologies only once ready; missing the deadline marks it FAILED.
 *   <li>A desired version different from the pool's starts a rollout, unless that version failed before.
 *   <li>A rollout upgrades relays region by region, the block producer last. A step waits while the node is not ready
 *       or while taking it down would leave the block producer without a ready relay. The node must be ready on the
 *       new version within {@code upgrade.deadlinePerNode}, then stay ready for {@code upgrade.holdOff}. A miss marks
 *       the version failed and restores every upgraded node, the failed one first, then the others in reverse (or in
 *       the order a StatefulSet can follow, see {@link RolloutOrder#STATEFULSET}).
 *   <li>Self-healing: a node whose process died or that is not live is restarted (at once the first time, then with
 *       exponential backoff); at the {@code maxConsecutiveFailures}-th failure in a row it is stopped and FAILED.
 *   <li>Topologies: the block producer lists the admitted relays; a relay lists the block producer and its admitted
 *       siblings. A change is sent before any start in the same pass.
 * </ol>
 */
public final class PoolController {
  private final HealingPolicy healing;
  private final RolloutOrder order;

  /**
   * A controller whose rollouts take the relays of a region lowest ordinal first.
   *
   * @param healing how self-healing restarts nodes
   */
  public PoolController(HealingPolicy healing) {
    this(healing, RolloutOrder.LOWEST_ORDINAL_FIRST);
  }

  /**
   * @param healing how self-healing restarts nodes
   * @param order the order of ordinals within a region during a rollout and its rollback
   */
  public PoolController(HealingPolicy healing, RolloutOrder order) {
    this.healing = Objects.requireNonNull(healing, "healing");
    this.order = Objects.requireNonNull(order, "order");
  }

  /**
   * One pass of the control logic.
   *
   * @param desired what the operator wants
   * @param observed the latest observation of each node (a missing node means "nothing known")
   * @param state what the previous pass left, or null for a pool that never ran
   * @param now the clock's time
   * @return the next state, the actions and the events
   */
  public Decision decide(DesiredPool desired, Map<String, NodeObservation> observed, ControlState state,
      Instant now) {
    Pass pass = new Pass(desired, observed, state == null ? ControlState.initial(desired) : state, now);
    pass.admitNewRelays();
    pass.startRolloutIfWanted();
    pass.progressRollout();
    pass.progressRelayAddition();
    pass.heal();
    pass.updateTopologies();
    return pass.result();
  }

  /**
   * An operator's request to restart one node now, for example one reported FAILED after its cause was fixed. Its
   * failure count starts over.
   *
   * @param state the current state
   * @param node the node's name
   * @param now the clock's time
   * @return the decision (a restart, or a start for a stopped node)
   * @throws IllegalArgumentException if there is no such node
   */
  public Decision restartNode(ControlState state, String node, Instant now) {
    MemberState m = state.member(node).orElseThrow(() -> new IllegalArgumentException("no node named " + node));
    boolean running = m.phase() == Phase.RUNNING;
    Action action = running
        ? new Action.RestartNode(m.ref(), m.version(), "restart requested by the operator")
        : new Action.StartNode(m.ref(), m.version(), "start requested by the operator");
    List<MemberState> members = new ArrayList<>();
    for (MemberState x : state.members()) {
      members.add(!x.name().equals(node) ? x : new MemberState(x.ref(), x.version(), Phase.RUNNING, x.admitted(),
          x.topology(), 0, x.restarts(), now, null, null, x.lastFailure()));
    }
    ControlState next = new ControlState(state.poolVersion(), members, state.rollout(), state.relayAddition(),
        state.failedVersions(), state.history(), state.refusedTarget());
    ControlEvent event = ControlEvent.normal(now, "NodeRestartRequested", node,
        (running ? "restarting " : "starting ") + node + " on " + m.version() + " at the operator's request");
    return new Decision(next, List.of(action), List.of(event));
  }

  /** The working copy of one pass: mutable inside, a value outside. */
  private final class Pass {
    private final DesiredPool desired;
    private final Map<String, NodeObservation> observed;
    private final Instant now;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<Action> topologyActions = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<ControlEvent> events = new ArrayList<>();
    /** Nodes already acted on in this pass: at most one start/stop/restart per node per pass. */
    private final Set<String> touched = new HashSet<>();
    private final List<FailedVersion> failedVersions;
    private final List<RolloutRecord> history;
    private NodeVersion poolVersion;
    private RolloutState rollout;
    private RelayAddition relayAddition;
    private NodeVersion refusedTarget;

    Pass(DesiredPool desired, Map<String, NodeObservation> observed, ControlState state, Instant now) {
      this.desired = desired;
      this.observed = observed;
      this.now = now;
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

    // ---- relay addition ------------------------------------------------------------------------------------------

    void admitNewRelays() {
      if (rollout != null || relayAddition != null) {
        return;
      }
      for (NodeRef n : desired.nodes()) {
        if (!members.containsKey(n.name()) && n.role() == NodeRole.RELAY) {
          Member m = new Member(MemberState.fresh(n, poolVersion, false));
          members.put(n.name(), m);
          relayAddition = new RelayAddition(n.name(), now);
          events.add(ControlEvent.normal(now, "RelayAddStarted", n.name(), "adding relay " + n.name() + " in region "
              + n.region() + " on " + poolVersion + "; it joins the block producer's topology once ready (deadline "
              + human(desired.upgrade().deadlinePerNode()) + ")"));
          return;
        }
      }
    }

    void progressRelayAddition() {
      if (relayAddition == null) {
        return;
      }
      Member m = members.get(relayAddition.node());
      if (m == null) {
        relayAddition = null;
        return;
      }
      NodeObservation o = fresh(m);
      if (o != null && o.ready() && m.phase == Phase.RUNNING) {
        m.admitted = true;
        relayAddition = null;
        events.add(ControlEvent.normal(now, "RelayAdded", m.name(), m.name() + " is ready (" + o.reasonText()
            + "); adding it to the block producer's topology"));
        return;
      }
      Duration deadline = desired.upgrade().deadlinePerNode();
      // The deadline counts from the relay's latest start (a restart of the control plane starts it again).
      Instant since = m.lastActionAt != null && m.lastActionAt.isAfter(relayAddition.startedAt())
          ? m.lastActionAt : relayAddition.startedAt();
      boolean late = Duration.between(since, now).compareTo(deadline) > 0;
      if (m.phase == Phase.FAILED || late) {
        String why = m.phase == Phase.FAILED ? m.lastFailure
            : "not ready within " + human(deadline) + ": " + (o == null ? "no observation" : o.reasonText());
        fail(m, "relay add failed: " + why);
        relayAddition = null;
        events.add(ControlEvent.warning(now, "RelayAddFailed", m.name(), "relay " + m.name() + " was not added: " + why
            + "; it is stopped and reported FAILED, and was never put in the block producer's topology"));
      }
    }

    // ---- rollout -------------------------------------------------------------------------------------------------

    void startRolloutIfWanted() {
      NodeVersion target = desired.version();
      if (rollout != null || relayAddition != null || target.equals(poolVersion)) {
        if (target.equals(poolVersion)) {
          refusedTarget = null;
        }
        return;
      }
      var failed = failedVersions.stream().filter(f -> f.version().equals(target)).findFirst();
      if (failed.isPresent()) {
        if (!target.equals(refusedTarget)) {
          refusedTarget = target;
          events.add(ControlEvent.warning(now, "VersionNotRetried", null, "version " + target + " failed on "
              + failed.get().at() + " (" + failed.get().reason() + "); it is not rolled out again automatically. The"
              + " pool stays on " + poolVersion + "; retry explicitly to try it again"));
        }
        return;
      }
      refusedTarget = null;
      List<String> order = upgradeOrder().stream()
          .filter(m -> !m.version.equals(target))
          .map(Member::name)
          .toList();
      Map<String, NodeVersion> previous = new LinkedHashMap<>();
      members.values().forEach(m -> previous.put(m.name(), m.version));
      rollout = new RolloutState(poolVersion + "->" + target + "@" + now, poolVersion, target, now, order, List.of(),
          previous, RolloutState.Phase.WAITING, null, null, null, null, null, List.of(), null);
      events.add(ControlEvent.normal(now, "RolloutStarted", null, "upgrading " + order.size() + " node(s) from "
          + poolVersion + " to " + target + ", one at a time: " + String.join(", ", order) + " (deadline "
          + human(desired.upgrade().deadlinePerNode()) + " per node, then " + human(desired.upgrade().holdOff())
          + " hold)"));
    }

    /** Relays region by region (regions in the order they first appear), by ordinal; the block producer last. */
    private List<Member> upgradeOrder() {
      List<String> regions = new ArrayList<>();
      for (Member m : members.values()) {
        if (m.ref.role() == NodeRole.RELAY && !regions.contains(m.ref.region())) {
          regions.add(m.ref.region());
        }
      }
      List<Member> relays = members.values().stream()
          .filter(m -> m.ref.role() == NodeRole.RELAY)
          .sorted(Comparator.comparingInt((Member m) -> regions.indexOf(m.ref.region()))
              .thenComparingInt(m -> order == RolloutOrder.STATEFULSET ? -m.ref.ordinal() : m.ref.ordinal()))
          .toList();
      List<Member> order = new ArrayList<>(relays);
      members.values().stream().filter(m -> m.ref.isBlockProducer()).forEach(order::add);
      return order;
    }

    void progressRollout() {
      // A finished step can start the next one in the same pass; bounded so a bug cannot spin.
      for (int i = 0; i < 4 * members.size() + 4 && rollout != null; i++) {
        boolean moved = switch (rollout.phase()) {
          case WAITING -> stepWaiting();
          case UPGRADING -> stepUpgrading();
          case ROLLING_BACK -> stepRollingBack();
        };
        if (!moved) {
          return;
        }
      }
    }

    /** Starts the next step if it is safe. Returns whether the rollout moved on. */
    private boolean stepWaiting() {
      if (rollout.done().size() >= rollout.order().size()) {
        finishSucceeded();
        return false;
      }
      Member m = members.get(rollout.order().get(rollout.done().size()));
      if (m.version.equals(rollout.to()) && m.phase != Phase.FAILED) {
        // The step was interrupted (the pool was stopped mid-step): the node already starts on the new version, so
        // the step resumes with a fresh deadline instead of waiting for a readiness it may never reach.
        events.add(ControlEvent.normal(now, "NodeUpgrading", m.name(), "resuming the upgrade of " + m.name() + " to "
            + rollout.to() + " (step " + (rollout.done().size() + 1) + " of " + rollout.order().size() + ")"));
        rollout = withRollout(RolloutState.Phase.UPGRADING, m.name(), now, null, null, null, List.of(),
            rollout.done());
        return false;
      }
      String blocker = upgradeBlocker(m, false);
      if (blocker != null) {
        if (!blocker.equals(rollout.waitingFor())) {
          events.add(ControlEvent.warning(now, "RolloutWaiting", m.name(), blocker));
        }
        rollout = withRollout(RolloutState.Phase.WAITING, null, null, null, blocker, rollout.failure(),
            rollout.rollbackQueue(), rollout.done());
        // A node already on the new version that stops being ready holds the rollout up: if that lasts longer than a
        // step's deadline, the version is judged failed (otherwise the rollout would wait forever).
        Duration deadline = desired.upgrade().deadlinePerNode();
        if (Duration.between(rollout.waitingSince(), now).compareTo(deadline) > 0) {
          for (String n : rollout.done()) {
            NodeObservation o = observed.get(n);
            if (o == null || !o.ready()) {
              startRollback(members.get(n), n + " runs " + rollout.to() + " but has not been ready for "
                  + human(deadline) + " while the rollout waited (" + (o == null ? "no observation"
                  : o.reasonText()) + ")");
              return true;
            }
          }
        }
        return false;
      }
      NodeVersion to = rollout.to();
      act(m, new Action.RestartNode(m.ref, to, "rolling upgrade to " + to));
      m.version = to;
      m.phase = Phase.RUNNING;
      m.consecutiveFailures = 0;
      m.readySince = null;
      events.add(ControlEvent.normal(now, "NodeUpgrading", m.name(), "upgrading " + m.name() + " to " + to + " (step "
          + (rollout.done().size() + 1) + " of " + rollout.order().size() + "); it must be ready within "
          + human(desired.upgrade().deadlinePerNode())));
      rollout = withRollout(RolloutState.Phase.UPGRADING, m.name(), now, null, null, null, List.of(), rollout.done());
      return false;
    }

    /** Why {@code m} cannot be taken down now, or null if it can. */
    private String upgradeBlocker(Member m, boolean rollingBack) {
      NodeObservation o = observed.get(m.name());
      if (!rollingBack && (m.phase == Phase.FAILED || o == null || !o.ready())) {
        return "waiting for " + m.name() + " to be ready before upgrading it (" + (m.phase == Phase.FAILED
            ? "FAILED: " + m.lastFailure : o == null ? "no observation yet" : o.reasonText()) + ")";
      }
      if (m.ref.role() == NodeRole.RELAY) {
        long otherReadyRelays = members.values().stream()
            .filter(r -> r.ref.role() == NodeRole.RELAY && r != m && r.admitted && r.phase == Phase.RUNNING)
            .filter(r -> {
              NodeObservation ro = observed.get(r.name());
              return ro != null && ro.ready();
            })
            .count();
        if (otherReadyRelays == 0) {
          return "waiting: restarting " + m.name() + " now would leave the block producer without a ready relay";
        }
      }
      return null;
    }

    private boolean stepUpgrading() {
      Member m = members.get(rollout.current());
      NodeVersion to = rollout.to();
      NodeObservation o = fresh(m);
      if (m.phase == Phase.FAILED) {
        startRollback(m, m.name() + " failed on " + to + ": " + m.lastFailure);
        return true;
      }
      Duration holdOff = desired.upgrade().holdOff();
      if (o != null && o.ready() && (o.version() == null || o.version().equals(to))) {
        Instant readySince = rollout.readySince();
        if (readySince == null) {
          readySince = now;
          events.add(ControlEvent.normal(now, "NodeReady", m.name(), m.name() + " is ready on " + to + " after "
              + human(Duration.between(rollout.stepStartedAt(), now)) + "; holding " + human(holdOff)));
        }
        if (Duration.between(readySince, now).compareTo(holdOff) >= 0) {
          List<String> done = new ArrayList<>(rollout.done());
          done.add(m.name());
          events.add(ControlEvent.normal(now, "NodeUpgraded", m.name(), m.name() + " runs " + to + " and stayed"
              + " ready for " + human(holdOff)));
          rollout = withRollout(RolloutState.Phase.WAITING, null, null, null, null, null, List.of(), done);
          return true;
        }
        rollout = withRollout(RolloutState.Phase.UPGRADING, m.name(), rollout.stepStartedAt(), readySince, null, null,
            List.of(), rollout.done());
        return false;
      }
      if (rollout.readySince() != null) {
        rollout = withRollout(RolloutState.Phase.UPGRADING, m.name(), rollout.stepStartedAt(), null, null, null,
            List.of(), rollout.done());
      }
      Duration deadline = desired.upgrade().deadlinePerNode();
      if (Duration.between(rollout.stepStartedAt(), now).compareTo(deadline) > 0) {
        String seen = o == null ? "no observation since the restart"
            : o.ready() ? "ready but reports version " + o.version() : o.reasonText();
        startRollback(m, m.name() + " was not ready on " + to + " within " + human(deadline) + " (" + seen + ")");
        return true;
      }
      return false;
    }

    private void startRollback(Member failedNode, String reason) {
      NodeVersion to = rollout.to();
      failedVersions.removeIf(f -> f.version().equals(to));
      failedVersions.add(new FailedVersion(to, now, failedNode.name(), reason));
      refusedTarget = to;
      List<String> queue = new ArrayList<>();
      queue.add(failedNode.name());
      if (order == RolloutOrder.STATEFULSET) {
        queue.addAll(statefulSetRollbackOrder(rollout.done(), failedNode));
      } else {
        // The failed node may itself be one already upgraded (it went unready while the rollout waited): it heads the
        // queue once, never twice.
        List<String> done = new ArrayList<>(rollout.done());
        done.remove(failedNode.name());
        java.util.Collections.reverse(done);
        queue.addAll(done);
      }
      events.add(ControlEvent.warning(now, "VersionFailed", failedNode.name(), reason + "; version " + to
          + " is marked failed and will not be rolled out again automatically"));
      events.add(ControlEvent.warning(now, "RollbackStarted", null, "rolling back " + String.join(", ", queue)
          + " to their previous version, one at a time"));
      rollout = withRollout(RolloutState.Phase.ROLLING_BACK, null, null, null, null, reason, queue, rollout.done());
    }

    /**
     * The upgraded nodes other than the failed one, in the order a StatefulSet can restore them: regions in reverse;
     * the failed node's region lowest ordinal first (its update never completed, so each raise of the partition
     * brings one more pod back to the old template); every other region highest ordinal first (its update completed,
     * so restoring it is a fresh update to the old template).
     */
    private List<String> statefulSetRollbackOrder(List<String> done, Member failedNode) {
      Map<String, List<String>> byWorkload = new LinkedHashMap<>();
      for (String n : done) {
        if (!n.equals(failedNode.name())) {
          byWorkload.computeIfAbsent(workloadOf(members.get(n)), k -> new ArrayList<>()).add(n);
        }
      }
      List<String> workloads = new ArrayList<>(byWorkload.keySet());
      java.util.Collections.reverse(workloads);
      List<String> out = new ArrayList<>();
      for (String w : workloads) {
        List<String> nodes = new ArrayList<>(byWorkload.get(w));
        if (w.equals(workloadOf(failedNode))) {
          java.util.Collections.reverse(nodes);
        }
        out.addAll(nodes);
      }
      return out;
    }

    private String workloadOf(Member m) {
      return m.ref.isBlockProducer() ? "" : "relay-" + m.ref.region();
    }

    private boolean stepRollingBack() {
      List<String> queue = new ArrayList<>(rollout.rollbackQueue());
      if (queue.isEmpty()) {
        finishRolledBack();
        return false;
      }
      if (rollout.current() == null && order != RolloutOrder.STATEFULSET) {
        // A node that is not ready costs nothing to restore: take it first. Otherwise a ready relay at the head could
        // wait forever for a not-ready relay behind it in the queue. (A StatefulSet cannot restore out of its order.)
        String next = queue.stream().filter(n -> {
          NodeObservation no = observed.get(n);
          return no == null || !no.ready();
        }).findFirst().orElse(queue.get(0));
        queue.remove(next);
        queue.add(0, next);
      }
      Member m = members.get(queue.get(0));
      NodeVersion previous = rollout.previousVersions().getOrDefault(m.name(), rollout.from());
      if (rollout.current() == null) {
        // A node that is not ready (the failed one, for a start) cannot cost the block producer a ready relay.
        NodeObservation mo = observed.get(m.name());
        boolean notReady = m.name().equals(failedNodeName()) || mo == null || !mo.ready();
        String blocker = notReady ? null : upgradeBlocker(m, true);
        if (blocker != null) {
          if (!blocker.equals(rollout.waitingFor())) {
            events.add(ControlEvent.warning(now, "RollbackWaiting", m.name(), blocker));
          }
          rollout = withRollout(RolloutState.Phase.ROLLING_BACK, null, null, null, blocker, rollout.failure(), queue,
              rollout.done());
          return false;
        }
        act(m, new Action.RestartNode(m.ref, previous, "rollback to " + previous));
        m.version = previous;
        m.phase = Phase.RUNNING;
        m.consecutiveFailures = 0;
        m.readySince = null;
        events.add(ControlEvent.normal(now, "NodeRollingBack", m.name(), "restoring " + m.name() + " to " + previous));
        rollout = withRollout(RolloutState.Phase.ROLLING_BACK, m.name(), now, null, null, rollout.failure(), queue,
            rollout.done());
        return false;
      }
      NodeObservation o = fresh(m);
      boolean ready = o != null && o.ready() && (o.version() == null || o.version().equals(previous));
      boolean late = Duration.between(rollout.stepStartedAt(), now).compareTo(desired.upgrade().deadlinePerNode()) > 0;
      if (ready) {
        events.add(ControlEvent.normal(now, "NodeRolledBack", m.name(), m.name() + " is ready again on " + previous));
      } else if (late) {
        events.add(ControlEvent.warning(now, "RollbackStuck", m.name(), m.name() + " was not ready on " + previous
            + " within " + human(desired.upgrade().deadlinePerNode()) + " after its rollback (" + (o == null
            ? "no observation" : o.reasonText()) + "); self-healing keeps watching it"));
      } else {
        return false;
      }
      queue.remove(0);
      rollout = withRollout(RolloutState.Phase.ROLLING_BACK, null, null, null, null, rollout.failure(), queue,
          rollout.done());
      return true;
    }

    private String failedNodeName() {
      return failedVersions.stream().filter(f -> f.version().equals(rollout.to())).map(FailedVersion::node)
          .findFirst().orElse(null);
    }

    private void finishSucceeded() {
      history.add(new RolloutRecord(rollout.id(), rollout.from(), rollout.to(), rollout.startedAt(), now,
          RolloutRecord.Outcome.SUCCEEDED, "every node runs " + rollout.to(), rollout.done()));
      events.add(ControlEvent.normal(now, "RolloutSucceeded", null, "every node runs " + rollout.to() + " (took "
          + human(Duration.between(rollout.startedAt(), now)) + ")"));
      poolVersion = rollout.to();
      rollout = null;
      trimHistory();
    }

    private void finishRolledBack() {
      List<String> touchedNodes = new ArrayList<>(rollout.done());
      String failedNode = failedNodeName();
      if (failedNode != null && !touchedNodes.contains(failedNode)) {
        touchedNodes.add(failedNode);
      }
      history.add(new RolloutRecord(rollout.id(), rollout.from(), rollout.to(), rollout.startedAt(), now,
          RolloutRecord.Outcome.ROLLED_BACK, rollout.failure(), touchedNodes));
      events.add(ControlEvent.warning(now, "RolloutRolledBack", null, "the upgrade to " + rollout.to()
          + " was rolled back: " + rollout.failure() + ". The pool runs " + rollout.from() + " again"));
      rollout = null;
      trimHistory();
    }

    private void trimHistory() {
      while (history.size() > ControlState.MAX_HISTORY) {
        history.remove(0);
      }
    }

    private RolloutState withRollout(RolloutState.Phase phase, String current, Instant stepStartedAt,
        Instant readySince, String waitingFor, String failure, List<String> queue, List<String> done) {
      Instant waitingSince = waitingFor == null ? null
          : rollout.waitingSince() != null ? rollout.waitingSince() : now;
      return new RolloutState(rollout.id(), rollout.from(), rollout.to(), rollout.startedAt(), rollout.order(), done,
          rollout.previousVersions(), phase, current, stepStartedAt, readySince, waitingFor, failure, queue,
          waitingSince);
    }

    // ---- self-healing --------------------------------------------------------------------------------------------

    void heal() {
      for (Member m : members.values()) {
        if (touched.contains(m.name())) {
          continue;
        }
        switch (m.phase) {
          case NEW -> {
            act(m, new Action.StartNode(m.ref, m.version, "first start"));
            m.phase = Phase.RUNNING;
            events.add(ControlEvent.normal(now, "NodeStarted", m.name(), "starting " + m.name() + " on " + m.version));
          }
          case RESTART_PENDING -> {
            if (!now.isBefore(m.nextRestartAt)) {
              restartAfterFailure(m);
            }
          }
          case FAILED -> { }
          case RUNNING -> watch(m);
        }
      }
    }

    private void watch(Member m) {
      NodeObservation o = fresh(m);
      if (o == null) {
        return;
      }
      if (o.ready()) {
        if (m.readySince == null) {
          m.readySince = o.observedAt();
        }
        if (m.consecutiveFailures > 0
            && Duration.between(m.readySince, now).compareTo(healing.resetAfter()) >= 0) {
          events.add(ControlEvent.normal(now, "NodeRecovered", m.name(), m.name() + " stayed ready for "
              + human(healing.resetAfter()) + "; its failure count starts over"));
          m.consecutiveFailures = 0;
        }
        return;
      }
      m.readySince = null;
      if (o.processAlive() && o.live()) {
        return;
      }
      String why = (o.processAlive() ? "not live: " : "process not running: ") + o.reasonText();
      m.consecutiveFailures++;
      m.lastFailure = why;
      if (m.consecutiveFailures >= healing.maxConsecutiveFailures()) {
        fail(m, "failed " + m.consecutiveFailures + " times in a row; last: " + why);
        events.add(ControlEvent.warning(now, "NodeFailed", m.name(), m.name() + " failed " + m.consecutiveFailures
            + " times in a row (" + why + "); it is stopped and left for the operator, not restarted again"));
        return;
      }
      Duration backoff = healing.backoffBefore(m.consecutiveFailures);
      if (backoff.isZero()) {
        restartAfterFailure(m);
        return;
      }
      if (o.processAlive()) {
        act(m, new Action.StopNode(m.name(), why));
      }
      m.phase = Phase.RESTART_PENDING;
      m.nextRestartAt = now.plus(backoff);
      events.add(ControlEvent.warning(now, "NodeRestartScheduled", m.name(), m.name() + " " + why + "; restarting in "
          + human(backoff) + " (failure " + m.consecutiveFailures + " of " + healing.maxConsecutiveFailures() + ")"));
    }

    private void restartAfterFailure(Member m) {
      NodeObservation o = observed.get(m.name());
      boolean alive = o != null && o.processAlive() && o.observedAt().isAfter(orEpoch(m.lastActionAt));
      String why = m.lastFailure == null ? "failed" : m.lastFailure;
      act(m, alive ? new Action.RestartNode(m.ref, m.version, why) : new Action.StartNode(m.ref, m.version, why));
      m.phase = Phase.RUNNING;
      m.restarts++;
      m.readySince = null;
      events.add(ControlEvent.warning(now, "NodeRestarted", m.name(), "restarting " + m.name() + " on " + m.version
          + " (" + why + "; failure " + m.consecutiveFailures + " of " + healing.maxConsecutiveFailures() + ")"));
    }

    private void fail(Member m, String reason) {
      m.phase = Phase.FAILED;
      m.lastFailure = reason;
      m.readySince = null;
      if (!touched.contains(m.name())) {
        act(m, new Action.StopNode(m.name(), reason));
      }
    }

    // ---- topology ------------------------------------------------------------------------------------------------

    void updateTopologies() {
      List<String> admittedRelays = members.values().stream()
          .filter(m -> m.ref.role() == NodeRole.RELAY && m.admitted)
          .map(Member::name)
          .toList();
      String bp = members.values().stream().filter(m -> m.ref.isBlockProducer()).map(Member::name).findFirst()
          .orElse(null);
      for (Member m : members.values()) {
        List<String> peers = new ArrayList<>();
        if (m.ref.isBlockProducer()) {
          peers.addAll(admittedRelays);
        } else {
          if (bp != null) {
            peers.add(bp);
          }
          admittedRelays.stream().filter(r -> !r.equals(m.name())).forEach(peers::add);
        }
        if (peers.equals(m.topology)) {
          continue;
        }
        boolean initial = m.topology == null;
        List<String> added = peers.stream().filter(p -> m.topology == null || !m.topology.contains(p)).toList();
        String reason = initial ? "initial topology" : "pool peers changed" + (added.isEmpty() ? ""
            : ": " + String.join(", ", added) + " added");
        topologyActions.add(new Action.SetTopology(m.name(), peers, reason));
        if (!initial) {
          events.add(ControlEvent.normal(now, "TopologyUpdated", m.name(), m.name() + " now connects to "
              + String.join(", ", peers) + " (" + reason + ")"));
        }
        m.topology = peers;
      }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void act(Member m, Action action) {
      actions.add(action);
      touched.add(m.name());
      m.lastActionAt = now;
    }

    /** The node's observation if it was made after the last action on the node, else null. */
    private NodeObservation fresh(Member m) {
      Instant since = m.lastActionAt;
      NodeObservation o = observed.get(m.name());
      if (o == null || touched.contains(m.name()) || (since != null && !o.observedAt().isAfter(since))) {
        return null;
      }
      return o;
    }
  }

  private static Instant orEpoch(Instant t) {
    return t == null ? Instant.EPOCH : t;
  }

  /** A duration as people write it: 90s, 2m, 1h30m. */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() < 10_000 && d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
  }

  /** The mutable working copy of a {@link MemberState}. */
  private static final class Member {
    final NodeRef ref;
    NodeVersion version;
    Phase phase;
    boolean admitted;
    List<String> topology;
    int consecutiveFailures;
    int restarts;
    Instant lastActionAt;
    Instant nextRestartAt;
    Instant readySince;
    String lastFailure;

    Member(MemberState s) {
      ref = s.ref();
      version = s.version();
      phase = s.phase();
      admitted = s.admitted();
      topology = s.topology();
      consecutiveFailures = s.consecutiveFailures();
      restarts = s.restarts();
      lastActionAt = s.lastActionAt();
      nextRestartAt = s.nextRestartAt();
      readySince = s.readySince();
      lastFailure = s.lastFailure();
    }

    String name() {
      return ref.name();
    }

    MemberState freeze() {
      return new MemberState(ref, version, phase, admitted, topology, consecutiveFailures, restarts, lastActionAt,
          phase == Phase.RESTART_PENDING ? nextRestartAt : null, readySince, lastFailure);
    }
  }
}
