package io.palisade.operator.model;

import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ControlState;
import io.palisade.control.ForgingWindow;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.NodeObservation;
import io.palisade.control.PlannedAction;
import io.palisade.control.RestartTimes;
import io.palisade.control.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Leader-aware maintenance of a StakePool's block producer for one reconciliation pass, pure: control's one rule
 * ({@link ForgingWindow}) over the published leader schedule and the restart-to-forging times the operator measured
 * (kept in {@code status.maintenance}, so a restarted operator remembers them), and the status view of it all.
 *
 * <p>A producer whose hot-key Secret holds no VRF key forges nothing: every window is free. A producer that has keys
 * but whose schedule is unknown (nothing published, stale, unreadable) gets no window at all: its planned actions
 * wait, and the status says why; once they have waited longer than the policy's limit the status says an operator
 * must decide. Nothing is ever forced through a leader slot.
 */
public final class ProducerMaintenance {
  private final MaintenancePolicy policy;
  private final String producer;
  private final PublishedSchedule schedule;
  private final String secretName;
  private final boolean forging;
  private final StakePoolStatus.MaintenanceView previous;
  private final Instant now;
  private final ForgingWindow window;
  private RestartTimes times;
  private String pendingPod;

  /**
   * @param policy the default restart time, margin and wait limit
   * @param producer the block producer's node name
   * @param schedule its published leader schedule
   * @param secretName the Secret it is published in (for people)
   * @param forging whether its hot-key Secret holds a VRF key (without one it forges nothing)
   * @param previous the previous pass's view, or null
   * @param now the time
   */
  public ProducerMaintenance(MaintenancePolicy policy, String producer, PublishedSchedule schedule,
      String secretName, boolean forging, StakePoolStatus.MaintenanceView previous, Instant now) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.secretName = Objects.requireNonNull(secretName, "secretName");
    this.forging = forging;
    this.previous = previous;
    this.now = Objects.requireNonNull(now, "now");
    this.times = timesOf(previous);
    this.pendingPod = previous == null || times.pendingSince() == null ? null : previous.restartPendingPod;
    this.window = new ForgingWindow(forging ? schedule.calendar() : LeaderCalendar.notForging(), times, policy);
  }

  /** The producer whose restart-to-forging times are measured here (the spec's block producer). */
  public String producer() {
    return producer;
  }

  /** The leader schedule this pass read (also the slot ledger's). */
  public PublishedSchedule schedule() {
    return schedule;
  }

  /** The rule for this pass (what the control logic gates the producer's rollout step with). */
  public ForgingWindow window() {
    return window;
  }

  /**
   * The operator (re)starts the producer now, replacing its pod: a restart-to-forging measurement begins.
   *
   * @param podUid the uid of the pod being replaced, or null when none runs
   */
  public void restarted(String podUid) {
    times = times.restarted(now);
    pendingPod = podUid;
  }

  /**
   * The producer's latest observation: ready (for a producer: forging with valid keys) in a pod other than the one
   * replaced ends a measurement (the old pod, still seen ready for a moment, does not).
   *
   * @param o the observation, or null
   * @param podUid the uid of the producer's pod now, or null
   */
  public void observed(NodeObservation o, String podUid) {
    boolean newPod = podUid != null && !podUid.equals(pendingPod);
    RestartTimes next = times.observed(o != null && o.ready() && newPod, now);
    if (next != times && next.pendingSince() == null) {
      pendingPod = null;
    }
    times = next;
  }

  /**
   * Whether the operator's restart of the producer may run now.
   *
   * @param producerDown whether the producer is down already (no pod, or not ready): nothing is lost by acting
   * @return the verdict
   */
  public ForgingWindow.Verdict restartVerdict(boolean producerDown) {
    return window.verdict(PlannedAction.RESTART, producerDown, now);
  }

  /**
   * The event for a restart that waits, once per window (not once per pass): when its reason differs from the one
   * the previous status recorded.
   */
  public Optional<ControlEvent> restartWaitEvent(ForgingWindow.Verdict v) {
    String reason = v.reason(producer);
    boolean same = previousWait(PlannedAction.RESTART).map(w -> reason.equals(w.reason)).orElse(false);
    return same ? Optional.empty() : Optional.of(ControlEvent.of(now, Reason.MAINTENANCE_WAITING, producer,
        reason));
  }

  /**
   * The status view.
   *
   * @param state the control state after this pass
   * @param restartWait the verdict of a restart of the producer that waits, or null
   * @return the view
   */
  public StakePoolStatus.MaintenanceView view(ControlState state, ForgingWindow.Verdict restartWait) {
    StakePoolStatus.MaintenanceView v = new StakePoolStatus.MaintenanceView();
    LeaderCalendar calendar = window.calendar();
    if (!forging) {
      v.schedule = "the block producer has no VRF key in its hot-key Secret: it forges nothing, nothing waits";
      v.scheduleKnown = true;
    } else if (schedule.known()) {
      v.schedule = "published in the Secret " + secretName + (schedule.source() == null ? ""
          : " (the current epoch's computed from " + schedule.source() + ")");
      v.scheduleKnown = true;
      v.scheduleKnownUntil = calendar.knownUntil().toString();
      v.epochs = schedule.epochs().stream().map(e -> {
        StakePoolStatus.EpochCountView c = new StakePoolStatus.EpochCountView();
        c.epoch = e.epoch();
        c.leaderSlots = e.leaderSlots();
        c.toCome = e.toCome();
        return c;
      }).toList();
    } else {
      v.schedule = "unknown: " + schedule.problem() + "; a planned action on the block producer waits until it is"
          + " known";
      v.scheduleKnown = false;
    }
    calendar.next(now).ifPresent(s -> {
      v.nextLeaderSlot = new StakePoolStatus.LeaderSlotView();
      v.nextLeaderSlot.slot = s.slot();
      v.nextLeaderSlot.at = s.start().toString();
    });
    v.expectedRestartToForging = times.expected(policy).toString();
    v.margin = policy.margin().toString();
    v.learned = times.learned(policy);
    v.restartSamples = times.samples().stream().map(Duration::toString).toList();
    v.restartPendingSince = times.pendingSince() == null ? null : times.pendingSince().toString();
    v.restartPendingPod = times.pendingSince() == null ? null : pendingPod;
    List<StakePoolStatus.WaitView> waiting = new ArrayList<>();
    RolloutState r = state == null ? null : state.rollout();
    if (r != null && r.phase() == RolloutState.Phase.WAITING && r.done().size() < r.order().size()
        && producer.equals(r.order().get(r.done().size()))) {
      ForgingWindow.Verdict up = window.verdict(PlannedAction.UPGRADE_STEP, false, now);
      if (!up.admitted() && up.reason(producer).equals(r.waitingFor())) {
        waiting.add(waitView(up, r.waitingSince()));
      }
    }
    if (restartWait != null && !restartWait.admitted()) {
      Instant since = previousWait(PlannedAction.RESTART).map(w -> parse(w.since)).orElse(now);
      waiting.add(waitView(restartWait, since == null ? now : since));
    }
    v.waiting = waiting.isEmpty() ? null : waiting;
    return v;
  }

  /**
   * The status's waiting list with a restart of {@code node} that waits for forging to move off it (its since kept
   * from the previous status while it waits).
   *
   * @param waiting the list so far, or null
   * @param node the producer
   * @param message what it waits for
   * @return the list
   */
  public List<StakePoolStatus.WaitView> withMoveWait(List<StakePoolStatus.WaitView> waiting, String node,
      String message) {
    StakePoolStatus.WaitView w = new StakePoolStatus.WaitView();
    w.action = PlannedAction.RESTART.name();
    w.node = node;
    w.message = message;
    w.reason = "the restart of " + node + " " + message;
    w.since = previousWait(PlannedAction.RESTART).filter(p -> w.reason.equals(p.reason)).map(p -> p.since)
        .orElse(now.toString());
    w.needsOperator = false;
    List<StakePoolStatus.WaitView> out = new ArrayList<>(waiting == null ? List.of() : waiting);
    out.add(w);
    return out;
  }

  private StakePoolStatus.WaitView waitView(ForgingWindow.Verdict verdict, Instant since) {
    StakePoolStatus.WaitView w = new StakePoolStatus.WaitView();
    w.action = verdict.action().name();
    w.node = producer;
    w.reason = verdict.reason(producer);
    w.opensAt = verdict.opensAt() == null ? null : verdict.opensAt().toString();
    w.since = since == null ? null : since.toString();
    // The rule flags a window that opens too late; an unknown schedule has no window, so the wait itself counts.
    boolean tooLong = verdict.kind() == ForgingWindow.Verdict.Kind.NEEDS_OPERATOR || (verdict.opensAt() == null
        && since != null && Duration.between(since, now).compareTo(policy.maxWait()) > 0);
    w.needsOperator = tooLong;
    String message = verdict.describe(now);
    w.message = tooLong && verdict.kind() != ForgingWindow.Verdict.Kind.NEEDS_OPERATOR
        ? message + " (waiting longer than the limit of " + policy.maxWait() + ": it needs an operator)" : message;
    return w;
  }

  private Optional<StakePoolStatus.WaitView> previousWait(PlannedAction action) {
    if (previous == null || previous.waiting == null) {
      return Optional.empty();
    }
    return previous.waiting.stream().filter(w -> action.name().equals(w.action)).findFirst();
  }

  private static RestartTimes timesOf(StakePoolStatus.MaintenanceView v) {
    if (v == null || v.restartSamples == null) {
      return RestartTimes.none();
    }
    try {
      List<Duration> samples = v.restartSamples.stream().map(Duration::parse).toList();
      return new RestartTimes(samples, parse(v.restartPendingSince));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return RestartTimes.none(); // a hand-edited status: measure again rather than fail the pass
    }
  }

  private static Instant parse(String at) {
    try {
      return at == null ? null : Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
