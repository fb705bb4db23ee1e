package io.palisade.runtime.local;

import io.palisade.control.NodeObservation;
import io.palisade.control.NodeRuntime;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.RuntimeNode;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The single-host {@link NodeRuntime}: every node a child process in its own directory under the data directory,
 * started with cardano-node's {@code run} arguments, its output appended to {@code node.log}, its pid and start time
 * in {@code process.json} so a restarted control plane can adopt it. Stopping sends SIGTERM, waits the grace period,
 * then kills.
 */
public final class LocalRuntime implements NodeRuntime, AutoCloseable {
  private static final long MAX_LOG_BYTES = 16L * 1024 * 1024;

  private final DataDir dataDir;
  private final NodeCommand command;
  private final NodeFiles files;
  private final BiFunction<NodeRef, NodePorts, NodeHealth> healthFactory;
  private final PortAllocator allocator;
  private final Duration stopGrace;
  private final Clock clock;
  private final Supplier<Optional<HotKeyFiles>> hotKeys;
  private final Map<String, Managed> nodes = new ConcurrentHashMap<>();
  private final Map<String, NodePorts> ports = new LinkedHashMap<>();
  /** The version topology files are rendered for before a node first starts (the pool's). */
  private volatile NodeVersion versionForFiles;
  /** Told the moment a node process exits (its {@link ProcessHandle#onExit()}): no polling for deaths. */
  private volatile Runnable exitListener = () -> { };

  /** A node the runtime manages. */
  private static final class Managed {
    final NodeRef ref;
    volatile ProcessHandle process;
    volatile NodeVersion version;
    volatile Instant processStartedAt;
    volatile NodeHealth health;

    Managed(NodeRef ref) {
      this.ref = ref;
    }

    boolean alive() {
      ProcessHandle p = process;
      return p != null && ProcessLiveness.isAlive(p);
    }
  }

  /**
   * @param dataDir the data directory
   * @param command how nodes are started
   * @param files writes config.json and topology.json
   * @param healthFactory makes the health judge of a node
   * @param nodeToNodeBase first node-to-node port (0: any free port)
   * @param metricsBase first metrics port (0: any free port)
   * @param stopGrace how long a node has to exit after SIGTERM before it is killed
   * @param hotKeys the block producer's hot-key files now, if the pool has them (read at each start of the block
   *     producer: a rotation or revocation changes them)
   * @param clock the clock
   * @throws IOException if ports.json cannot be read
   */
  public LocalRuntime(DataDir dataDir, NodeCommand command, NodeFiles files,
      BiFunction<NodeRef, NodePorts, NodeHealth> healthFactory, int nodeToNodeBase, int metricsBase,
      Duration stopGrace, Supplier<Optional<HotKeyFiles>> hotKeys, Clock clock) throws IOException {
    this.dataDir = dataDir;
    this.command = command;
    this.files = files;
    this.healthFactory = healthFactory;
    this.allocator = new PortAllocator(nodeToNodeBase, metricsBase);
    this.stopGrace = stopGrace;
    this.hotKeys = hotKeys;
    this.clock = clock;
    dataDir.read(dataDir.portsFile(), PortsFile.class).ifPresent(p -> ports.putAll(p.ports()));
  }

  /**
   * The ports file's content.
   *
   * @param ports node name to ports
   */
  public record PortsFile(Map<String, NodePorts> ports) {}

  /**
   * Makes sure every node has ports (kept across restarts) and is known to the runtime.
   *
   * @param refs every node of the pool
   * @throws IOException if ports.json cannot be written
   */
  public synchronized void register(List<NodeRef> refs) throws IOException {
    Map<String, NodePorts> all = allocator.allocate(ports, refs.stream().map(NodeRef::name).toList());
    if (!all.equals(ports)) {
      ports.clear();
      ports.putAll(all);
      dataDir.write(dataDir.portsFile(), new PortsFile(ports));
    }
    for (NodeRef r : refs) {
      nodes.computeIfAbsent(r.name(), k -> new Managed(r));
    }
  }

