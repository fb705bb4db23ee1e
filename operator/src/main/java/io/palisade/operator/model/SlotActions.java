package io.palisade.operator.model;

import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.slots.ActionSpan;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ProducerCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which of the operator's own decisions are Palisade actions for the slot ledger, and when they end: the meaning the
 * single-host runtime gives its events ({@code io.palisade.runtime.slots.ActionEvents}), on the events of a reconcile
 * pass. Pure.
 *
 * <ul>
 *   <li>An action that stops the forging producer or changes what it forges with starts at its event when the event
 *       names that producer: its partition step of an upgrade ({@code NodeUpgrading}) or of a rollback
 *       ({@code NodeRollingBack}), a restart asked with {@code palisade.io/restart} ({@code NodeRestartRequested}:
 *       also how a key rotation's new keys are put in use), and a planned move of the lease away from it
 *       ({@code SwitchoverStarted}: a rollout's {@code MOVING_FORGING} is one; a move in progress is given again at
 *       each pass from the Lease, one action per start); a
 *       change of the hot keys the operator sees in their Secret is one too ({@link #HOT_KEYS_CHANGED}). It ends
 *       when the producer is seen forging after it was seen not forging, or {@link #QUIET_RESTART} after it began (a
 *       restart too quick for a pass to see).</li>
 *   <li>A rollout or a relay addition is an action of the pool that leaves the producer alone (recorded as evidence,
 *       never a reason for a missed slot); it ends with the rollout's or the addition's end.</li>
 *   <li>Self-healing is not Palisade's action: a restart by the kubelet or the StatefulSet controller (no event here),
 *       and a failover ({@code FailoverStarted}), which moves forging away from a holder already lost; the slot is
 *       judged on the producer's condition, as on a single host.</li>
 * </ul>
 */
public final class SlotActions {
  /** Reasons of actions that stop the forging producer or change what it forges with, when they name it. */
  static final Set<Reason> AFFECTING = EnumSet.of(Reason.NODE_UPGRADING, Reason.NODE_ROLLING_BACK,
      Reason.NODE_RESTART_REQUESTED, Reason.VOLUME_DELETED, Reason.KEYS_ROTATED, Reason.KEYS_REVOKED,
      Reason.SWITCHOVER_STARTED);
  /**
   * Reasons that start a planned move of the lease away from the producer the event names. A failover is not one: it
   * heals a holder already lost, as on a single host, and its slots are judged on the condition.
   */
  static final Set<Reason> MOVES = EnumSet.of(Reason.SWITCHOVER_STARTED);
  /** Reasons that start an action of the pool that leaves the producer alone. */
  static final Set<Reason> POOL_ACTIONS = EnumSet.of(Reason.ROLLOUT_STARTED, Reason.RELAY_ADD_STARTED);
  /** Reasons that end the pool's actions. */
  static final Set<Reason> POOL_ACTIONS_END = EnumSet.of(Reason.ROLLOUT_SUCCEEDED, Reason.ROLLOUT_ROLLED_BACK,
      Reason.VERSION_FAILED, Reason.RELAY_ADDED, Reason.RELAY_ADD_FAILED);
  /** An action on the producer ends when it is seen forging after having been seen not forging, or this long after. */
  public static final Duration QUIET_RESTART = Duration.ofSeconds(60);
  /** The words of the action a change of the hot keys in their Secret starts. */
  public static final String HOT_KEYS_CHANGED = "HotKeysChanged";
  private static final Map<String, Reason> BY_WIRE = Arrays.stream(Reason.values())
      .collect(Collectors.toMap(Reason::wire, Function.identity()));

  private SlotActions() {}

  /**
   * The epoch with the action an event of the pass starts, or without the pool's actions it ends.
   *
   * @param e the epoch (its actions are the ledger's)
   * @param ev the event
   * @param forger the producer that forges now (the lease holder with a standby, at the pass's end)
   * @return the epoch, unchanged if the event neither starts nor ends an action
   */
  public static EpochSlots apply(EpochSlots e, ControlEvent ev, String forger) {
    Optional<Reason> reason = Optional.ofNullable(BY_WIRE.get(ev.reason()));
    if (reason.isEmpty()) {
      return e;
    }
    String who = ev.reason() + (ev.node() == null ? "" : " " + ev.node()) + ": ";
    String what = who + ev.message();
    // A move's event names the producer forging moves away from, the one that forged until it started: an action on
    // forging whoever holds the lease by this pass's end (a move the Lease records in progress, read again after an
    // operator restart, can end in the pass that reads it).
    boolean move = MOVES.contains(reason.get());
    if (AFFECTING.contains(reason.get()) && (move || forger != null && forger.equals(ev.node()))) {
      // One action per start: a move in progress is given to each pass until it ends, beside its own event.
      boolean known = e.actions().stream().anyMatch(a -> a.affectsForging() && a.since().equals(ev.time())
          && a.what().startsWith(who));
      return known ? e : e.withAction(new ActionSpan(what, ev.time(), null, true));
    } else if (POOL_ACTIONS.contains(reason.get())) {
      return e.withAction(new ActionSpan(what, ev.time(), null, false));
    } else if (POOL_ACTIONS_END.contains(reason.get())) {
      return e.withActionsEnded(ev.time(), a -> !a.affectsForging());
    }
    return e;
  }

  /**
   * The epoch with a change of the forging producer's hot keys started as an action (the keys it forges with change).
   *
   * @param e the epoch
   * @param forger the producer
   * @param at when the change was seen
   * @return the epoch with the action
   */
  public static EpochSlots hotKeysChanged(EpochSlots e, String forger, Instant at) {
    return e.withAction(new ActionSpan(HOT_KEYS_CHANGED + " " + forger + ": the hot keys in its Secret changed", at,
        null, true));
  }

  /**
   * The epoch once the producer is seen forging at {@code at}: each action on it ended that it was seen not forging
   * during, or that began {@link #QUIET_RESTART} ago.
   *
   * @param e the epoch, with the condition seen at {@code at}
   * @param at when the producer was seen forging
   * @return the epoch
   */
  public static EpochSlots forgingAgain(EpochSlots e, Instant at) {
    return e.withActionsEnded(at, a -> a.affectsForging() && (!at.isBefore(a.since().plus(QUIET_RESTART))
        || e.timeline().stream().anyMatch(c -> !c.at().isBefore(a.since())
            && c.condition() != ProducerCondition.FORGING)));
  }
}
