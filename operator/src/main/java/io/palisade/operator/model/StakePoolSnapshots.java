package io.palisade.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.palisade.control.MemberState;
import io.palisade.gateway.LeaderSlot;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolEvent;
import io.palisade.gateway.PoolIdentity;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ProducerLease;
import io.palisade.gateway.RolloutProgress;
import io.palisade.gateway.SlotOutcome;
import io.palisade.gateway.WaitingAction;
import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The console's view of a StakePool: its status (and the operator's Kubernetes events on it) as a {@link PoolSnapshot}.
 * Pure; the console's Kubernetes gateway reads the cluster and calls it.
 *
 * <p>The banner's name and network come from the spec, the next leader slot and the actions waiting for a free
 * window from {@code status.maintenance}, the current epoch's slots and their verdicts from the slot ledger
 * ({@code status.slots}). The status carries no tips, slot gaps or KES period counts: those stay empty. The block
 * producer's state takes the {@value StatusBuilder#KES_EXPIRING} condition into account; a relay ready but not yet
 * admitted says so.
 */
public final class StakePoolSnapshots {
  /** The recent events a snapshot keeps, newest first. */
  public static final int MAX_EVENTS = 30;

  private StakePoolSnapshots() {}

  /**
   * The snapshot of a StakePool the operator has reported on, or one saying it has not yet.
   *
   * @param pool the StakePool
   * @param events the Kubernetes events in its namespace (those not about this StakePool are left out)
   * @param where the pool as people name it ({@code NAMESPACE/NAME})
   * @param now the time the snapshot is taken
   * @return the snapshot (connected)
   */
  public static PoolSnapshot of(StakePool pool, List<Event> events, String where, Instant now) {
    StakePoolStatus s = pool.getStatus();
    List<PoolEvent> recent = new ArrayList<>();
    if (s == null || s.nodes == null) {
      recent.add(new PoolEvent(now, "", "no-status", "the operator has not reported on " + where
          + " yet: is 'palisade operator' running?"));
      return new PoolSnapshot(now, true, List.of(), Optional.empty(), recent);
    }
    // True: the certificate expires soon (or has); Unknown: no readable certificate (no hot keys installed).
    Optional<Condition> kesCondition = condition(s, StatusBuilder.KES_EXPIRING)
        .filter(c -> !"False".equals(c.getStatus()));
    String kes = kesCondition.map(c -> "KES: " + c.getMessage()).orElse(null);
    boolean kesExpiring = kesCondition.map(c -> "True".equals(c.getStatus())).orElse(false);
    List<NodeStatus> nodes = new ArrayList<>();
    for (StakePoolStatus.NodeView n : s.nodes) {
      if (n.name == null || n.name.isBlank()) {
        continue; // nothing to show or act on
      }
      nodes.add(node(n, kes, kesExpiring));
    }
    nodes.sort(Comparator.comparing((NodeStatus n) -> n.role() != NodeRole.BLOCK_PRODUCER)
        .thenComparing(NodeStatus::name));
    if (s.specErrors != null) {
      s.specErrors.forEach(e -> recent.add(new PoolEvent(now, "", "spec-error", e)));
    }
    if (s.conditions != null) {
      for (Condition c : s.conditions) {
        boolean ready = StatusBuilder.READY.equals(c.getType());
        if ("True".equals(c.getStatus()) && !ready || ready && !"True".equals(c.getStatus())) {
          recent.add(new PoolEvent(time(c.getLastTransitionTime(), now), "", c.getType(), c.getReason() + ": "
              + c.getMessage()));
        }
      }
    }
    recent.addAll(operatorEvents(pool, events, nodes, now));
    recent.sort(Comparator.comparing(PoolEvent::at).reversed());
    return new PoolSnapshot(now, true, nodes, rollout(s), recent.size() > MAX_EVENTS
        ? recent.subList(0, MAX_EVENTS) : recent)
        .withPool(identity(pool))
        .withLeaderSlots(leaderSlots(s.maintenance, s.slots))
        .withProducer(producer(s.producer));
  }