  /**
   * Runs {@code listener} whenever a node process this runtime started or adopted exits, on a JDK thread, at the
   * moment it exits: the control loop wakes on it rather than noticing at its next tick.
   *
   * @param listener what to run; must be quick
   */
  public void onProcessExit(Runnable listener) {
    this.exitListener = listener;
  }

  private void watchExit(CompletableFuture<?> exit) {
    exit.thenRun(() -> exitListener.run());
  }

  /** The version to render files of not-yet-started nodes for (the pool's version). */
  public void setPoolVersion(NodeVersion version) {
    this.versionForFiles = version;
  }

  /** The ports of a node. */
  public synchronized NodePorts portsOf(String node) {
    NodePorts p = ports.get(node);
    if (p == null) {
      throw new NodeRuntimeException("node " + node + " has no ports (not registered)");
    }
    return p;
  }

  /**
   * Adopts node processes a previous control plane left running: a process is adopted only if its pid is alive and
   * its start time matches process.json (a reused pid is not ours). Returns the adopted nodes' names.
   *
   * @return the names of the adopted nodes
   */
  public List<String> adopt() {
    List<String> adopted = new ArrayList<>();
    for (Managed m : nodes.values()) {
      Path record = dataDir.nodeDir(m.ref.name()).resolve("process.json");
      try {
        Optional<ProcessRecord> rec = dataDir.read(record, ProcessRecord.class);
        if (rec.isEmpty()) {
          continue;
        }
        Optional<ProcessHandle> handle = rec.get().find();
        if (handle.isPresent()) {
          m.process = handle.get();
          watchExit(handle.get().onExit());
          m.version = rec.get().version();
          m.processStartedAt = rec.get().startedAt();
          if (m.health != null) {
            m.health.close();
          }
          m.health = healthFactory.apply(m.ref, portsOf(m.ref.name()));
          adopted.add(m.ref.name());
        } else {
          Files.deleteIfExists(record);
        }
      } catch (IOException e) {
        // A damaged record: the node is treated as not running and started afresh.
      }
    }
    return adopted;
  }

  @Override
  public void start(NodeRef node, NodeVersion version) {
    Managed m = managed(node);
    synchronized (m) {
      if (m.alive()) {
        if (version.equals(m.version)) {
          return;
        }
        stopProcess(m);
      }
      launch(m, version);
    }
  }

  @Override
  public void stop(String nodeName) {
    Managed m = nodes.get(nodeName);
    if (m == null) {
      return;
    }
    synchronized (m) {
      stopProcess(m);
    }
  }

  @Override
  public void restart(NodeRef node, NodeVersion version) {
    Managed m = managed(node);
    synchronized (m) {
      stopProcess(m);
      launch(m, version);
    }
  }

  @Override
  public void wipeVolume(NodeRef node, NodeVersion version) {
    Managed m = managed(node);
    synchronized (m) {
      stopProcess(m);
      Path db = dataDir.nodeDir(node.name()).resolve("db");
      try {
        deleteTree(db);
      } catch (IOException e) {
        throw new NodeRuntimeException("cannot delete the chain database of " + node.name() + " (" + db + "): "
            + e.getMessage(), e);
      }
      launch(m, version);
    }
  }

  /**
   * Forgets a node removed from the pool: stops it if it still runs and drops its health judge. Its directory and
   * ports stay reserved, so its name is never given to another node.
   *
   * @param nodeName the node's name
   */
  public void forget(String nodeName) {
    Managed m = nodes.remove(nodeName);
    if (m == null) {
      return;
    }
    synchronized (m) {
      stopProcess(m);
      if (m.health != null) {
        m.health.close();
        m.health = null;
      }
    }
  }

