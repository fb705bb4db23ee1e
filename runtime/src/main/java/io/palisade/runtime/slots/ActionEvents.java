package io.palisade.runtime.slots;

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
 * When Palisade's actions start and end in an epoch of the slot ledger: which of the pool's events open one (on the
 * block producer, or on the pool only) and which close them, and when an action on the producer is over because it
 * forges again. Pure, so these rules are read in one place; {@link SlotWatch} does the threading and the I/O around
 * them.
 */
final class ActionEvents {
  /** Reasons of actions that stop the block producer or change what it forges with (when they name it). */
  static final Set<Reason> AFFECTING = EnumSet.of(Reason.NODE_UPGRADING, Reason.NODE_ROLLING_BACK,
      Reason.NODE_RESTART_REQUESTED, Reason.VOLUME_DELETED, Reason.KEYS_ROTATED, Reason.KEYS_REVOKED,
      Reason.SWITCHOVER_STARTED);
  /** Reasons that start an action of the pool that leaves the block producer alone. */
  static final Set<Reason> POOL_ACTIONS = EnumSet.of(Reason.ROLLOUT_STARTED, Reason.RELAY_ADD_STARTED);
  /** Reasons that end the pool's actions. */
  static final Set<Reason> POOL_ACTIONS_END = EnumSet.of(Reason.ROLLOUT_SUCCEEDED, Reason.ROLLOUT_ROLLED_BACK,
      Reason.VERSION_FAILED, Reason.RELAY_ADDED, Reason.RELAY_ADD_FAILED, Reason.POOL_STOPPED);
  /** An action on the producer ends when it is seen forging after having been seen not forging, or this long after. */
  static final Duration QUIET_RESTART = Duration.ofSeconds(60);
  private static final Map<String, Reason> BY_WIRE = Arrays.stream(Reason.values())
      .collect(Collectors.toMap(Reason::wire, Function.identity()));

  private ActionEvents() {}

  /**
   * The reason of an event, if it is one Palisade knows (an event of an unknown reason is not recorded at all).
   *
   * @param ev the pool's event
   * @return its reason
   */
  static Optional<Reason> reasonOf(ControlEvent ev) {
    return Optional.ofNullable(BY_WIRE.get(ev.reason()));
  }

  /**
   * The epoch with the action the event starts, or without the pool's actions it ends.
   *
   * @param e the event's epoch
   * @param ev the event
   * @param reason its reason
   * @param holder the producer that holds the forging lease now
   * @return the epoch, unchanged if the event neither starts nor ends an action
   */
  static EpochSlots apply(EpochSlots e, ControlEvent ev, Reason reason, String holder) {
    String what = ev.reason() + (ev.node() == null ? "" : " " + ev.node()) + ": " + ev.message();
    // A switchover's event names the producer it moves forging away from, the holder until it is done.
    if (AFFECTING.contains(reason) && holder.equals(ev.node())) {
      return e.withAction(new ActionSpan(what, ev.time(), null, true));
    } else if (POOL_ACTIONS.contains(reason)) {
      return e.withAction(new ActionSpan(what, ev.time(), null, false));
    } else if (POOL_ACTIONS_END.contains(reason)) {
      return e.withActionsEnded(ev.time(), a -> !a.affectsForging());
    }
    return e;
  }

  /**
   * The epoch once the producer is seen forging at {@code at}: each action on it ended that it was seen not forging
   * during, or that began {@link #QUIET_RESTART} ago (a restart too quick to be seen).
   *
   * @param e the epoch, with the condition seen at {@code at}
   * @param at when the producer was seen forging
   * @return the epoch
   */
  static EpochSlots forgingAgain(EpochSlots e, Instant at) {
    return e.withActionsEnded(at, a -> a.affectsForging() && quiet(e, a, at));
  }

  private static boolean quiet(EpochSlots e, ActionSpan a, Instant at) {
    return !at.isBefore(a.since().plus(QUIET_RESTART)) || e.timeline().stream()
        .anyMatch(c -> !c.at().isBefore(a.since()) && c.condition() != ProducerCondition.FORGING);
  }
}