  /**
   * Which producer forges, from {@code status.producer} (a pool with a standby; the operator writes it from the
   * {@code <pool>-producer} Lease). The agents' {@code forging_enabled} readings are not in the status: unknown here.
   */
  static ProducerLease producer(StakePoolStatus.ProducerView p) {
    if (p == null || p.holder == null || p.holder.isBlank()) {
      return ProducerLease.unknown("no producer lease: the pool has no standby, or the operator has not taken one");
    }
    Optional<Instant> since = Optional.empty();
    if (p.since != null) {
      try {
        since = Optional.of(Instant.parse(p.since));
      } catch (DateTimeParseException e) {
        // A status someone edited: show the rest.
      }
    }
    String phase = p.phase == null ? "" : p.phase;
    boolean moving = !phase.isEmpty() && !"Holding".equals(phase);
    String reason = p.reason == null ? "" : p.reason;
    String status = moving ? phase + (reason.isEmpty() ? "" : ": " + reason) : p.holder + " forges";
    return new ProducerLease(true, "", p.holder, p.token == null ? 0 : p.token, since,
        p.standby == null ? "" : p.standby, moving ? status : "", Map.of(), status);
  }

  /**
   * Which pool this is, as far as the StakePool says: its name and network from the spec. The pool id needs the hot
   * keys (a Secret the console does not read for a view) and the node kind is the image's business: both unknown.
   */
  static PoolIdentity identity(StakePool pool) {
    StakePoolSpec spec = pool.getSpec();
    String name = spec != null && spec.name != null && !spec.name.isBlank() ? spec.name
        : pool.getMetadata().getName();
    return new PoolIdentity(name, spec == null ? "" : spec.network, "", PoolIdentity.Nodes.UNKNOWN);
  }

  /**
   * The block producer's leader slots: the current epoch's slots with their verdicts from the slot ledger
   * ({@code status.slots}), the next leader slot and what waits for a free window from {@code status.maintenance}.
   * Without a ledger the strip stays unknown and says so, with each epoch's count.
   */
  static LeaderSlots leaderSlots(StakePoolStatus.MaintenanceView m, SlotsView ledger) {
    LeaderSlots maintained = leaderSlots(m);
    SlotsView.EpochView current = ledger == null || ledger.epochs == null || ledger.epochs.isEmpty() ? null
        : ledger.epochs.get(ledger.epochs.size() - 1);
    if (current == null || current.epoch == null || current.slots == null) {
      return maintained;
    }
    List<LeaderSlot> slots = new ArrayList<>();
    for (SlotsView.SlotView v : current.slots) {
      if (v == null || v.slot == null || v.slot < 0) {
        continue;
      }
      SlotOutcome outcome = SlotOutcome.PENDING;
      if (v.verdict != null) {
        try {
          outcome = SlotOutcome.valueOf(v.verdict); // the gateway mirrors the verdicts' names
        } catch (IllegalArgumentException e) {
          outcome = SlotOutcome.UNKNOWN; // a verdict this console does not know: shown, not hidden
        }
      }
      slots.add(new LeaderSlot(v.slot, instant(v.at), outcome, outcome == SlotOutcome.PENDING ? ""
          : v.because == null ? "" : v.because));
    }
    Optional<Instant> next = maintained.nextLeaderSlot().isPresent() ? maintained.nextLeaderSlot()
        : Optional.ofNullable(ledger.nextLeaderSlot).flatMap(n -> instant(n.at));
    return new LeaderSlots(true, "", OptionalLong.of(current.epoch), slots, Boolean.TRUE.equals(current.scheduleKnown),
        next, maintained.waiting(), maintained.needsOperator());
  }

  /**
   * The block producer's leader slots as {@code status.maintenance} reports them: the next leader slot and what waits
   * for a free window, with each epoch's count (no verdicts: the strip stays unknown).
   */
  static LeaderSlots leaderSlots(StakePoolStatus.MaintenanceView m) {
    if (m == null) {
      return LeaderSlots.unknown("the operator reports no leader-aware maintenance for this pool (status.maintenance"
          + " is empty)");
    }
    StringBuilder why = new StringBuilder("the operator reports each epoch's count of leader slots, not each slot's"
        + " verdict");
    if (m.epochs != null) {
      for (StakePoolStatus.EpochCountView e : m.epochs) {
        if (e.epoch != null && e.leaderSlots != null) {
          why.append("; epoch ").append(e.epoch).append(": ").append(e.leaderSlots)
              .append(e.leaderSlots == 1 ? " leader slot" : " leader slots")
              .append(e.toCome == null ? "" : ", " + e.toCome + " to come");
        }
      }
    }
    if (m.schedule != null && !m.schedule.isBlank()) {
      why.append("; schedule: ").append(m.schedule);
    }
    Optional<Instant> next = Optional.ofNullable(m.nextLeaderSlot).flatMap(v -> instant(v.at));
    List<WaitingAction> waiting = new ArrayList<>();
    boolean needsOperator = false;
    if (m.waiting != null) {
      for (StakePoolStatus.WaitView w : m.waiting) {
        // "restart block-producer: waiting for a free window: next leader slot in 3m12s, ..."
        String what = (w.action == null ? "an action" : w.action.toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
            + (w.node == null ? "" : " " + w.node) + ": " + (w.message != null ? w.message
            : "waiting for a free window");
        waiting.add(new WaitingAction(what, instant(w.opensAt)));
        needsOperator |= Boolean.TRUE.equals(w.needsOperator);
      }
    }
    return new LeaderSlots(false, why.toString(), OptionalLong.empty(), List.of(),
        Boolean.TRUE.equals(m.scheduleKnown), next, waiting, needsOperator);
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // written by hand or by another version: shown as not known rather than failing
    }
  }

