package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.Action;
import io.palisade.control.ChainTime;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ControlState;
import io.palisade.control.ForgingWindow;
import io.palisade.control.KesRotationPlanner;
import io.palisade.control.KeyChanges;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PlannedAction;
import io.palisade.control.RestartTimes;
import io.palisade.control.KesRotationPlan;
import io.palisade.control.api.MaintenanceStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Leader-aware maintenance on this host, around control's pure {@link ForgingWindow}: the block producer's leader
 * slots (from a {@link LeaderScheduleSource}), its restart-to-forging times measured here and kept in
 * {@code restart-times.json}, and the operator's restart or key rotation of the producer queued until a window is
 * free. Only the control loop's thread touches it.
 */
final class MaintenanceGate {
  /** A key rotation waiting for a window. */
  record QueuedRotation(KeyChanges.Key key, String passphraseFile) {}

  private final DataDir dataDir;
  private final String producer;
  private final LeaderScheduleSource schedule;
  private final MaintenancePolicy policy;
  private final ChainClock chain;
  private final Supplier<OptionalLong> kesStartPeriod;
  private RestartTimes times;
  /** Elapsed time that no step of the host clock moves (System.nanoTime), for the chain's time since a tip. */
  private LongSupplier ticks;
  /** The producer's newest tip, when it was first seen (the monotonic tick): the chain's time is checked against. */
  private long tipSlot = -1;
  private long tipSeenAtTick;
  private Instant restartQueuedAt;
  private Instant volumeDeletionQueuedAt;
  private QueuedRotation rotation;
  private String lastWait;

  MaintenanceGate(DataDir dataDir, String producer, LeaderScheduleSource schedule, MaintenancePolicy policy,
      ChainClock chain) throws IOException {
    this(dataDir, producer, schedule, policy, chain, OptionalLong::empty);
  }

  /**
   * @param kesStartPeriod the installed operational certificate's KES start period (empty: no keys), for the KES
   *     rotation plan status shows
   */
  MaintenanceGate(DataDir dataDir, String producer, LeaderScheduleSource schedule, MaintenancePolicy policy,
      ChainClock chain, Supplier<OptionalLong> kesStartPeriod) throws IOException {
    this.dataDir = dataDir;
    this.chain = chain;
    this.kesStartPeriod = kesStartPeriod;
    this.ticks = System::nanoTime;
    this.producer = producer;
    this.schedule = schedule;
    this.policy = policy;
    this.times = dataDir.read(timesFile(), RestartTimes.class).orElse(RestartTimes.none());
  }

  private java.nio.file.Path timesFile() {
    return dataDir.root().resolve("restart-times.json");
  }

  /**
   * The rule with what is known now: checked against the chain's time from the producer's latest tip, so a moved host
   * clock cannot open a window over a leader slot.
   */
  ForgingWindow window(Instant now) {
    ForgingWindow w = new ForgingWindow(schedule.calendar(now), times, policy);
    if (tipSlot < 0) {
      return w;
    }
    // The chain's time is the tip's slot start plus the time elapsed since the tip was first seen, measured on the
    // monotonic clock: a step of the host clock moves "now" but not this, so the two disagree at once. The first
    // sighting, not the latest: a tip stays the same until the next block, and its age is not the chain's lag.
    Duration since = Duration.ofNanos(ticks.getAsLong() - tipSeenAtTick);
    return w.withChainTime(new ChainTime(tipSlot, chain.startOfSlot(tipSlot), now.minus(since)));
  }

  /** Whether the block producer is already down: not running as far as control knows, or its process dead. */
  boolean producerDown(ControlState state, Map<String, NodeObservation> observed) {
    Optional<MemberState> m = state.member(producer);
    NodeObservation o = observed.get(producer);
    return m.isEmpty() || m.get().phase() != MemberState.Phase.RUNNING || o == null || !o.processAlive();
  }

  /** The verdict for {@code action} on the block producer now. */
  ForgingWindow.Verdict verdict(PlannedAction action, ControlState state, Map<String, NodeObservation> observed,
      Instant now) {
    remember(observed.get(producer));
    return window(now).verdict(action, producerDown(state, observed), now);
  }

  /** Queues the operator's restart of the block producer. */
  void queueRestart(Instant now) {
    if (restartQueuedAt == null) {
      restartQueuedAt = now;
    }
  }

  /** Queues the operator's deletion of the block producer's volume (its chain database). */
  void queueVolumeDeletion(Instant now) {
    if (volumeDeletionQueuedAt == null) {
      volumeDeletionQueuedAt = now;
    }
  }

  boolean volumeDeletionQueued() {
    return volumeDeletionQueuedAt != null;
  }

  void volumeDeletionDone() {
    volumeDeletionQueuedAt = null;
  }

