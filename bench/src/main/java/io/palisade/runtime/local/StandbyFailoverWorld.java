package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ForgingWindow;
import io.palisade.control.HealthState;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.NodeObservation;
import io.palisade.control.RestartTimes;
import io.palisade.control.lease.LeasePolicy;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The failover benchmark's world (in the runtime's package, in the bench module, to drive the package-private
 * {@link ProducerLeaseKeeper}): the real keeper, its lease file and its credential links, against two simulated
 * producer processes on a virtual clock. Each failure is a kill -9 of the holder (its host stays down), a SIGSTOP, or a
 * hang (alive, not answering, deaf to SIGHUP); the control loop passes every second (its tick); self-healing restarts
 * a process the fence killed, which then replays for the simulated node's configured start before it is synced. Slots
 * are one second; a slot is the pool's with probability {@code f}.
 */
public final class StandbyFailoverWorld {
  /** One failure's outcome. */
  public record Outcome(String kind, Duration failureToStandbyForging, int slotsLost, int doubleForged) {}

  /** A wall clock and a monotonic ticker that move together, by the world's steps. */
  static final class VirtualTime extends Clock {
    Instant wall = Instant.parse("2026-12-03T14:00:00Z");
    long nanos = 1;

    void pass(Duration d) {
      wall = wall.plus(d);
      nanos += d.toNanos();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return wall;
    }
  }

  /** A simulated producer process. */
  static final class Proc {
    final NodeRef ref;
    boolean alive;
    boolean hostDown;
    boolean stopped;
    boolean deaf;
    boolean keys;
    boolean pendingHup;
    Instant syncedAt = Instant.MIN;
    Optional<HotKeyFiles> paths = Optional.empty();
    long scrapes;
    Instant diedAt;

    Proc(NodeRef ref) {
      this.ref = ref;
    }

    boolean answering() {
      return alive && !stopped && !deaf;
    }
  }

  private static final Duration STEP = Duration.ofMillis(100);
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration HEAL_BACKOFF = Duration.ofSeconds(1);

  private final VirtualTime time = new VirtualTime();
  private final Map<String, Proc> procs = new LinkedHashMap<>();
  private final ProducerLeaseKeeper keeper;
  private final Duration simulatedStart;
  private final double activeSlots;
  private final Random random;
  private final List<LeaderCalendar.Slot> leaderSlots = new ArrayList<>();
  private long lastSlot = -1;
  private Instant nextPass;
  private int lost;
  private int doubled;

  /**
   * @param spec the pool (its block producer and standby, its failoverAfter)
   * @param data a throwaway data directory
   * @param simulatedStart the simulated node's configured start (replay and first block)
   * @param activeSlots the share of slots that are the pool's
   * @param seed the random seed
   * @throws IOException if the data directory or the demo keys cannot be made
   */
  public StandbyFailoverWorld(LoadedPoolSpec spec, Path data, Duration simulatedStart, double activeSlots, long seed)
      throws IOException {
    this.simulatedStart = simulatedStart;
    this.activeSlots = activeSlots;
    this.random = new Random(seed);
    for (NodeRef r : spec.spec().producerRefs()) {
      procs.put(r.name(), new Proc(r));
    }
    Path ram = HotKeySetup.directoryFor(data, spec.spec().name());
    HotKeyFiles keys = HotKeySetup.demo(ram, new ChainClock(spec.genesis(), Clock.systemUTC()));
    LeasePolicy policy = new LeasePolicy(spec.spec().blockProducer().standby().failoverAfter(),
        LeasePolicy.DEFAULT.fenceTimeout(), LeasePolicy.DEFAULT.promotionTime());
    keeper = new ProducerLeaseKeeper(new DataDir(data), spec.spec().producerRefs(), new Processes(),
        () -> Optional.of(keys), ram, policy, (List<ControlEvent> e) -> { }, time, () -> time.nanos);
    for (Proc p : procs.values()) {
      start(p);
      p.syncedAt = time.wall;
    }
    nextPass = time.wall;
    schedule(Duration.ofMinutes(10));
    run(Duration.ofSeconds(5));
  }

  /** The holder now. */
  public String holder() {
    return keeper.state().lease().holder();
  }

  /**
   * Injects one failure of the holder at a random moment within the next second, runs until the other producer forges
   * (at most {@code limit}), then heals the failed one and lets the pool settle.
   *
   * @param kind "kill -9", "SIGSTOP" or "hang"
   * @param limit how long to wait for the standby
   * @return what it cost
   */
  public Outcome fail(String kind, Duration limit) {
    run(Duration.ofMillis(100L * random.nextInt(10)));
    Proc failed = procs.get(holder());
    Proc other = procs.values().stream().filter(p -> p != failed).findFirst().orElseThrow();
    int lostBefore = lost;
    int doubledBefore = doubled;
    Instant at = time.wall;
    switch (kind) {
      case "kill -9" -> {
        die(failed);
        failed.hostDown = true;
      }
      case "SIGSTOP" -> failed.stopped = true;
      default -> failed.deaf = true;
    }
    Instant end = at.plus(limit);
    while (!(forging(other)) && time.wall.isBefore(end)) {
      step();
    }
    Duration took = forging(other) ? Duration.between(at, time.wall) : null;
    // The failed one comes back: its host up again, resumed, or answering again; then the pool settles.
    failed.hostDown = false;
    if (failed.stopped) {
      failed.stopped = false;
      if (failed.pendingHup) {
        failed.pendingHup = false;
        failed.keys = readable(failed);
      }
    }
    failed.deaf = false;
    run(Duration.ofSeconds(30));
    return new Outcome(kind, took, lost - lostBefore, doubled - doubledBefore);
  }