  private static NodeStatus node(StakePoolStatus.NodeView n, String kes, boolean kesExpiring) {
    boolean bp = NodeRole.BLOCK_PRODUCER.name().equals(n.role);
    boolean ready = Boolean.TRUE.equals(n.ready);
    boolean failed = MemberState.Phase.FAILED.name().equals(n.phase);
    NodeState state;
    if (failed) {
      state = NodeState.DOWN;
    } else if (ready) {
      state = NodeState.READY;
    } else if (MemberState.Phase.NEW.name().equals(n.phase)
        || MemberState.Phase.RESTART_PENDING.name().equals(n.phase) || n.podVersion == null) {
      state = NodeState.STARTING;
    } else {
      state = NodeState.DEGRADED;
    }
    List<String> reasons = new ArrayList<>();
    if (failed && n.lastFailure != null) {
      reasons.add("FAILED: " + n.lastFailure);
    }
    if (!ready && n.reason != null) {
      reasons.add(n.reason);
    }
    if (n.podVersion != null && n.version != null && !n.podVersion.equals(n.version)) {
      reasons.add("its pod runs " + n.podVersion + ", it should run " + n.version);
    }
    if (bp && kes != null) {
      reasons.add(kes);
      if (kesExpiring && state == NodeState.READY) {
        state = NodeState.DEGRADED;
      }
    }
    if (!bp && !Boolean.TRUE.equals(n.admitted) && ready) {
      reasons.add("not yet in the block producer's topology");
    }
    return new NodeStatus(n.name, bp ? NodeRole.BLOCK_PRODUCER : NodeRole.RELAY, bp ? "" : n.region, state, reasons,
        OptionalLong.empty(), OptionalLong.empty(), n.peers == null ? 0 : n.peers.size(),
        n.podVersion != null ? n.podVersion : n.version, OptionalLong.empty(), Optional.empty());
  }

  private static Optional<RolloutProgress> rollout(StakePoolStatus s) {
    if (s.rollout != null) {
      StakePoolStatus.RolloutView r = s.rollout;
      int total = r.order == null ? 0 : r.order.size();
      int done = r.done == null ? 0 : Math.min(r.done.size(), total);
      return Optional.of(new RolloutProgress(r.to == null ? "" : r.to, r.phase == null ? "" : r.phase, done, total,
          r.current, r.waitingFor != null ? r.waitingFor : r.failure, r.order, r.done));
    }
    if (s.failedVersions != null && !s.failedVersions.isEmpty()) {
      StakePoolStatus.FailedVersionView f = s.failedVersions.get(s.failedVersions.size() - 1);
      return Optional.of(new RolloutProgress(f.version, "failed", 0, 0, "", "version " + f.version + " failed on "
          + f.node + ": " + f.reason + "; the pool stays on " + s.poolVersion));
    }
    return Optional.empty();
  }

  /** The operator's events on this StakePool; a message that starts with a node's name is that node's. */
  private static List<PoolEvent> operatorEvents(StakePool pool, List<Event> events, List<NodeStatus> nodes,
      Instant now) {
    List<PoolEvent> out = new ArrayList<>();
    for (Event e : events) {
      if (e.getInvolvedObject() == null || !StakePool.class.getSimpleName().equals(e.getInvolvedObject().getKind())
          || !pool.getMetadata().getName().equals(e.getInvolvedObject().getName())) {
        continue;
      }
      String message = e.getMessage() == null ? "" : e.getMessage();
      String node = "";
      for (NodeStatus n : nodes) {
        if (message.startsWith(n.name() + ": ")) {
          node = n.name();
          message = message.substring(node.length() + 2);
          break;
        }
      }
      String at = e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getFirstTimestamp();
      out.add(new PoolEvent(time(at, now), node, e.getReason() == null ? "event" : e.getReason(), message));
    }
    return out;
  }

  private static Optional<Condition> condition(StakePoolStatus s, String type) {
    return s.conditions == null ? Optional.empty()
        : s.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static Instant time(String text, Instant fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }
}