  /** Queues a key rotation (the latest asked for replaces an earlier one). */
  void queueRotation(QueuedRotation r) {
    rotation = r;
  }

  boolean restartQueued() {
    return restartQueuedAt != null;
  }

  Optional<QueuedRotation> rotationQueued() {
    return Optional.ofNullable(rotation);
  }

  void restartDone() {
    restartQueuedAt = null;
  }

  void rotationDone() {
    rotation = null;
  }

  /**
   * A waiting event when what waits changed (a new window, a new action), so the log does not fill with one a pass.
   */
  Optional<ControlEvent> waitingEvent(ForgingWindow.Verdict v, Instant now) {
    String reason = v.reason(producer);
    if (reason.equals(lastWait)) {
      return Optional.empty();
    }
    lastWait = reason;
    return Optional.of(ControlEvent.of(now, Reason.MAINTENANCE_WAITING, producer, reason));
  }

  /** Actions carried out on the block producer: each start or restart begins a measurement. */
  void applied(List<Action> actions, Instant now) throws IOException {
    boolean restarted = actions.stream().anyMatch(a -> a.nodeName().equals(producer)
        && (a instanceof Action.StartNode || a instanceof Action.RestartNode || a instanceof Action.WipeVolume));
    if (restarted) {
      save(times.restarted(now));
    }
  }

  /** The latest observations: the producer forging again after a restart ends a measurement. */
  void observed(Map<String, NodeObservation> observed) throws IOException {
    NodeObservation o = observed.get(producer);
    remember(o);
    if (o != null && times.pendingSince() != null && o.observedAt().isAfter(times.pendingSince())) {
      save(times.observed(o.ready(), o.observedAt()));
    }
  }

  /**
   * Keeps the producer's tip when it changes, with the monotonic tick it was first seen at; an observation without a
   * tip (a restart) keeps the last one.
   */
  private void remember(NodeObservation o) {
    if (o != null && o.tipSlot() != null && o.processAlive() && o.tipSlot() != tipSlot) {
      tipSlot = o.tipSlot();
      tipSeenAtTick = ticks.getAsLong();
    }
  }

  private void save(RestartTimes next) throws IOException {
    if (!next.equals(times)) {
      dataDir.write(timesFile(), next);
      times = next;
    }
  }

  /** What status shows. */
  MaintenanceStatus status(ControlState state, Map<String, NodeObservation> observed, Instant now) {
    ForgingWindow w = window(now);
    LeaderCalendar cal = w.calendar();
    List<String> waiting = new ArrayList<>();
    Instant opens = null;
    boolean needsOperator = false;
    boolean down = producerDown(state, observed);
    List<PlannedAction> pending = new ArrayList<>();
    String rolloutWait = state.rollout() == null ? null : state.rollout().waitingFor();
    if (rolloutWait != null && rolloutWait.startsWith("waiting for a free window before "
        + PlannedAction.UPGRADE_STEP.phrase() + " " + producer + ":")) {
      pending.add(PlannedAction.UPGRADE_STEP);
    } else if (rolloutWait != null && rolloutWait.startsWith("waiting for a free window")) {
      // A relay step that would leave the producer too few ready relays in a leader slot (control's RelayCover).
      waiting.add(rolloutWait);
    }
    if (restartQueuedAt != null) {
      pending.add(PlannedAction.RESTART);
    }
    if (rotation != null) {
      pending.add(PlannedAction.KEY_ROTATION);
    }
    if (volumeDeletionQueuedAt != null) {
      pending.add(PlannedAction.VOLUME_DELETION);
    }
    for (PlannedAction a : pending) {
      ForgingWindow.Verdict v = w.verdict(a, down, now);
      if (!v.admitted()) {
        waiting.add(a.phrase() + " " + producer + ": " + v.describe(now));
        opens = opens == null ? v.opensAt() : opens;
        needsOperator |= v.kind() == ForgingWindow.Verdict.Kind.NEEDS_OPERATOR;
      }
    }
    OptionalLong kes = kesStartPeriod.get();
    GenesisParameters g = chain.genesis();
    KesRotationPlan plan = kes.isEmpty() ? null : KesRotationPlanner.plan(kes.getAsLong(), g.slotsPerKesPeriod(),
        g.maxKesEvolutions(), chain.slotAt(now), chain::startOfSlot, w, now);
    return new MaintenanceStatus(producer, times.expected(policy), times.samples().size(), times.learned(policy),
        cal.next(now).map(LeaderCalendar.Slot::start).orElse(null), waiting, opens, needsOperator, plan);
  }

  /** Another monotonic clock (nanoseconds), for tests that step the host clock. */
  void useTicks(LongSupplier nanos) {
    this.ticks = nanos;
  }

  /** The block producer's leader schedule this gate reads. */
  LeaderScheduleSource schedule() {
    return schedule;
  }

  void close() {
    schedule.close();
  }
}
