package io.palisade.control.local;

import io.palisade.agent.AgentConfig;
import io.palisade.chain.ChainClock;
import io.palisade.control.Action;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlState;
import io.palisade.control.Decision;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.PoolController;
import io.palisade.control.plane.AccessToken;
import io.palisade.control.plane.ActionResult;
import io.palisade.control.plane.ControlPlaneInfo;
import io.palisade.control.plane.ControlPlaneServer;
import io.palisade.control.plane.NodeStatus;
import io.palisade.control.plane.PoolService;
import io.palisade.control.plane.PoolStatus;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.regex.Pattern;

/**
 * A pool running on this host: the control loop, the child processes and the control plane's API. Everything that
 * changes state runs on one thread (the loop's), so API requests and ticks never race.
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
  private final Deque<ControlEvent> recentEvents = new ArrayDeque<>();
  private final List<java.util.function.Consumer<ControlEvent>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private LocalDesired desired;
  private ControlState state;
  private Map<String, NodeObservation> observed = Map.of();
  private ControlPlaneServer api;
  private AccessToken token;
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

  private LocalPool(LocalPoolOptions options, DataDir dataDir, LocalRuntime runtime) {
    this.options = options;
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
  }

  /**
   * Starts (or resumes) the pool: takes the data directory's lock, adopts nodes a previous control plane left
   * running, starts the control loop and the API.
   *
   * @param options how to run it
   * @return the running pool
   * @throws AlreadyRunningException if another control plane runs on the data directory
   * @throws IllegalStateException if the data directory holds another pool
   * @throws IOException if the data directory cannot be used
   */
  public static LocalPool start(LocalPoolOptions options) throws IOException {
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
      Optional<Path> opcert = options.hotKeys().map(HotKeyFiles::operationalCertificate);
      var health = options.health() != null ? options.health()
          : (java.util.function.BiFunction<NodeRef, NodePorts, NodeHealth>) (n, p) ->
              new AgentNodeHealth(n, p, chainClock, startupBudget,
                  n.isBlockProducer() ? opcert : Optional.empty(), HEALTH);
      LocalRuntime runtime = new LocalRuntime(dir, options.command(), files, health, options.nodeToNodeBase(),
          options.metricsBase(), options.stopGrace(), options.hotKeys(), options.clock());
      LocalPool pool = new LocalPool(options, dir, runtime);
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
    DesiredPool pool = desired.toDesired(spec);
    List<NodeRef> refs = new ArrayList<>(pool.nodes());
    if (state != null) {
      state.members().stream().map(MemberState::ref).filter(r -> !refs.contains(r)).forEach(refs::add);
    }
    runtime.register(refs);
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
    }
    if (!adopted.isEmpty()) {
      options.progress().accept("adopted running node(s): " + String.join(", ", adopted));
    }
    token = AccessToken.generate();
    token.write(dataDir.tokenFile());
    api = ControlPlaneServer.start(options.apiPort(), this, token);
    dataDir.write(dataDir.controlPlaneFile(),
        new ControlPlaneInfo(ProcessHandle.current().pid(), api.url().toString(), spec.name(), Instant.now()));
    recentEvents.addAll(eventLog.tail(50));
    loop.scheduleWithFixedDelay(this::tickSafely, 0, options.tick().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The control plane's base URL. */
  public URI url() {
    return api.url();
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
    if (state.rollout() == null && !desired.version().equals(state.poolVersion())
        && state.failure(desired.version()).isPresent()) {
      // The rollout failed and was rolled back: the pool's target is the version it runs again.
      saveDesired(desired.withVersion(state.poolVersion()));
    }
  }

  private void apply(Decision d) throws IOException {
    if (!d.state().equals(state)) {
      dataDir.write(dataDir.stateFile(), d.state());
      state = d.state();
    }
    List<ControlEvent> events = new ArrayList<>(d.events());
    for (Action a : d.actions()) {
      try {
        a.applyTo(runtime);
      } catch (NodeRuntimeException e) {
        events.add(new ControlEvent(options.clock().instant(), ControlEvent.Severity.Warning, "ActionFailed",
            a.nodeName(), "could not " + a.getClass().getSimpleName() + " " + a.nodeName() + ": " + e.getMessage()));
      }
    }
    record(events);
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
      throw new IllegalStateException("the control plane is shutting down");
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
      throw new IllegalStateException("the control plane is shutting down", e);
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
      boolean ready = o != null && o.ready();
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
        s.relayAddition(), s.failedVersions(), s.history(), List.copyOf(events));
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
      DesiredPool more = desired.toDesired(spec).withRelayIn(region);
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

  /**
   * Opens a shell in a node's working directory, as this (the node's) user. The console's gateway uses it.
   *
   * @param node the node
   * @param command the shell command ({@code /bin/sh} when empty)
   * @return the started process; the caller owns its streams
   * @throws IOException if it cannot be started
   */
  public Process openShell(String node, List<String> command) throws IOException {
    if (onLoop(() -> currentState().member(node).isEmpty())) {
      throw new NoSuchElementException("no node named " + node);
    }
    ProcessBuilder pb = new ProcessBuilder(command.isEmpty() ? List.of("/bin/sh") : command);
    pb.directory(dataDir.nodeDir(node).toFile());
    pb.environment().put("PALISADE_NODE", node);
    return pb.start();
  }

  private ControlState currentState() {
    return state == null ? ControlState.initial(desired.toDesired(spec)) : state;
  }

  private void saveDesired(LocalDesired d) throws IOException {
    dataDir.write(dataDir.desiredFile(), d);
    desired = d;
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
    if (api != null) {
      api.close();
    }
    options.progress().accept("stopping every node (SIGTERM, then a kill after " + human(options.stopGrace()) + ")");
    runtime.stopAll();
    runtime.close();
    try {
      if (state != null) {
        state = state.stopped();
        dataDir.write(dataDir.stateFile(), state);
      }
      record(List.of(new ControlEvent(options.clock().instant(), ControlEvent.Severity.Normal, "PoolStopped", null,
          "every node was stopped cleanly")));
      Files.deleteIfExists(dataDir.controlPlaneFile());
      Files.deleteIfExists(dataDir.tokenFile());
      if (options.hotKeys().isPresent()) {
        HotKeySetup.remove(HotKeySetup.directoryFor(dataDir.root(), spec.name()));
      }
    } catch (IOException e) {
      options.progress().accept("cannot record the stop: " + e.getMessage());
    } finally {
      if (token != null) {
        token.wipe();
      }
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
