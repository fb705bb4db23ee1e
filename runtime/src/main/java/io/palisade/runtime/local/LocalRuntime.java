package io.palisade.runtime.local;

import io.palisade.control.NodeObservation;
import io.palisade.control.NodeRuntime;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.RuntimeNode;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The single-host {@link NodeRuntime}: every node a child process in its own directory under the data directory,
 * started with cardano-node's {@code run} arguments, its output appended to {@code node.log}, its pid and start time
 * in {@code process.json} so a restarted control plane can adopt it. Stopping sends SIGTERM, waits the grace period,
 * then kills.
 */
public final class LocalRuntime implements NodeRuntime, AutoCloseable {
  private final DataDir dataDir;
  private final NodeFiles files;
  private final NodeProcesses processes;
  private final BiFunction<NodeRef, NodePorts, NodeHealth> healthFactory;
  private final PortBook ports;
  private final Clock clock;
  private final Supplier<Optional<HotKeyFiles>> hotKeys;
  private final Map<String, ManagedNode> nodes = new ConcurrentHashMap<>();
  /** The version topology files are rendered for before a node first starts (the pool's). */
  private volatile NodeVersion versionForFiles;
  /** The credentials each start gets: the hot keys for the block producer, unless a producer lease decides. */
  private volatile ProducerCredentials credentials;
  /** Told the moment a node process exits (its {@link ProcessHandle#onExit()}): no polling for deaths. */
  private volatile Runnable exitListener = () -> { };

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
    this.files = files;
    this.processes = new NodeProcesses(dataDir, command, files, stopGrace, clock);
    this.healthFactory = healthFactory;
    this.ports = new PortBook(dataDir, nodeToNodeBase, metricsBase);
    this.hotKeys = hotKeys;
    this.clock = clock;
    this.credentials = ref -> new ProducerCredentials.Launch(ref.isBlockProducer() ? hotKeys.get() : Optional.empty(),
        false);
  }

  /** Starts producers with the credentials {@code c} decides (a pool with a standby: the lease's). */
  void useCredentials(ProducerCredentials c) {
    this.credentials = c;
  }

  /** A known node, or null (for {@link LocalProducerProcesses}). */
  ManagedNode node(String name) {
    return nodes.get(name);
  }

  /** The node processes' signals (for {@link LocalProducerProcesses}). */
  NodeProcesses processes() {
    return processes;
  }

  /**
   * Makes sure every node has ports (kept across restarts) and is known to the runtime.
   *
   * @param refs every node of the pool
   * @throws IOException if ports.json cannot be written
   */
  public synchronized void register(List<NodeRef> refs) throws IOException {
    ports.register(refs.stream().map(NodeRef::name).toList());
    for (NodeRef r : refs) {
      nodes.computeIfAbsent(r.name(), k -> new ManagedNode(r));
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
  public NodePorts portsOf(String node) {
    return ports.of(node);
  }

  /**
   * Adopts node processes a previous control plane left running: a process is adopted only if its pid is alive and
   * its start time matches process.json (a reused pid is not ours). Returns the adopted nodes' names.
   *
   * @return the names of the adopted nodes
   */
  public List<String> adopt() {
    List<String> adopted = new ArrayList<>();
    for (ManagedNode m : nodes.values()) {
      NodeAdoption.find(dataDir, m.ref.name()).ifPresent(f -> {
        m.process = f.handle();
        watchExit(f.handle().onExit());
        m.version = f.record().version();
        m.processStartedAt = f.record().startedAt();
        m.judgeWith(healthFactory.apply(m.ref, portsOf(m.ref.name())));
        adopted.add(m.ref.name());
      });
    }
    return adopted;
  }

  @Override
  public void start(NodeRef node, NodeVersion version) {
    ManagedNode m = managed(node);
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
    ManagedNode m = nodes.get(nodeName);
    if (m == null) {
      return;
    }
    synchronized (m) {
      stopProcess(m);
    }
  }

  @Override
  public void restart(NodeRef node, NodeVersion version) {
    ManagedNode m = managed(node);
    synchronized (m) {
      stopProcess(m);
      launch(m, version);
    }
  }

  @Override
  public void wipeVolume(NodeRef node, NodeVersion version) {
    ManagedNode m = managed(node);
    synchronized (m) {
      stopProcess(m);
      try {
        processes.deleteDatabase(node.name());
      } catch (IOException e) {
        throw new NodeRuntimeException("cannot delete the chain database of " + node.name() + " ("
            + dataDir.nodeDir(node.name()).resolve("db") + "): " + e.getMessage(), e);
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
    ManagedNode m = nodes.remove(nodeName);
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
    Optional<NodeAdoption.Found> found = NodeAdoption.find(dataDir, nodeName);
    found.ifPresent(f -> {
      ManagedNode m = new ManagedNode(new NodeRef(nodeName, io.palisade.spec.NodeRole.RELAY, null, 0));
      m.process = f.handle();
      stopProcess(m);
    });
    return found.isPresent();
  }

  @Override
  public void setTopology(String nodeName, List<String> peers) {
    ManagedNode m = nodes.get(nodeName);
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
    if (m.alive()) {
      processes.reloadTopology(nodeName, m.process);
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
    return ManagedNode.observeAll(nodes.values(), clock);
  }

  /**
   * Each running node's latest forge-counter reading taken from its current process (not one carried over from before
   * a restart), by name; a node without one is absent.
   */
  public Map<String, NodeHealth.ForgeSample> forgeCounters() {
    Map<String, NodeHealth.ForgeSample> out = new java.util.HashMap<>();
    for (ManagedNode m : nodes.values()) {
      NodeHealth h = m.health;
      Instant started = m.processStartedAt;
      if (h != null && m.alive()) {
        h.forgeCounters().filter(f -> started == null || f.from().isAfter(started))
            .ifPresent(f -> out.put(m.ref.name(), f));
      }
    }
    return Map.copyOf(out);
  }

  /** The pid of a running node, if any. */
  public Optional<Long> pidOf(String node) {
    ManagedNode m = nodes.get(node);
    return m != null && m.alive() ? Optional.of(m.process.pid()) : Optional.empty();
  }

  /** The version a node was last started with, if known. */
  public Optional<NodeVersion> versionOf(String node) {
    ManagedNode m = nodes.get(node);
    return m == null ? Optional.empty() : Optional.ofNullable(m.version);
  }

  /** Stops every node, in parallel, each with the grace period. */
  public void stopAll() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (ManagedNode m : nodes.values()) {
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

  private ManagedNode managed(NodeRef node) {
    return nodes.computeIfAbsent(node.name(), k -> new ManagedNode(node));
  }

  private void launch(ManagedNode m, NodeVersion version) {
    String name = m.ref.name();
    NodePorts p;
    synchronized (this) {
      try {
        if (!ports.has(name)) {
          register(List.of(m.ref));
        }
      } catch (IOException e) {
        throw new NodeRuntimeException("cannot allocate ports for " + name + ": " + e.getMessage(), e);
      }
      p = ports.of(name);
    }
    try {
      ProducerCredentials.Launch launch = credentials.forLaunch(m.ref);
      NodeProcesses.Started started = processes.launch(m.ref, p, version, launch.keys(), launch.nonProducing());
      watchExit(started.exited());
      m.process = started.handle();
      m.version = version;
      m.processStartedAt = started.startedAt();
      m.judgeWith(healthFactory.apply(m.ref, p));
      processes.record(name, started, version);
    } catch (IOException | RuntimeException e) {
      throw new NodeRuntimeException("cannot start " + name + " (" + version + "): " + e.getMessage(), e);
    }
  }

  private void stopProcess(ManagedNode m) {
    processes.stop(m.ref.name(), m.process);
    m.process = null;
  }
}