  private boolean forging(Proc p) {
    return p.answering() && p.keys && !time.wall.isBefore(p.syncedAt);
  }

  private void run(Duration d) {
    Instant end = time.wall.plus(d);
    while (time.wall.isBefore(end)) {
      step();
    }
  }

  private void step() {
    time.pass(STEP);
    for (Proc p : procs.values()) {
      if (!p.alive && !p.hostDown && p.diedAt != null && !time.wall.isBefore(p.diedAt.plus(HEAL_BACKOFF))) {
        start(p);
      }
    }
    if (!time.wall.isBefore(nextPass)) {
      nextPass = time.wall.plus(TICK);
      try {
        keeper.pass(observed(), window());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    long slot = time.wall.getEpochSecond();
    if (slot != lastSlot) {
      lastSlot = slot;
      boolean ours = leaderSlots.stream().anyMatch(s -> s.slot() == slot);
      long forgers = procs.values().stream().filter(this::forging).count();
      // Two processes forging is a double-forged slot when the slot is ours; it is counted in any slot, to be strict.
      if (forgers > 1) {
        doubled++;
      } else if (ours && forgers == 0) {
        lost++;
      }
      if (leaderSlots.get(leaderSlots.size() - 1).slot() - slot < 300) {
        schedule(Duration.ofMinutes(10));
      }
      leaderSlots.removeIf(s -> s.slot() < slot);
    }
  }

  private void schedule(Duration ahead) {
    long from = leaderSlots.isEmpty() ? time.wall.getEpochSecond() : leaderSlots.get(leaderSlots.size() - 1).slot() + 1;
    long to = time.wall.plus(ahead).getEpochSecond();
    for (long s = from; s <= to; s++) {
      if (random.nextDouble() < activeSlots) {
        leaderSlots.add(new LeaderCalendar.Slot(s, Instant.ofEpochSecond(s), Instant.ofEpochSecond(s + 1)));
      }
    }
    if (leaderSlots.isEmpty()) {
      leaderSlots.add(new LeaderCalendar.Slot(to, Instant.ofEpochSecond(to), Instant.ofEpochSecond(to + 1)));
    }
  }

  private ForgingWindow window() {
    return new ForgingWindow(new LeaderCalendar(List.copyOf(leaderSlots),
        Instant.ofEpochSecond(leaderSlots.get(leaderSlots.size() - 1).slot())), RestartTimes.none(),
        new MaintenancePolicy(simulatedStart, Duration.ofSeconds(10), Duration.ofHours(6), 0.9, 3));
  }

  private Map<String, NodeObservation> observed() {
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    for (Proc p : procs.values()) {
      boolean live = p.answering() && !time.wall.isBefore(p.syncedAt);
      out.put(p.ref.name(), new NodeObservation(p.ref.name(), time.wall, p.alive, p.alive, live, live && p.keys,
          live ? HealthState.SYNCED : p.alive ? HealthState.STARTING : HealthState.DOWN, null, null, null,
          List.of()));
    }
    return out;
  }

  private void start(Proc p) {
    ProducerCredentials.Launch l = keeper.forLaunch(p.ref);
    p.alive = true;
    p.stopped = false;
    p.deaf = false;
    p.pendingHup = false;
    p.paths = l.keys();
    p.keys = !l.nonProducing() && readable(p);
    p.syncedAt = time.wall.plus(simulatedStart);
  }

  private void die(Proc p) {
    p.alive = false;
    p.keys = false;
    p.stopped = false;
    p.deaf = false;
    p.pendingHup = false;
    p.diedAt = time.wall;
  }

  private static boolean readable(Proc p) {
    return p.paths.map(k -> Files.exists(k.kesKey())).orElse(false);
  }

  /** The simulated processes as the keeper sees them. */
  private final class Processes implements ProducerProcesses {
    @Override
    public boolean running(String node) {
      return procs.get(node).alive;
    }

    @Override
    public Optional<NodeHealth.ForgingSample> forging(String node) {
      Proc p = procs.get(node);
      if (!p.answering()) {
        return Optional.empty();
      }
      return Optional.of(new NodeHealth.ForgingSample(p.keys, time.wall.plusNanos(++p.scrapes)));
    }

    @Override
    public boolean hangUp(String node) {
      Proc p = procs.get(node);
      if (!p.alive) {
        return false;
      }
      if (p.stopped) {
        p.pendingHup = true;
      } else if (!p.deaf) {
        p.keys = readable(p);
      }
      return true;
    }

    @Override
    public void kill(String node) {
      die(procs.get(node));
    }
  }
}
