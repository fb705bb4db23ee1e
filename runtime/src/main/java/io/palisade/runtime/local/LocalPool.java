package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.KeyChanges;
import io.palisade.control.NodeObservation;
import io.palisade.control.PoolController;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.PoolService;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.lease.ProducerLease;
import io.palisade.spec.Names;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A pool running on this host: the control loop and the child processes. Everything that changes state runs on one
 * thread (the loop's), so API requests and passes never race. {@code io.palisade.runtime.plane.ControlPlane} puts the
 * loopback API in front of it.
 *
 * <p>This class is the {@link PoolService} facade; the work is done by its parts: {@link LocalPoolBootstrap} (lock,
 * resume, {@link RecoveryPlan}), {@link ControlLoop}, {@link LoopState}, {@link DecisionApplier}, {@link EventHub},
 * {@link LoopPass}, {@link LocalCommands} (control's guard rails, then the request), {@link HotKeyRotation},
 * {@link StatusProjection}, {@link PoolShutdown} and {@link LeftoverNodes}.
 *
 * <pre>{@code
 * LocalPool pool = LocalPool.start(LocalPoolOptions.of(loaded, dataDir, command));
 * pool.status();                    // what `palisade status` shows
 * pool.upgrade(NodeVersion.parse("10.6.0"), false, false);
 * pool.shutdown();                  // stops every node cleanly
 * pool.awaitStopped();
 * }</pre>
 */
public final class LocalPool implements PoolService, AutoCloseable {
  private static final Pattern REGION = Pattern.compile(Names.REGION);

  private final Parts parts;
  private final PoolSpec spec;
  private final LoopState state;
  private final EventHub events;
  private final HotKeyRotation keys;
  private final LocalCommands commands;
  private final MaintenanceGate gate;
  private final ControlLoop loop = new ControlLoop();
  /** The producer lease, for a pool with a standby. */
  private final Optional<ProducerLeaseKeeper> lease;
  private final PoolShutdown shutdown;

  /** The parts of a pool, as {@link LocalPoolBootstrap} builds them. */
  record Parts(LocalPoolOptions options, DataDir dataDir, LocalRuntime runtime, LoopState loop, EventHub events,
      DecisionApplier applier, HotKeyRotation keys, LocalCommands commands, PoolController controller,
      MaintenanceGate gate, LoopSignals signals, Optional<ProducerLeaseKeeper> lease) {}

  LocalPool(Parts p) {
    this.parts = p;
    this.spec = p.options().pool().spec();
    this.state = p.loop();
    this.events = p.events();
    this.keys = p.keys();
    this.commands = p.commands();
    this.gate = p.gate();
    this.lease = p.lease();
    this.shutdown = new PoolShutdown(p, loop);
  }

  /**
   * Starts (or resumes) the pool: takes the data directory's lock, adopts nodes a previous control plane left
   * running, starts the control loop.
   *
   * @param options how to run it
   * @return the running pool
   * @throws AlreadyRunningException if another control plane runs on the data directory
   * @throws IllegalStateException if the data directory holds another pool
   * @throws IOException if the data directory cannot be used
   */
  public static LocalPool start(LocalPoolOptions options) throws IOException {
    LocalPool pool = open(options);
    pool.run();
    return pool;
  }

  /**
   * Opens the pool without running it: takes the data directory's lock and adopts nodes a previous control plane
   * left running. Then either {@link #run()} it, or {@link #release()} it (the nodes keep running).
   *
   * @param options how to run it
   * @return the pool, its control loop not yet running
   * @throws AlreadyRunningException if another control plane runs on the data directory
   * @throws IllegalStateException if the data directory holds another pool
   * @throws IOException if the data directory cannot be used
   */
  public static LocalPool open(LocalPoolOptions options) throws IOException {
    return LocalPoolBootstrap.open(options);
  }

  /**
   * Starts the control loop of a pool {@link #open(LocalPoolOptions) opened}: a pass every tick, and at once whenever
   * a node process exits, a node's verdict changes, a new request is recorded, or a deadline of the control state (a
   * rollout step's hold, a restart's backoff) comes.
   */
  public void run() {
    parts.signals().bind(loop::wake, self -> PoolViews.of(state.observed(), self));
    loop.start(new LoopPass(state, parts.runtime(), parts.controller(), parts.applier(), events, loop, gate, keys,
        lease, parts.options().clock()), parts.options().tick());
  }

  /**
   * Gives up a pool {@link #open(LocalPoolOptions) opened} but never run (its API could not start): releases the data
   * directory and leaves the nodes running, for the next start to adopt.
   */
  public void release() {
    shutdown.release();
  }

  /**
   * Adds something that runs in front of the pool (its API), closed first when the pool stops.
   *
   * @param frontEnd what to close
   */
  public void whenStopping(AutoCloseable frontEnd) {
    shutdown.whenStopping(frontEnd);
  }

  /** The data directory. */
  public Path dataDir() {
    return parts.dataDir().root();
  }

  /**
   * Adds a receiver of every new event (the CLI prints them as they happen).
   *
   * @param listener the receiver; called on the control loop's thread
   */
  public void onEvent(Consumer<ControlEvent> listener) {
    events.onEvent(listener);
  }

  /** The control loop's latest observation of each node (read on the loop's thread; empty before the first pass). */
  public Map<String, NodeObservation> observations() {
    return loop.call(() -> Map.copyOf(state.observed()));
  }

  /**
   * Each running node's latest forge-counter reading, with its time (the slot ledger brackets leader slots with them;
   * kept beside the observations, not in them: the control loop never reads them). Read on the caller's thread,
   * not the loop's, so a busy pass never delays the slot watch: each node's judge is a volatile field and a reading
   * one immutable value.
   */
  public Map<String, NodeHealth.ForgeSample> forgeCounters() {
    return parts.runtime().forgeCounters();
  }

  @Override
  public PoolStatus status() {
    LocalRuntime runtime = parts.runtime();
    DataDir dataDir = parts.dataDir();
    Clock clock = parts.options().clock();
    return loop.call(() -> StatusProjection.withProducer(StatusProjection.status(spec, dataDir.root(),
        clock.instant(), state.current(), state.desired(), state.observed(),
        node -> new StatusProjection.Placement(runtime.portsOf(node), runtime.pidOf(node), dataDir.nodeDir(node)),
        keys.status(), events.recent(50), gate.status(state.current(), state.observed(), clock.instant())),
        lease.map(ProducerLeaseKeeper::status).orElse(null)));
  }

  /**
   * The block producer's leader schedule, computed once per epoch: the one source leader-aware maintenance, the slot
   * ledger and {@code up}'s output read.
   */
  public LeaderScheduleSource leaderSchedule() {
    return gate.schedule();
  }

  /** The producer that forges now: the block producer, or with a standby the forging lease's holder. */
  public String forgingProducer() {
    return forgingLease().holder();
  }

  /**
   * The forging lease now: with a standby the keeper's (holder, token, since); without, the block producer's since the
   * beginning of time (it never moves).
   */
  public ProducerLease forgingLease() {
    return lease.map(k -> k.state().lease())
        .orElseGet(() -> new ProducerLease(spec.blockProducerRef().name(), 1, java.time.Instant.EPOCH));
  }

  @Override
  public ActionResult switchover() {
    if (lease.isEmpty()) {
      return PoolService.super.switchover();
    }
    try {
      ActionResult r = lease.get().switchover();
      if (r.accepted()) {
        parts.signals().wake();
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<ControlEvent> events(int limit) {
    try {
      return events.tail(limit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ActionResult upgrade(NodeVersion version, boolean retry, boolean allowDowngrade) {
    Objects.requireNonNull(version, "version");
    return loop.call(() -> commands.upgrade(version, retry, allowDowngrade));
  }

  @Override
  public ActionResult addRelay(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("region must be at most 20 characters: lower-case letters, digits and"
          + " '-', was: \"" + region + "\"");
    }
    return loop.call(() -> commands.addRelay(region));
  }

  @Override
  public ActionResult restartNode(String node) {
    return loop.call(() -> commands.restartNode(node));
  }

  @Override
  public ActionResult removeNode(String node, boolean relayOnly) {
    return loop.call(() -> commands.removeNode(node, relayOnly));
  }

  @Override
  public ActionResult deleteVolume(String node) {
    return loop.call(() -> commands.deleteVolume(node));
  }

  @Override
  public ActionResult rotateKeys(KeyChanges.Key key, String passphraseFile) {
    Objects.requireNonNull(key, "key");
    return loop.call(() -> keys.rotate(key, passphraseFile));
  }

  @Override
  public ActionResult revokeKeys(KeyChanges.Key key, String reason) {
    Objects.requireNonNull(key, "key");
    return loop.call(() -> keys.revoke(key, reason));
  }

  @Override
  public ActionResult shutdown() {
    shutdown.stopSoon(false);
    return new ActionResult(true, "stopping every node, then the control plane", null);
  }

  @Override
  public ActionResult deletePool() {
    if (loop.stopping()) {
      return LocalCommands.refused("the control plane is already stopping");
    }
    ActionResult answer = shutdown.deleting();
    shutdown.stopSoon(true);
    return answer;
  }

  /**
   * Stops every node cleanly (SIGTERM, the grace period, then a kill), records the pool as stopped, removes the
   * control plane's files and releases the data directory. Safe to call twice.
   */
  @Override
  public void close() {
    shutdown.stop(false);
  }

  /** Waits until the pool was stopped (by {@link #close()}, {@code palisade down} or the API). */
  public void awaitStopped() throws InterruptedException {
    shutdown.awaitStopped();
  }

  /**
   * Stops node processes a dead control plane left running ({@code palisade down} when no control plane answers).
   *
   * @param root the data directory
   * @param grace how long each node has after SIGTERM
   * @return the names of the nodes stopped
   * @throws IOException if the data directory cannot be used
   * @throws AlreadyRunningException if a control plane runs there (ask it instead)
   */
  public static List<String> stopLeftoverNodes(Path root, Duration grace) throws IOException {
    return LeftoverNodes.stop(root, grace);
  }

  /**
   * The revocation of the hot keys recorded in a data directory, if the keys were revoked and not rotated since
   * ({@code palisade up} then does not open a bundle at all).
   *
   * @param root the data directory
   * @return the revocation
   * @throws IOException if desired.json cannot be read
   */
  public static Optional<KeyChanges.Revocation> revokedKeys(Path root) throws IOException {
    DataDir dir = new DataDir(root);
    return dir.read(dir.desiredFile(), LocalDesired.class).map(LocalDesired::revokedKeys);
  }

  /** Node name to its latest observation (for tests and benchmarks). */
  public Map<String, NodeObservation> lastObservations() {
    return loop.call(() -> new LinkedHashMap<>(state.observed()));
  }

  /** The pid of a node's process, if it runs. */
  public Optional<Long> pidOf(String node) {
    return parts.runtime().pidOf(node);
  }
}
