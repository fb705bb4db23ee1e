package io.palisade.runtime.local;

import io.palisade.agent.AgentConfig;
import io.palisade.chain.ChainClock;
import io.palisade.control.Action;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlState;
import io.palisade.control.Decision;
import io.palisade.control.DesiredPool;
import io.palisade.control.KeyChanges;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.PoolChanges;
import io.palisade.control.PoolController;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolService;
import io.palisade.control.api.PoolStatus;
import io.palisade.keys.KeysException;
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.spec.KeysSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A pool running on this host: the control loop and the child processes. Everything that changes state runs on one
 * thread (the loop's), so API requests and ticks never race. {@code io.palisade.runtime.plane.ControlPlane} puts the
 * loopback API in front of it.
 *
 * <pre>{@code
 * LocalPool pool = LocalPool.start(LocalPoolOptions.of(loaded, dataDir, command));
 * pool.status();                    // what `palisade status` shows
 * pool.upgrade(NodeVersion.parse("10.6.0"), false);
 * pool.shutdown();                  // stops every node cleanly
 * pool.awaitStopped();
 * }</pre>
 */
public final class LocalPool implements PoolService, AutoCloseable {
  private static final Pattern REGION = Pattern.compile("[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?");
  private static final int EVENTS_IN_MEMORY = 500;
  /**
   * The agent's thresholds for the runtime's gate: synced within 120 slots instead of gLiveView's 20. Blocks come
   * every 20 s on average (f = 0.05), so with 20 slots a freshly restarted node waits for the next block a third of
   * the time, which would make rollout steps fail by chance; two minutes behind is still "at the tip".
   */
  static final AgentConfig HEALTH = AgentConfig.defaults().withSyncThresholds(120, 300, 600, 900);

  private final LocalPoolOptions options;
  private final PoolSpec spec;
  private final DataDir dataDir;
  private final LocalRuntime runtime;
  private final PoolController controller;
  private final EventLog eventLog;
  private final ScheduledExecutorService loop;
  private final ChainClock chainClock;
  /** The block producer's hot keys now: a rotation replaces them, a revocation empties them. */
  private final AtomicReference<Optional<HotKeyFiles>> hotKeys;
  private final Path hotKeyDir;
  private final Deque<ControlEvent> recentEvents = new ArrayDeque<>();
  private final List<java.util.function.Consumer<ControlEvent>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private LocalDesired desired;
  private ControlState state;
  /** The last pass's observations; read by the node watchers' threads for the pool's view. */
  private volatile Map<String, NodeObservation> observed = Map.of();
  private final LoopSignals signals;
  private final LoopWakeups wakeups;
  /** What runs in front of the pool (its API): closed first when the pool stops. */
  private final List<AutoCloseable> frontEnds = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean stopping;

  /**
   * The pool this data directory holds.
   *
   * @param name the pool's name
   * @param network its network
   * @param spec the pool.yaml it was started from
   */
  public record PoolRecord(String name, String network, String spec) {}

  /** Another control plane already runs on the data directory. */
  public static final class AlreadyRunningException extends IOException {
    private static final long serialVersionUID = 1L;

    AlreadyRunningException(String message) {
      super(message);
    }
  }

  private LocalPool(LocalPoolOptions options, DataDir dataDir, LocalRuntime runtime, ChainClock chainClock,
      AtomicReference<Optional<HotKeyFiles>> hotKeys, LoopSignals signals) {
    this.options = options;
    this.signals = signals;
    this.chainClock = chainClock;
    this.hotKeys = hotKeys;
    this.hotKeyDir = HotKeySetup.directoryFor(dataDir.root(), options.pool().spec().name());
    this.spec = options.pool().spec();
    this.dataDir = dataDir;
    this.runtime = runtime;
    this.controller = new PoolController(options.healing());
    this.eventLog = new EventLog(dataDir.eventsFile());
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "palisade-control-loop");
      t.setDaemon(true);
      return t;
    });
    this.wakeups = new LoopWakeups(loop, this::tickSafely, () -> stopping);
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
    DataDir dir = new DataDir(options.dataDir());
    if (!dir.tryLock()) {
      String who = dir.read(dir.controlPlaneFile(), ControlPlaneInfo.class)
          .map(i -> " (pid " + i.pid() + ", " + i.url() + ")").orElse("");
      throw new AlreadyRunningException("a control plane already runs on " + dir.root() + who
          + "; use 'palisade status' or 'palisade down'");
    }
    try {
      PoolSpec spec = options.pool().spec();
      Optional<PoolRecord> record = dir.read(dir.poolFile(), PoolRecord.class);
      if (record.isPresent() && !record.get().name().equals(spec.name())) {
        throw new IllegalStateException("the data directory " + dir.root() + " holds pool \"" + record.get().name()
            + "\", not \"" + spec.name() + "\"; use another --data-dir (or 'palisade down' and remove it)");
      }
      dir.write(dir.poolFile(), new PoolRecord(spec.name(), spec.network().toString(), options.pool().source()));
      ChainClock chainClock = new ChainClock(options.pool().genesis(), options.clock());
      NodeFiles files = options.files() != null ? options.files()
          : new DeployNodeFiles(options.pool());
      Duration startupBudget = DesiredPool.fromSpec(spec).upgrade().deadlinePerNode();
      AtomicReference<Optional<HotKeyFiles>> keys = new AtomicReference<>(options.hotKeys());
      LoopSignals signals = new LoopSignals();
      // The block producer's judge reads the opcert of the keys it was started with (a rotation restarts it).
      var health = options.health() != null ? options.health()
          : (java.util.function.BiFunction<NodeRef, NodePorts, NodeHealth>) (n, p) ->
              new AgentNodeHealth(n, p, chainClock, startupBudget,
                  n.isBlockProducer() ? keys.get().map(HotKeyFiles::operationalCertificate) : Optional.empty(),
                  HEALTH, () -> signals.viewFor(n.name()), signals::wake);
      LocalRuntime runtime = new LocalRuntime(dir, options.command(), files, health, options.nodeToNodeBase(),
          options.metricsBase(), options.stopGrace(), keys::get, options.clock());
      runtime.onProcessExit(signals::wake);
      LocalPool pool = new LocalPool(options, dir, runtime, chainClock, keys, signals);
      pool.resume();
      return pool;
    } catch (IOException | RuntimeException e) {
      dir.unlock();
      throw e;
    }
  }

  private void resume() throws IOException {
    desired = LocalDesired.reconcile(dataDir.read(dataDir.desiredFile(), LocalDesired.class).orElse(null), spec);
    dataDir.write(dataDir.desiredFile(), desired);
    state = dataDir.read(dataDir.stateFile(), ControlState.class).orElse(null);
    if (state != null && state.members().stream().anyMatch(m -> desired.removedNodes().contains(m.name()))) {
      // The control plane died between recording a removal and finishing it: finish it.
      state = new ControlState(state.poolVersion(), state.members().stream()
          .filter(m -> !desired.removedNodes().contains(m.name())).toList(), state.rollout(), state.relayAddition(),
          state.failedVersions(), state.history(), state.refusedTarget());
      dataDir.write(dataDir.stateFile(), state);
    }
    if (desired.revokedKeys() != null && hotKeys.get().isPresent()) {
      HotKeySetup.remove(hotKeys.get().get().directory());
      HotKeySetup.remove(hotKeyDir);
      hotKeys.set(Optional.empty());
      options.progress().accept("the block producer's hot keys were revoked through the console on "
          + desired.revokedKeys().at() + "; it runs without them (no forging) until a key rotation installs new ones");
    }
    DesiredPool pool = desired.toDesired(spec);
    List<NodeRef> refs = new ArrayList<>(pool.nodes());
    if (state != null) {
      state.members().stream().map(MemberState::ref).filter(r -> !refs.contains(r)).forEach(refs::add);
    }
    runtime.register(refs);
    for (String removed : desired.removedNodes()) {
      if (runtime.stopLeftover(removed)) {
        options.progress().accept("stopped " + removed + ", removed from the pool but left running by a control plane"
            + " that died");
      }
    }
    List<String> adopted = runtime.adopt();
    if (state != null) {
      Set<String> notRunning = new HashSet<>();
      for (MemberState m : state.members()) {
        Optional<NodeVersion> running = runtime.versionOf(m.name());
        if (!adopted.contains(m.name())) {
          notRunning.add(m.name());
        } else if (running.isPresent() && !running.get().equals(m.version())) {
          // Found running another version than it should (a crash mid-step): restart it on the right one.
          runtime.stop(m.name());
          notRunning.add(m.name());
        }
      }
      state = state.startingAfresh(notRunning);
      // Topology files are written after the state that names them: rewrite them in case a crash came in between.
      runtime.setPoolVersion(state.poolVersion());
      for (MemberState m : state.members()) {
        if (m.topology() != null) {
          try {
            runtime.setTopology(m.name(), m.topology());
          } catch (NodeRuntimeException e) {
            options.progress().accept("cannot rewrite the topology of " + m.name() + ": " + e.getMessage());
          }
        }
      }
    }
    if (!adopted.isEmpty()) {
      options.progress().accept("adopted running node(s): " + String.join(", ", adopted));
    }
    recentEvents.addAll(eventLog.tail(50));
  }

  /**
   * Starts the control loop of a pool {@link #open(LocalPoolOptions) opened}: a pass every tick, and at once whenever
   * a node process exits, a node's verdict changes, or a deadline of the control state (a rollout step's hold, a
   * restart's backoff) comes.
   */
  public void run() {
    signals.bind(wakeups::wake, self -> PoolViews.of(observed, self));
    loop.scheduleWithFixedDelay(this::tickSafely, 0, options.tick().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Gives up a pool {@link #open(LocalPoolOptions) opened} but never run (its API could not start): releases the data
   * directory and leaves the nodes running, for the next start to adopt.
   */
  public void release() {
    loop.shutdownNow();
    runtime.close();
    dataDir.unlock();
  }

  /**
   * Adds something that runs in front of the pool (its API), closed first when the pool stops.
   *
   * @param frontEnd what to close
   */
  public void whenStopping(AutoCloseable frontEnd) {
    frontEnds.add(frontEnd);
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir.root();
  }

  /**
   * Adds a receiver of every new event (the CLI prints them as they happen).
   *
   * @param listener the receiver; called on the control loop's thread
   */
  public void onEvent(java.util.function.Consumer<ControlEvent> listener) {
    listeners.add(listener);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException | IOException e) {
      record(List.of(new ControlEvent(options.clock().instant(), ControlEvent.Severity.Warning, "ControlLoopError",
          null, "the control loop failed a pass and will try again: " + e)));
    }
  }

  private void tick() throws IOException {
    if (stopping) {
      return;
    }
    DesiredPool pool = desired.toDesired(spec);
    runtime.register(pool.nodes());
    runtime.setPoolVersion(state == null ? pool.version() : state.poolVersion());
    observed = runtime.observe();
    apply(controller.decide(pool, observed, state, options.clock().instant()));
    Instant now = options.clock().instant();
    wakeups.wakeAt(LoopDeadlines.next(state, pool, now), now);
    if (state.rollout() == null && !desired.version().equals(state.poolVersion())
        && state.failure(desired.version()).isPresent()) {
      // The rollout failed and was rolled back: the pool's target is the version it runs again.
      saveDesired(desired.withVersion(state.poolVersion()));
    }
  }

  /** Persists the decision's state, applies its actions in order and records its events; returns what failed. */
  private List<String> apply(Decision d) throws IOException {
    if (!d.state().equals(state)) {
      dataDir.write(dataDir.stateFile(), d.state());
      state = d.state();
    }
    List<ControlEvent> events = new ArrayList<>(d.events());
    List<String> failures = new ArrayList<>();
    for (Action a : d.actions()) {
      try {
        a.applyTo(runtime);
      } catch (NodeRuntimeException e) {
        String what = "could not " + a.getClass().getSimpleName() + " " + a.nodeName() + ": " + e.getMessage();
        failures.add(what);
        events.add(new ControlEvent(options.clock().instant(), ControlEvent.Severity.Warning, "ActionFailed",
            a.nodeName(), what));
      }
    }
    record(events);
    return failures;
  }

  private void record(List<ControlEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      eventLog.append(events);
    } catch (IOException e) {
      options.progress().accept("cannot write the event log: " + e.getMessage());
    }
    synchronized (recentEvents) {
      for (ControlEvent e : events) {
        recentEvents.addLast(e);
        if (recentEvents.size() > EVENTS_IN_MEMORY) {
          recentEvents.removeFirst();
        }
      }
    }
    for (ControlEvent e : events) {
      listeners.forEach(l -> l.accept(e));
    }
  }

  /** Runs {@code task} on the control loop's thread and waits for it. */
  private <T> T onLoop(Callable<T> task) {
    if (stopping) {
      throw new io.palisade.control.api.PoolUnavailableException("the control plane is shutting down", null);
    }
    try {
      return loop.submit(task).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the control loop did not answer within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new io.palisade.control.api.PoolUnavailableException("the control plane is shutting down", e);
    }
  }

  @Override
  public PoolStatus status() {
    return onLoop(this::buildStatus);
  }

  private PoolStatus buildStatus() {
    ControlState s = state == null ? ControlState.initial(desired.toDesired(spec)) : state;
    List<NodeStatus> nodes = new ArrayList<>();
    boolean allReady = true;
    for (MemberState m : s.members()) {
      NodeObservation o = observed.get(m.name());
      NodePorts p = runtime.portsOf(m.name());
      // An observation older than the last action on the node (a restart a moment ago) says nothing about it now.
      boolean ready = PoolChanges.ready(observed, m);
      allReady &= ready;
      nodes.add(new NodeStatus(m.name(), m.ref().role().name(), m.ref().region(), m.phase().name(),
          o == null ? "UNKNOWN" : o.state().name(), o != null && o.processAlive(), o != null && o.live(), ready,
          m.version(), o == null ? null : o.version(), runtime.pidOf(m.name()).orElse(null), p.nodeToNode(),
          p.metrics(), o == null ? null : o.tipSlot(), o == null ? null : o.slotGap(), m.restarts(),
          m.topology() == null ? List.of() : m.topology(), o == null ? List.of() : o.reasons(), m.lastFailure(),
          dataDir.nodeDir(m.name()).toString()));
    }
    List<ControlEvent> events;
    synchronized (recentEvents) {
      events = new ArrayList<>(recentEvents);
    }
    if (events.size() > 50) {
      events = events.subList(events.size() - 50, events.size());
    }
    boolean healthy = allReady && s.rollout() == null && s.relayAddition() == null;
    return new PoolStatus(spec.name(), spec.network().toString(), dataDir.root().toString(),
        options.clock().instant(), healthy, s.poolVersion(), desired.version(), nodes, s.rollout(),
        s.relayAddition(), s.failedVersions(), s.history(), keyStatus(), desired.removedNodes(),
        List.copyOf(events));
  }

  private HotKeyStatus keyStatus() {
    Optional<HotKeyFiles> k = hotKeys.get();
    if (k.isPresent()) {
      BundleHeader h = k.get().header();
      Instant now = options.clock().instant();
      long left = Math.max(0, chainClock.kesPeriodsRemaining(h.kesStartPeriod(), now));
      return new HotKeyStatus("INSTALLED", h.poolIdHex(), h.poolIdBech32(), h.opcertCounter(), h.kesStartPeriod(),
          left, chainClock.opcertExpiry(h.kesStartPeriod()), h.demo(), (h.demo() ? "a throwaway DEMO key set"
          : "from the hot-key bundle") + ", opcert counter " + h.opcertCounter() + ", " + left
          + " KES periods left");
    }
    KeyChanges.Revocation r = desired.revokedKeys();
    if (r != null) {
      return new HotKeyStatus("REVOKED", r.poolIdHex(), null, r.opcertCounter(), null, null, null, false,
          "revoked at " + r.at() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")") + "; the block producer"
          + " does not forge until a key rotation installs new keys");
    }
    return new HotKeyStatus("NONE", null, null, null, null, null, null, false,
        "no hot keys: the block producer does not forge");
  }

  @Override
  public List<ControlEvent> events(int limit) {
    try {
      return eventLog.tail(limit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ActionResult upgrade(NodeVersion version, boolean retry) {
    Objects.requireNonNull(version, "version");
    return onLoop(() -> {
      ControlState s = currentState();
      if (s.rollout() != null) {
        return refused("a rollout to " + s.rollout().to() + " is in progress; wait for it to finish");
      }
      if (!desired.version().equals(s.poolVersion())) {
        return refused("a rollout to " + desired.version() + " is in progress (starting); wait for it to finish");
      }
      if (s.relayAddition() != null) {
        return refused("relay " + s.relayAddition().node() + " is being added; wait for it to be ready");
      }
      if (version.equals(s.poolVersion())) {
        if (!desired.version().equals(version)) {
          saveDesired(desired.withVersion(version));
          return new ActionResult(true, "target set back to " + version + ", which the pool runs", null);
        }
        return refused("the pool already runs " + version);
      }
      var failed = s.failure(version);
      if (failed.isPresent()) {
        if (!retry) {
          return refused("version " + version + " failed on " + failed.get().at() + " (" + failed.get().reason()
              + "); it is not retried automatically. Pass --retry to try it again");
        }
        state = s.withoutFailure(version);
        dataDir.write(dataDir.stateFile(), state);
      }
      saveDesired(desired.withVersion(version));
      return new ActionResult(true, "rolling out " + version + " one node at a time: relays region by region, the"
          + " block producer last; a node not ready within " + human(desired.toDesired(spec).upgrade()
          .deadlinePerNode()) + " is rolled back", null);
    });
  }

  @Override
  public ActionResult addRelay(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("region must be at most 20 characters: lower-case letters, digits and"
          + " '-', was: \"" + region + "\"");
    }
    return onLoop(() -> {
      ControlState s = currentState();
      if (s.rollout() != null) {
        return refused("a rollout to " + s.rollout().to() + " is in progress; add the relay after it");
      }
      if (s.relayAddition() != null) {
        return refused("relay " + s.relayAddition().node() + " is still being added; one at a time");
      }
      if (!desired.version().equals(s.poolVersion())) {
        return refused("the pool's target version " + desired.version() + " differs from the version it runs ("
            + s.poolVersion() + "); settle that first");
      }
      DesiredPool more = desired.toDesired(spec).withRelayIn(region, desired.removedNodes());
      NodeRef relay = more.lastRelayIn(region);
      saveDesired(desired.withRelay(relay));
      runtime.register(more.nodes());
      boolean newRegion = spec.relayGroup(region).isEmpty()
          && desired.addedRelays().stream().filter(r -> r.region().equals(region)).count() == 1;
      return new ActionResult(true, "adding " + relay.name() + (newRegion ? " (a new region)" : "") + " on "
          + s.poolVersion() + "; it joins the block producer's topology once ready", relay.name());
    });
  }

  @Override
  public ActionResult restartNode(String node) {
    return onLoop(() -> {
      ControlState s = currentState();
      if (s.member(node).isEmpty()) {
        throw new NoSuchElementException("no node named " + node);
      }
      if (s.rollout() != null && node.equals(s.rollout().current())) {
        return refused(node + " is the current step of the rollout to " + s.rollout().to());
      }
      apply(controller.restartNode(s, node, options.clock().instant()));
      return new ActionResult(true, "restarting " + node, node);
    });
  }

  @Override
  public ActionResult shutdown() {
    // A moment's delay so this request's answer is sent before the API closes.
    CompletableFuture.runAsync(this::close,
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    return new ActionResult(true, "stopping every node, then the control plane", null);
  }

  @Override
  public ActionResult removeNode(String node, boolean relayOnly) {
    return onLoop(() -> {
      ControlState s = currentState();
      MemberState m = s.member(node).orElseThrow(() -> new NoSuchElementException("no node named " + node));
      if (relayOnly && !m.ref().role().equals(io.palisade.spec.NodeRole.RELAY)) {
        return refused(node + " is not a relay");
      }
      PoolChanges.Outcome o = PoolChanges.removeNode(s, observed, node, spec.network().isMainnet(),
          options.clock().instant());
      if (!o.accepted()) {
        return refused(o.message());
      }
      // Desired first: if the control plane dies after this line, the next start finishes the removal.
      saveDesired(desired.withoutNode(node));
      List<String> failures = apply(o.decision());
      runtime.forget(node);
      return failures.isEmpty() ? new ActionResult(true, o.message(), node)
          : new ActionResult(false, node + " was removed from the pool, but: " + String.join("; ", failures), node);
    });
  }

  @Override
  public ActionResult deleteVolume(String node) {
    return onLoop(() -> {
      PoolChanges.Outcome o = PoolChanges.deleteVolume(currentState(), observed, node, options.clock().instant());
      if (!o.accepted()) {
        return refused(o.message());
      }
      List<String> failures = apply(o.decision());
      return failures.isEmpty() ? new ActionResult(true, o.message(), node)
          : new ActionResult(false, String.join("; ", failures), node);
    });
  }

  @Override
  public ActionResult deletePool() {
    if (stopping) {
      return refused("the control plane is already stopping");
    }
    record(List.of(new ControlEvent(options.clock().instant(), ControlEvent.Severity.Warning, "PoolDeleting", null,
        "deleting pool " + spec.name() + " at the operator's request: every node is stopped, then its runtime"
            + " state is removed")));
    // A moment's delay so this request's answer is sent (and recorded by the console) before the API closes.
    CompletableFuture.runAsync(() -> stop(true), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    return new ActionResult(true, "stopping every node, then deleting the pool's runtime state (node directories,"
        + " state, hot keys); the console's database and audit log stay", null);
  }

  @Override
  public ActionResult rotateKeys(KeyChanges.Key key, String passphraseFile) {
    Objects.requireNonNull(key, "key");
    return onLoop(() -> {
      if (key == KeyChanges.Key.COLD) {
        return refused(KeyChanges.rotationRefusal(key, Optional.empty(), Optional.empty(), null, null).orElseThrow());
      }
      KeysSpec keys = spec.keys();
      if (keys == null || keys.hotKeyBundle() == null) {
        return refused("the pool spec names no keys.hotKeyBundle: put the new bundle's path there and restart"
            + " 'palisade up' (the nodes are adopted), then queue the rotation");
      }
      Path bundle = options.pool().resolve(keys.hotKeyBundle());
      BundleHeader candidate;
      try {
        candidate = HotKeyBundle.inspect(bundle);
      } catch (KeysException e) {
        return refused("the hot-key bundle " + bundle + " cannot be used: " + e.getMessage());
      }
      Optional<String> refusal = KeyChanges.rotationRefusal(key, hotKeys.get().map(HotKeyFiles::facts),
          Optional.ofNullable(desired.revokedKeys()), HotKeyFiles.facts(candidate), chainFacts());
      if (refusal.isPresent()) {
        return refused(refusal.get());
      }
      Optional<Path> passFile = passphraseFile != null && !passphraseFile.isBlank()
          ? Optional.of(Path.of(passphraseFile)) : options.hotKeyPassphraseFile();
      if (passFile.isEmpty()) {
        return refused("no passphrase for the hot-key bundle: name a passphrase file when queueing the rotation, or"
            + " start 'palisade up' with --hot-key-passphrase-file");
      }
      HotKeyFiles next;
      char[] passphrase = null;
      try {
        passphrase = io.palisade.keys.PassphraseFile.read(passFile.get(), "bundle passphrase");
        next = HotKeySetup.install(bundle, passphrase, Optional.of(candidate.poolIdHex()), hotKeyDir);
      } catch (KeysException | IOException e) {
        return refused("the hot-key bundle " + bundle + " cannot be opened: " + e.getMessage());
      } finally {
        if (passphrase != null) {
          java.util.Arrays.fill(passphrase, '\0');
        }
      }
      Optional<HotKeyFiles> old = hotKeys.getAndSet(Optional.of(next));
      saveDesired(desired.withRevokedKeys(null));
      String what = key + " rotation: installed the hot-key bundle " + bundle.getFileName() + " (pool "
          + candidate.poolIdBech32() + ", opcert counter " + candidate.opcertCounter() + ", KES period "
          + candidate.kesStartPeriod() + ") and restarted the block producer with it";
      List<String> failures = apply(PoolChanges.restartBlockProducer(currentState(), "KeysRotated", what, false,
          options.clock().instant()));
      if (old.isPresent() && !old.get().directory().equals(next.directory())) {
        HotKeySetup.remove(old.get().directory());
      }
      return failures.isEmpty() ? new ActionResult(true, what, spec.blockProducerRef().name())
          : new ActionResult(false, "the new keys are installed, but: " + String.join("; ", failures),
              spec.blockProducerRef().name());
    });
  }

  @Override
  public ActionResult revokeKeys(KeyChanges.Key key, String reason) {
    Objects.requireNonNull(key, "key");
    return onLoop(() -> {
      Optional<HotKeyFiles> installed = hotKeys.get();
      Optional<String> refusal = KeyChanges.revocationRefusal(key, installed.map(HotKeyFiles::facts));
      if (refusal.isPresent()) {
        return refused(refusal.get());
      }
      BundleHeader h = installed.get().header();
      Instant now = options.clock().instant();
      // Recorded first: a crash after this line still ends with the keys revoked at the next start.
      saveDesired(desired.withRevokedKeys(new KeyChanges.Revocation(now, h.poolIdHex(), h.opcertCounter(),
          reason)));
      hotKeys.set(Optional.empty());
      HotKeySetup.remove(hotKeyDir);
      String what = key + " revocation" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
          + ": the block producer's hot keys (opcert counter " + h.opcertCounter() + ") were wiped from memory and it"
          + " was restarted without them; it does not forge until a key rotation installs new keys";
      List<String> failures = apply(PoolChanges.restartBlockProducer(currentState(), "KeysRevoked", what, true, now));
      return failures.isEmpty() ? new ActionResult(true, what, spec.blockProducerRef().name())
          : new ActionResult(false, "the keys are wiped, but: " + String.join("; ", failures),
              spec.blockProducerRef().name());
    });
  }

  private KeyChanges.Chain chainFacts() {
    return new KeyChanges.Chain(chainClock.genesis().networkName(), spec.network().isMainnet(),
        chainClock.kesPeriodAt(options.clock().instant()), chainClock.genesis().maxKesEvolutions());
  }

  private ControlState currentState() {
    return state == null ? ControlState.initial(desired.toDesired(spec)) : state;
  }

  private void saveDesired(LocalDesired d) throws IOException {
    dataDir.write(dataDir.desiredFile(), d);
    desired = d;
    // A new target (an upgrade, a relay to add, a removal) is acted on by the next pass: run it now.
    wakeups.wake();
  }

  private static ActionResult refused(String message) {
    return new ActionResult(false, message, null);
  }

  /**
   * Stops every node cleanly (SIGTERM, the grace period, then a kill), records the pool as stopped, removes the
   * control plane's files and releases the data directory. Safe to call twice.
   */
  @Override
  public void close() {
    stop(false);
  }

  private void stop(boolean deletePool) {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    try {
      loop.shutdown();
      loop.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable f : frontEnds) {
      try {
        f.close();
      } catch (Exception e) {
        options.progress().accept("cannot close " + f + ": " + e.getMessage());
      }
    }
    options.progress().accept("stopping every node (SIGTERM, then a kill after " + human(options.stopGrace()) + ")");
    runtime.stopAll();
    runtime.close();
    try {
      HotKeySetup.remove(hotKeyDir);
      if (deletePool) {
        dataDir.deletePoolState();
        record(List.of(new ControlEvent(options.clock().instant(), ControlEvent.Severity.Warning, "PoolDeleted", null,
            "pool " + spec.name() + " was deleted at the operator's request: every node stopped, its directories,"
                + " state and hot keys removed (the console's database and this event log stay)")));
      } else {
        if (state != null) {
          state = state.stopped();
          dataDir.write(dataDir.stateFile(), state);
        }
        record(List.of(new ControlEvent(options.clock().instant(), ControlEvent.Severity.Normal, "PoolStopped", null,
            "every node was stopped cleanly")));
      }
      Files.deleteIfExists(dataDir.controlPlaneFile());
      Files.deleteIfExists(dataDir.tokenFile());
    } catch (IOException e) {
      options.progress().accept("cannot record the stop: " + e.getMessage());
    } finally {
      dataDir.unlock();
      stopped.complete(null);
    }
  }

  /** Waits until the pool was stopped (by {@link #close()}, {@code palisade down} or the API). */
  public void awaitStopped() throws InterruptedException {
    try {
      stopped.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
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
    DataDir dir = new DataDir(root);
    if (!dir.tryLock()) {
      throw new AlreadyRunningException("a control plane runs on " + root + "; ask it to stop instead");
    }
    try {
      List<String> stoppedNodes = new ArrayList<>();
      Path nodes = root.resolve("nodes");
      if (Files.isDirectory(nodes)) {
        try (var list = Files.list(nodes)) {
          for (Path nodeDir : list.sorted().toList()) {
            Path rec = nodeDir.resolve("process.json");
            Optional<ProcessRecord> r = dir.read(rec, ProcessRecord.class);
            Optional<ProcessHandle> h = r.flatMap(ProcessRecord::find);
            if (h.isPresent()) {
              h.get().destroy();
              try {
                h.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (TimeoutException e) {
                h.get().destroyForcibly();
              } catch (ExecutionException e) {
                // onExit does not fail.
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              stoppedNodes.add(nodeDir.getFileName().toString());
            }
            Files.deleteIfExists(rec);
          }
        }
      }
      Optional<ControlState> s = dir.read(dir.stateFile(), ControlState.class);
      if (s.isPresent()) {
        dir.write(dir.stateFile(), s.get().stopped());
      }
      Files.deleteIfExists(dir.controlPlaneFile());
      Files.deleteIfExists(dir.tokenFile());
      Optional<PoolRecord> pool = dir.read(dir.poolFile(), PoolRecord.class);
      if (pool.isPresent()) {
        HotKeySetup.remove(HotKeySetup.directoryFor(dir.root(), pool.get().name()));
      }
      return stoppedNodes;
    } finally {
      dir.unlock();
    }
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
    return onLoop(() -> new LinkedHashMap<>(observed));
  }

  /** The pid of a node's process, if it runs. */
  public Optional<Long> pidOf(String node) {
    return runtime.pidOf(node);
  }

  private static String human(Duration d) {
    return io.palisade.spec.binding.DurationText.format(d);
  }
}
