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
import io.palisade.control.lease.ProducerStopRoute;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final Forgers forgers;
  private RestartTimes times;
  /** Elapsed time that no step of the host clock moves (System.nanoTime), for the chain's time since a tip. */
  private LongSupplier ticks;
  /** The producer's newest tip, when it was first seen (the monotonic tick): the chain's time is checked against. */
  private long tipSlot = -1;
  private long tipSeenAtTick;
  /** The operator's restarts and volume deletions of producers, queued for a window: node → when asked. */
  private final Map<String, Instant> restarts = new LinkedHashMap<>();
  private final Map<String, Instant> volumeDeletions = new LinkedHashMap<>();
  private QueuedRotation rotation;
  private String lastWait;

  MaintenanceGate(DataDir dataDir, String producer, LeaderScheduleSource schedule, MaintenancePolicy policy,
      ChainClock chain) throws IOException {
    this(dataDir, producer, schedule, policy, chain, OptionalLong::empty, Forgers.only(producer));
  }

  /**
   * @param kesStartPeriod the installed operational certificate's KES start period (empty: no keys), for the KES
   *     rotation plan status shows
   * @param forgers which producer forges (the lease's holder with a standby)
   */
  MaintenanceGate(DataDir dataDir, String producer, LeaderScheduleSource schedule, MaintenancePolicy policy,
      ChainClock chain, Supplier<OptionalLong> kesStartPeriod, Forgers forgers) throws IOException {
    this.dataDir = dataDir;
    this.chain = chain;
    this.kesStartPeriod = kesStartPeriod;
    this.forgers = forgers;
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

  /** Whether {@code node} is already down: not running as far as control knows, or its process dead. */
  static boolean down(String node, ControlState state, Map<String, NodeObservation> observed) {
    Optional<MemberState> m = state.member(node);
    NodeObservation o = observed.get(node);
    return m.isEmpty() || m.get().phase() != MemberState.Phase.RUNNING || o == null || !o.processAlive();
  }

  /** Whether a planned action on {@code node} waits for a free window: it is a producer that may forge now. */
  boolean gates(String node) {
    return forgers.mayForge(node);
  }

  /** The producer that forges now (a key rotation's target). */
  String holder() {
    return forgers.holder();
  }

  /** Who forges, and how a stop of a producer goes. */
  Forgers forgers() {
    return forgers;
  }

  /**
   * The verdict for {@code action} on the producer {@code node} now: at once when that node is down already (not
   * when another one is: the forging one's slots are what a stop costs).
   */
  ForgingWindow.Verdict verdict(PlannedAction action, String node, ControlState state,
      Map<String, NodeObservation> observed, Instant now) {
    remember(observed.get(producer));
    return window(now).verdict(action, down(node, state, observed), now);
  }

  /**
   * The verdict for a key rotation of the holder {@code node} now: in a window for its restart, or with a standby
   * for the SIGHUP that makes it re-read the new credentials (no restart).
   */
  ForgingWindow.Verdict rotationVerdict(String node, ControlState state, Map<String, NodeObservation> observed,
      Instant now) {
    remember(observed.get(producer));
    ForgingWindow w = window(now);
    return forgers.credentialReload().map(w::forReload).orElse(w)
        .verdict(PlannedAction.KEY_ROTATION, down(node, state, observed), now);
  }

  /** How long a restart or volume deletion of {@code node} has been queued (zero when it is not). */
  Duration waited(PlannedAction action, String node, Instant now) {
    Instant asked = (action == PlannedAction.VOLUME_DELETION ? volumeDeletions : restarts).get(node);
    return asked == null || asked.isAfter(now) ? Duration.ZERO : Duration.between(asked, now);
  }

  /** Until when a stop asked {@code waited} ago waits for the other producer to be ready (whole seconds). */
  Instant standbyWaitEnds(Duration waited, Instant now) {
    return now.minus(waited).plus(policy.standbyWait()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** Queues the operator's restart of a producer. */
  void queueRestart(String node, Instant now) {
    restarts.putIfAbsent(node, now);
  }

  /** Queues the operator's deletion of a producer's volume (its chain database). */
  void queueVolumeDeletion(String node, Instant now) {
    volumeDeletions.putIfAbsent(node, now);
  }

  /** The producers whose volume deletion waits, in the order asked. */
  List<String> volumeDeletionsQueued() {
    return List.copyOf(volumeDeletions.keySet());
  }

  void volumeDeletionDone(String node) {
    volumeDeletions.remove(node);
  }

  /** Queues a key rotation (the latest asked for replaces an earlier one). */
  void queueRotation(QueuedRotation r) {
    rotation = r;
  }

  /** The producers whose restart waits, in the order asked. */
  List<String> restartsQueued() {
    return List.copyOf(restarts.keySet());
  }

  Optional<QueuedRotation> rotationQueued() {
    return Optional.ofNullable(rotation);
  }

  void restartDone(String node) {
    restarts.remove(node);
  }

  void rotationDone() {
    rotation = null;
  }

  /**
   * A waiting event when what waits changed (a new window, a new action), so the log does not fill with one a pass.
   */
  Optional<ControlEvent> waitingEvent(ForgingWindow.Verdict v, String node, Instant now) {
    return waitingEvent(v.reason(node), node, now);
  }

  /** A waiting event for {@code reason} when it changed. */
  Optional<ControlEvent> waitingEvent(String reason, String node, Instant now) {
    if (reason.equals(lastWait)) {
      return Optional.empty();
    }
    lastWait = reason;
    return Optional.of(ControlEvent.of(now, Reason.MAINTENANCE_WAITING, node, reason));
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
    record Pending(PlannedAction action, String node) {}
    List<Pending> pending = new ArrayList<>();
    String rolloutWait = state.rollout() == null ? null : state.rollout().waitingFor();
    if (rolloutWait != null && rolloutWait.startsWith("waiting for a free window before "
        + PlannedAction.UPGRADE_STEP.phrase() + " " + producer + ":")) {
      pending.add(new Pending(PlannedAction.UPGRADE_STEP, producer));
    } else if (rolloutWait != null && rolloutWait.startsWith("waiting for a free window")) {
      // A relay step that would leave the producer too few ready relays in a leader slot (control's RelayCover).
      waiting.add(rolloutWait);
    }
    restarts.keySet().forEach(n -> pending.add(new Pending(PlannedAction.RESTART, n)));
    if (rotation != null) {
      pending.add(new Pending(PlannedAction.KEY_ROTATION, forgers.holder()));
    }
    volumeDeletions.keySet().forEach(n -> pending.add(new Pending(PlannedAction.VOLUME_DELETION, n)));
    for (Pending p : pending) {
      Duration waited = waited(p.action(), p.node(), now);
      ProducerStopRoute route = p.action() == PlannedAction.KEY_ROTATION ? ProducerStopRoute.IN_WINDOW
          : forgers.route(p.node(), waited);
      if (route != ProducerStopRoute.IN_WINDOW && !down(p.node(), state, observed)) {
        // Keyless now (it runs in the next pass), forging moves off it first (the move's own wait is in the
        // producer's status), or it waits for the other producer.
        if (!route.atOnce()) {
          waiting.add(p.action().phrase() + " " + p.node() + ": " + (route == ProducerStopRoute.AWAIT_STANDBY
              ? ProducerStops.awaitingStandby(standbyWaitEnds(waited, now)) : ProducerStops.AFTER_MOVE));
        }
        continue;
      }
      ForgingWindow.Verdict v = p.action() == PlannedAction.KEY_ROTATION ? rotationVerdict(p.node(), state, observed,
          now) : w.verdict(p.action(), down(p.node(), state, observed), now);
      if (!v.admitted()) {
        waiting.add(p.action().phrase() + " " + p.node() + ": " + v.describe(now));
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