  /**
   * Stops a node process a previous control plane left running although the node is no longer part of the pool (the
   * control plane died between removing it and stopping it).
   *
   * @param nodeName the node's name
   * @return whether a process was found and stopped
   */
  public boolean stopLeftover(String nodeName) {
    if (nodes.containsKey(nodeName)) {
      return false;
    }
    Path record = dataDir.nodeDir(nodeName).resolve("process.json");
    try {
      Optional<ProcessHandle> h = dataDir.read(record, ProcessRecord.class).flatMap(ProcessRecord::find);
      if (h.isPresent()) {
        Managed m = new Managed(new NodeRef(nodeName, io.palisade.spec.NodeRole.RELAY, null, 0));
        m.process = h.get();
        stopProcess(m);
        return true;
      }
      Files.deleteIfExists(record);
    } catch (IOException e) {
      // A damaged record names no process we could safely stop.
    }
    return false;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void setTopology(String nodeName, List<String> peers) {
    Managed m = nodes.get(nodeName);
    if (m == null) {
      throw new NodeRuntimeException("unknown node " + nodeName);
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String p : peers) {
      addresses.add(InetSocketAddress.createUnresolved("127.0.0.1", portsOf(p).nodeToNode()));
    }
    try {
      Path dir = dataDir.nodeDir(nodeName);
      Files.createDirectories(dir);
      NodeVersion v = m.version != null ? m.version : versionForFiles;
      files.writeTopology(m.ref, dir, addresses, v);
    } catch (IOException e) {
      throw new NodeRuntimeException("cannot write the topology of " + nodeName + ": " + e.getMessage(), e);
    }
    if (command.isRealNode() && m.alive()) {
      // cardano-node re-reads its topology (local roots) on SIGHUP.
      try {
        new ProcessBuilder("kill", "-HUP", Long.toString(m.process.pid())).start().waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        throw new NodeRuntimeException("cannot signal " + nodeName + " to re-read its topology", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public List<RuntimeNode> list() {
    return nodes.values().stream()
        .map(m -> new RuntimeNode(m.ref, m.version, m.alive(), m.alive() ? Long.toString(m.process.pid()) : null))
        .toList();
  }

  @Override
  public Map<String, NodeObservation> observe() {
    Map<String, CompletableFuture<NodeObservation>> pending = new LinkedHashMap<>();
    for (Managed m : nodes.values()) {
      // Scrapes run in parallel so one hung node cannot delay the others' verdicts.
      pending.put(m.ref.name(), CompletableFuture.supplyAsync(() -> observe(m)));
    }
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    pending.forEach((name, f) -> {
      try {
        out.put(name, f.get(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        out.put(name, NodeObservation.down(name, clock.instant(), "observation failed: " + e));
      }
    });
    return out;
  }

  private NodeObservation observe(Managed m) {
    boolean alive = m.alive();
    NodeHealth h = m.health;
    if (!alive) {
      return NodeObservation.down(m.ref.name(), clock.instant(), m.process == null ? "not started"
          : "process " + m.process.pid() + " is not running");
    }
    if (h == null) {
      throw new IllegalStateException("node " + m.ref.name() + " runs without a health judge");
    }
    return h.observe(true, m.processStartedAt, m.version);
  }

  /** The pid of a running node, if any. */
  public Optional<Long> pidOf(String node) {
    Managed m = nodes.get(node);
    return m != null && m.alive() ? Optional.of(m.process.pid()) : Optional.empty();
  }

  /** The version a node was last started with, if known. */
  public Optional<NodeVersion> versionOf(String node) {
    Managed m = nodes.get(node);
    return m == null ? Optional.empty() : Optional.ofNullable(m.version);
  }

  /** Stops every node, in parallel, each with the grace period. */
  public void stopAll() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (Managed m : nodes.values()) {
      stops.add(CompletableFuture.runAsync(() -> {
        synchronized (m) {
          stopProcess(m);
        }
      }));
    }
    stops.forEach(CompletableFuture::join);
  }

  /** Closes the health judges (nodes keep running). */
  @Override
  public void close() {
    nodes.values().forEach(m -> {
      if (m.health != null) {
        m.health.close();
      }
    });
  }

  private Managed managed(NodeRef node) {
    return nodes.computeIfAbsent(node.name(), k -> new Managed(node));
  }

  private void launch(Managed m, NodeVersion version) {
    String name = m.ref.name();
    Path dir = dataDir.nodeDir(name);
    NodePorts p;
    synchronized (this) {
      try {
        if (!ports.containsKey(name)) {
          register(List.of(m.ref));
        }
      } catch (IOException e) {
        throw new NodeRuntimeException("cannot allocate ports for " + name + ": " + e.getMessage(), e);
      }
      p = ports.get(name);
    }
    try {
      Files.createDirectories(dir.resolve("db"));
      files.writeConfig(m.ref, dir, p, version);
      if (!Files.exists(dir.resolve("topology.json"))) {
        files.writeTopology(m.ref, dir, List.of(), version);
      }
      rotateLog(dir.resolve("node.log"));
      List<String> runArgs = new ArrayList<>(List.of("--topology", dir.resolve("topology.json").toString(),
          "--database-path", dir.resolve("db").toString(), "--socket-path", dataDir.nodeSocket(m.ref.name()).toString(),
          "--port", Integer.toString(p.nodeToNode()), "--config", dir.resolve("config.json").toString(),
          "--host-addr", "127.0.0.1"));
      Optional<HotKeyFiles> keys = m.ref.isBlockProducer() ? hotKeys.get() : Optional.empty();
      if (keys.isPresent()) {
        HotKeyFiles k = keys.get();
        runArgs.addAll(List.of("--shelley-kes-key", k.kesKey().toString(), "--shelley-vrf-key", k.vrfKey().toString(),
            "--shelley-operational-certificate", k.operationalCertificate().toString()));
      }
      ProcessBuilder pb = new ProcessBuilder(withNewSession(command.command(version, runArgs)));
      pb.directory(dir.toFile());
      pb.redirectErrorStream(true);
      // A file, not a pipe: the node must survive this process (a kill -9 of the control plane closes pipes).
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().keySet().removeIf(k -> k.startsWith("PALISADE_SIMNODE_"));
      pb.environment().putAll(command.environment(version, dir, dataDir.poolFaultsFile()));
      Process process = pb.start();
      ProcessHandle handle = process.toHandle();
      // The child's own future: completed by the JDK's process reaper the moment the node exits.
      watchExit(process.onExit());
      Instant started = handle.info().startInstant().orElse(clock.instant());
      m.process = handle;
      m.version = version;
      m.processStartedAt = started;
      if (m.health != null) {
        m.health.close();
      }
      m.health = healthFactory.apply(m.ref, p);
      dataDir.write(dir.resolve("process.json"), new ProcessRecord(handle.pid(), started, version,
          handle.info().command().orElse("")));
    } catch (IOException | RuntimeException e) {
      throw new NodeRuntimeException("cannot start " + name + " (" + version + "): " + e.getMessage(), e);
    }
  }

  /** Starts the node in its own session, so a Ctrl-C in the terminal reaches the control plane only. */
  private static List<String> withNewSession(List<String> cmd) {
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      List<String> out = new ArrayList<>(List.of("/usr/bin/setsid"));
      out.addAll(cmd);
      return out;
    }
    return cmd;
  }

  private void stopProcess(Managed m) {
    ProcessHandle p = m.process;
    if (p != null && ProcessLiveness.isAlive(p)) {
      p.destroy();
      try {
        p.onExit().get(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        p.destroyForcibly();
        try {
          p.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e2) {
          throw new NodeRuntimeException("node " + m.ref.name() + " (pid " + p.pid() + ") did not die on SIGKILL");
        } catch (InterruptedException e2) {
          Thread.currentThread().interrupt();
        }
      } catch (ExecutionException e) {
        // onExit never fails; nothing to do.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    m.process = null;
    try {
      Files.deleteIfExists(dataDir.nodeDir(m.ref.name()).resolve("process.json"));
    } catch (IOException e) {
      // A stale record is checked against the pid's start time on adoption; harmless.
    }
  }

  private static void rotateLog(Path log) throws IOException {
    if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
      Files.move(log, log.resolveSibling("node.log.1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
