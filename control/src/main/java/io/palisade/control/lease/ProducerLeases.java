package io.palisade.control.lease;

import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ForgingWindow;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.PlannedAction;
import io.palisade.spec.binding.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The producer lease's decisions, pure: at each pass of the control loop, {@link #decide} keeps the credentials with
 * the holder only, fails over when the holder was down or unable to forge too long and the standby is ready, starts a
 * requested switchover only in a free window of the leader schedule, and carries a move through its fence:
 *
 * <ol>
 *   <li>the former holder's credentials are taken (files removed, SIGHUP);
 *   <li>it is confirmed keyless (its {@code forging_enabled} read 0 after that) or gone (its process dead, and a
 *       restart gives it no credentials); a former holder that still runs and does not confirm within the fence
 *       timeout is killed, which makes it gone;
 *   <li>only then the lease passes (the next fencing token) and the other producer gets the credentials.
 * </ol>
 *
 * A move whose target is not ready is called off, with the reason, and the holder keeps the lease. Never two credential
 * holders: the credentials go only to the lease's holder while no move is in progress ({@link
 * LeaseState#mayHoldCredentials}).
 */
public final class ProducerLeases {
  private ProducerLeases() {}

  /**
   * What to do now.
   *
   * @param state the lease's next state (to keep durable before the actions run)
   * @param actions what the runtime does, in order
   * @param events what to record
   * @param status one line for status: who forges, or what the move waits for
   */
  public record Decision(LeaseState state, List<LeaseAction> actions, List<ControlEvent> events, String status) {
    /** Copies the lists. */
    public Decision {
      Objects.requireNonNull(state, "state");
      actions = List.copyOf(actions);
      events = List.copyOf(events);
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The answer to an operator's switchover request.
   *
   * @param accepted whether it is queued (it starts at once or in the next free window)
   * @param state the state with the request recorded (unchanged when refused)
   * @param message what happens, or why not
   */
  public record SwitchoverAnswer(boolean accepted, LeaseState state, String message) {}

  /**
   * Records a switchover request, or refuses it.
   *
   * @param state the lease's state
   * @param producers the pool's producers (the holder and the standby)
   * @param now the clock's time
   * @return accepted with the request recorded, or refused with the reason
   */
  public static SwitchoverAnswer requestSwitchover(LeaseState state, Map<String, ProducerFacts> producers,
      Instant now) {
    Optional<String> other = otherThan(state.lease().holder(), producers);
    if (other.isEmpty()) {
      return new SwitchoverAnswer(false, state, "the pool has no standby block producer (blockProducer.standby in"
          + " pool.yaml)");
    }
    if (state.handover() != null) {
      return new SwitchoverAnswer(false, state, "a " + kindWord(state.handover().kind()) + " from "
          + state.handover().from() + " to " + state.handover().to() + " is in progress");
    }
    if (state.switchoverRequestedAt() != null) {
      return new SwitchoverAnswer(true, state, "a switchover to " + other.get() + " is already queued");
    }
    ProducerFacts target = producers.get(other.get());
    if (!target.readyToTakeOver()) {
      return new SwitchoverAnswer(false, state, "cannot switch over to " + other.get() + ": "
          + target.whyNotReady());
    }
    return new SwitchoverAnswer(true, state.withSwitchoverRequested(now), "switchover from "
        + state.lease().holder() + " to " + other.get() + " queued: it starts in the next free window");
  }

  /**
   * One pass of the lease's logic.
   *
   * @param state the lease's state
   * @param producers the pool's producers, by name (one or two)
   * @param elapsed the holder's trouble and the move's time so far, measured on a monotonic clock
   * @param window the leader-aware maintenance rule (its calendar also tells a failover the next leader slot)
   * @param policy the timings
   * @param now the wall clock's time: only for the leader schedule and for what is shown, never to measure a wait
   * @return the next state, the actions, the events and the status line
   */
  public static Decision decide(LeaseState state, Map<String, ProducerFacts> producers,
      Elapsed elapsed, ForgingWindow window, LeasePolicy policy, Instant now) {
    Pass pass = new Pass(state, now, elapsed);
    for (ProducerFacts f : producers.values()) {
      boolean beingFenced = state.handover() != null && state.handover().from().equals(f.node());
      if (f.credentialsGiven() && !state.mayHoldCredentials(f.node()) && !beingFenced) {
        pass.actions.add(new LeaseAction.TakeCredentials(f.node()));
      }
    }
    if (state.handover() != null) {
      return pass.continueHandover(producers, policy);
    }
    String holder = state.lease().holder();
    ProducerFacts held = producers.get(holder);
    if (held != null && held.processAlive() && !held.credentialsGiven()) {
      // The lease passed but its credentials were not given (a control plane killed between the two): give them.
      pass.actions.add(new LeaseAction.GiveCredentials(holder));
    }
    Optional<String> other = otherThan(holder, producers);
    if (other.isEmpty()) {
      return pass.done(holding(state.lease(), now));
    }
    ProducerFacts active = producers.get(holder);
    ProducerFacts standby = producers.get(other.get());
    Optional<Duration> trouble = elapsed.holderTrouble();
    if (trouble.isPresent() && failoverDue(trouble.get(), window.calendar(), policy, now)) {
      if (!standby.readyToTakeOver()) {
        String why = "not failing over from " + holder + " (down or not forging for "
            + DurationText.format(trouble.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + "): "
            + standby.whyNotReady();
        pass.events.add(ControlEvent.of(now, Reason.PROMOTION_REFUSED, other.get(), why));
        return pass.done(why);
      }
      pass.start(new Handover(holder, other.get(), Handover.Kind.FAILOVER, now), Reason.FAILOVER_STARTED,
          "failover from " + holder + " (down or not forging for " + DurationText.format(trouble.get()
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + ") to " + other.get() + ": fencing " + holder);
      return pass.continueHandover(producers, policy);
    }
    if (state.switchoverRequestedAt() != null) {
      if (!standby.readyToTakeOver()) {
        String why = "switchover to " + other.get() + " waiting: " + standby.whyNotReady();
        pass.events.add(ControlEvent.of(now, Reason.SWITCHOVER_WAITING, other.get(), why));
        return pass.done(why);
      }
      ForgingWindow.Verdict v = switchoverWindow(window, policy)
          .verdict(PlannedAction.SWITCHOVER, !active.processAlive(), now);
      if (!v.admitted()) {
        pass.events.add(ControlEvent.of(now, Reason.SWITCHOVER_WAITING, holder, v.reason(holder)));
        return pass.done("switchover to " + other.get() + " " + v.describe(now));
      }
      pass.start(new Handover(holder, other.get(), Handover.Kind.SWITCHOVER, now), Reason.SWITCHOVER_STARTED,
          "switchover from " + holder + " to " + other.get() + " in a free window: fencing " + holder);
      return pass.continueHandover(producers, policy);
    }
    return pass.done(holding(state.lease(), now));
  }

  /**
   * Whether a failover is due: the holder has been in trouble (measured monotonically) for the policy's time, or for at
   * least a quarter of it when waiting the rest would run the promotion into the next leader slot (the one place wall
   * time counts: the schedule is in wall time).
   */
  static boolean failoverDue(Duration trouble, LeaderCalendar calendar, LeasePolicy policy, Instant now) {
    if (trouble.compareTo(policy.failoverAfter()) >= 0) {
      return true;
    }
    Optional<LeaderCalendar.Slot> next = calendar.next(now);
    Instant latest = now.plus(policy.failoverAfter().minus(trouble)).plus(policy.promotionTime());
    return next.isPresent() && next.get().start().isBefore(latest)
        && trouble.compareTo(policy.failoverAfter().dividedBy(4)) >= 0;
  }

  /**
   * The window a switchover needs: it restarts nothing, so not the producer's restart-to-forging time but the
   * promotion's own time (fence, credentials, SIGHUP), plus the maintenance margin.
   */
  static ForgingWindow switchoverWindow(ForgingWindow window, LeasePolicy policy) {
    return window.forReload(policy.promotionTime());
  }

  private static String holding(ProducerLease lease, Instant now) {
    return lease.holder() + " forges (lease token " + lease.token() + ", since "
        + lease.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
  }

  private static String kindWord(Handover.Kind kind) {
    return kind == Handover.Kind.FAILOVER ? "failover" : "switchover";
  }

  private static Optional<String> otherThan(String holder, Map<String, ProducerFacts> producers) {
    return producers.keySet().stream().filter(n -> !n.equals(holder)).sorted().findFirst();
  }

  /** One decision being built. */
  private static final class Pass {
    private LeaseState state;
    private final Instant now;
    private final Elapsed elapsed;
    private final List<LeaseAction> actions = new ArrayList<>();
    private final List<ControlEvent> events = new ArrayList<>();

    Pass(LeaseState state, Instant now, Elapsed elapsed) {
      this.state = state;
      this.now = now;
      this.elapsed = elapsed;
    }

    void start(Handover h, Reason reason, String message) {
      state = state.withHandover(h);
      events.add(ControlEvent.of(now, reason, h.from(), message));
    }

    Decision done(String status) {
      return new Decision(state, actions, events, status);
    }

    Decision continueHandover(Map<String, ProducerFacts> producers, LeasePolicy policy) {
      Handover h = state.handover();
      ProducerFacts from = producers.get(h.from());
      ProducerFacts to = producers.get(h.to());
      String word = kindWord(h.kind());
      if (to == null || !to.readyToTakeOver()) {
        String why = "not promoting " + h.to() + ": " + (to == null ? h.to() + " is no longer a producer of the pool"
            : to.whyNotReady()) + "; the " + word + " is called off and " + h.from() + " keeps the lease";
        state = state.withHandover(null).withSwitchoverRequested(null);
        events.add(ControlEvent.of(now, Reason.PROMOTION_REFUSED, h.to(), why));
        if (from != null && from.processAlive()) {
          actions.add(new LeaseAction.GiveCredentials(h.from()));
        }
        return done(why);
      }
      if (from != null && from.credentialsGiven()) {
        actions.add(new LeaseAction.TakeCredentials(h.from()));
        return done(word + " to " + h.to() + ": credentials taken from " + h.from() + ", waiting for it to confirm"
            + " it is keyless");
      }
      Optional<String> fence = fenceConfirmed(h, from);
      if (fence.isEmpty()) {
        Duration waited = elapsed.move();
        String reading = from.forging() == ForgingReading.UNKNOWN ? "cannot be read" : "still reads 1";
        if (waited.compareTo(policy.fenceTimeout()) >= 0) {
          actions.add(new LeaseAction.KillProcess(h.from()));
          events.add(ControlEvent.of(now, Reason.PRODUCER_KILLED, h.from(), h.from() + "'s forging_enabled "
              + reading + " " + DurationText.format(policy.fenceTimeout()) + " after its credentials were taken:"
              + " killed to fence it; it starts again without credentials"));
        }
        return done("not promoting " + h.to() + " yet: " + h.from() + " still runs and its forging_enabled "
            + reading + " (fenced by a kill after " + DurationText.format(policy.fenceTimeout()) + ")");
      }
      events.add(ControlEvent.of(now, Reason.PRODUCER_FENCED, h.from(), fence.get()));
      state = state.promoted(h.to(), now);
      actions.add(new LeaseAction.GiveCredentials(h.to()));
      events.add(ControlEvent.of(now, Reason.PRODUCER_PROMOTED, h.to(), h.to() + " holds the lease (token "
          + state.lease().token() + ") after a " + word + " from " + h.from() + ": credentials given"));
      return done(holding(state.lease(), now));
    }

    /** How the former holder is confirmed fenced, from facts observed after its credentials were taken. */
    private Optional<String> fenceConfirmed(Handover h, ProducerFacts from) {
      if (from == null) {
        return Optional.of(h.from() + " is no longer a node of the pool");
      }
      if (!from.observedSinceMoveStarted()) {
        return Optional.empty();
      }
      if (!from.processAlive() && !from.restartableWithCredentials()) {
        return Optional.of(h.from() + " is gone: its process is dead and it starts again only without credentials");
      }
      if (from.processAlive() && from.forging() == ForgingReading.OFF) {
        return Optional.of(h.from() + " is keyless: its credentials are removed and its forging_enabled reads 0");
      }
      return Optional.empty();
    }
  }
}
