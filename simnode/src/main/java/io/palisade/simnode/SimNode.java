package io.palisade.simnode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.keys.OperationalCertificate;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2n.NodeToNodeClient;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A running simulated node. Its tip follows the chain clock of its network: after a replay it catches up from where
 * its database stopped, then follows the simulated chain's blocks. Metrics are served as its config.json says.
 *
 * <pre>{@code
 * try (SimNode node = SimNode.start(RunArguments.parse(args), settings, Clock.systemUTC(), System.out, System::exit)) {
 *   ...
 * }
 * }</pre>
 */
public final class SimNode implements Closeable {
  /** How far behind a node with a "never ready" fault stays, in slots (far beyond any readiness threshold). */
  static final long NEVER_READY_LAG = 3000;
  /** Gap up to which the node counts itself caught up. */
  static final long CAUGHT_UP_SLOTS = 600;

  private final RunArguments args;
  private final SimNodeSettings settings;
  private final Clock clock;
  private final PrintStream log;
  private final IntConsumer exit;
  private final Instant startedAt;
  private final TipStore tips;
  private final ScheduledExecutorService timers;
  private ChainClock chainClock;
  private SimulatedChain chain;
  private NodeConfigFile config;
  private HttpServer metricsServer;
  private volatile NodeToNodeServer nodeToNode;
  private ExecutorService metricsThreads;
  private SnapshotMetrics exposition;
  private volatile Faults faults = Faults.NONE;
  private volatile TopologyFile topology = new TopologyFile(List.of());
  private volatile int hotPeers;
  private volatile boolean closed;
  // Catch-up is a line from (syncBaseTime, syncBaseSlot); a stop-syncing fault freezes it and moves the base.
  private Instant syncBaseTime;
  private long syncBaseSlot;
  private Long frozenSlot;
  private long lastTip = -1;
  /** The block producer's operational certificate, or null for a relay. */
  private OperationalCertificate opcert;
  private String poolIdHex;
  private long leaderSlots;
  private long forged;
  private long lastForgedSlot = -1;
  private long countedUpTo = -1;
  /** The simulated pool's share of the stake: about one leader slot every 6.5 minutes at f = 0.05. */
  static final double SIGMA = 0.05;

  private SimNode(RunArguments args, SimNodeSettings settings, Clock clock, PrintStream log, IntConsumer exit) {
    this.args = args;
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.exit = exit;
    this.startedAt = clock.instant();
    this.tips = new TipStore(args.databasePath());
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "simnode-timers");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts a simulated node.
   *
   * @param args cardano-node's run arguments
   * @param settings version, replay and faults
   * @param clock the clock (a fixed or offset clock in tests)
   * @param log where node log lines go
   * @param exit called with a status when a crash fault fires ({@code System::exit} in the real process)
   * @return the running node
   * @throws IllegalArgumentException if an input file is missing or malformed
   * @throws IOException if a port cannot be bound or the database cannot be written
   */
  public static SimNode start(RunArguments args, SimNodeSettings settings, Clock clock, PrintStream log,
      IntConsumer exit) throws IOException {
    SimNode node = new SimNode(args, settings, clock, log, exit);
    try {
      node.open();
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void open() throws IOException {
    config = NodeConfigFile.read(args.config());
    GenesisParameters genesis = config.genesis();
    chainClock = new ChainClock(genesis, clock);
    chain = new SimulatedChain(genesis);
    topology = TopologyFile.read(args.topology());
    topologyStamp = topologyStamp();
    if (args.isBlockProducer()) {
      for (var f : List.of(args.kesKey().orElseThrow(), args.vrfKey().orElseThrow(),
          args.operationalCertificate().orElseThrow())) {
        if (!Files.isReadable(f)) {
          throw new IllegalArgumentException("cannot read block producer credential " + f);
        }
      }
      try {
        opcert = OperationalCertificate.read(args.operationalCertificate().orElseThrow());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot read the operational certificate "
            + args.operationalCertificate().orElseThrow() + ": " + e.getMessage(), e);
      }
      if (!opcert.verify()) {
        throw new IllegalArgumentException("the operational certificate " + args.operationalCertificate().orElseThrow()
            + " is not signed by its cold key");
      }
      poolIdHex = opcert.poolId().hex();
      log("Block producer of pool " + poolIdHex + ": opcert counter " + opcert.counter() + ", KES period "
          + opcert.kesPeriod() + " to " + (opcert.kesPeriod() + genesis.maxKesEvolutions()));
    }
    tips.open(genesis.networkMagic());
    long now = chainClock.slotAt(startedAt);
    // A fresh database starts like a Mithril restore: a few minutes behind.
    syncBaseSlot = Math.min(tips.lastTip().orElse(Math.max(0, now - 300)), now);
    syncBaseTime = startedAt.plus(settings.replay());
    pollFaults();
    log("Starting simulated cardano-node " + settings.version() + " on " + genesis.networkName() + " (magic "
        + genesis.networkMagic() + "), node-to-node port " + args.port() + ", " + topology.localRoots().size()
        + " local root peer(s)" + (args.isBlockProducer() ? ", block producer" : ", relay"));
    log("Opening the chain database at " + args.databasePath() + "; replaying the ledger from slot " + syncBaseSlot);
    Optional<NodeConfigFile.MetricsEndpoint> endpoint = config.metrics();
    if (endpoint.isPresent()) {
      startMetrics(endpoint.get());
    } else {
      log("No Prometheus backend in " + args.config() + ": metrics are not served");
    }
    // Like cardano-node, the node-to-node port opens only once the chain database is open (after the replay).
    timers.schedule(this::openNodeToNodePort, settings.replay().toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::pollFaultsSafely, 500, 500, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::probePeers, 0, 2, TimeUnit.SECONDS);
    timers.scheduleWithFixedDelay(this::saveTipSafely, 5, 5, TimeUnit.SECONDS);
  }

  private void startMetrics(NodeConfigFile.MetricsEndpoint endpoint) throws IOException {
    exposition = new SnapshotMetrics(endpoint.format(), !endpoint.prefix().isEmpty());
    metricsServer = HttpServer.create(new InetSocketAddress(endpoint.host(), endpoint.port()), 8);
    metricsThreads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "simnode-metrics");
      t.setDaemon(true);
      return t;
    });
    metricsServer.setExecutor(metricsThreads);
    metricsServer.createContext("/", this::serveMetrics);
    metricsServer.start();
    log("Prometheus metrics (" + endpoint.format().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + ") on http://" + endpoint.host() + ":" + metricsServer.getAddress().getPort() + "/metrics");
  }

  private synchronized void openNodeToNodePort() {
    if (closed || nodeToNode != null) {
      return;
    }
    try {
      NodeToNodeResponder responder = new NodeToNodeResponder(chainClock.genesis().networkMagic(), this::chainTip);
      nodeToNode = NodeToNodeServer.start(new InetSocketAddress(args.hostAddr(), args.port()), responder);
      log("Listening for node-to-node connections on " + args.hostAddr() + ":" + nodeToNode.address().getPort());
    } catch (IOException e) {
      log("Cannot listen on node-to-node port " + args.port() + ": " + e.getMessage() + "; exiting");
      exit.accept(1);
    }
  }

  /** A hung node answers nothing: its port closes while the hang lasts. */
  private synchronized void closeNodeToNodePort() {
    if (nodeToNode != null) {
      try {
        nodeToNode.close();
      } catch (IOException ignored) {
        // Closing a listening socket; nothing to recover.
      }
      nodeToNode = null;
    }
  }

  /** The tip the node-to-node port reports (chain-sync FindIntersect). */
  private ChainTip chainTip() {
    NodeSnapshot s = snapshot();
    if (s.tipSlot() < 0) {
      return ChainTip.ORIGIN;
    }
    return new ChainTip(Point.of(s.tipSlot(), HexFormat.of().formatHex(chain.blockHash(s.tipSlot()))),
        s.tipBlockNo());
  }

  /** The node-to-node port once open, or -1. */
  public int nodeToNodePort() {
    NodeToNodeServer l = nodeToNode;
    return l == null ? -1 : l.address().getPort();
  }

  /** The port metrics are served on (useful when the config asked for port 0), or -1. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.getAddress().getPort();
  }

  private void serveMetrics(HttpExchange ex) throws IOException {
    try (ex) {
      while (faults.hang() && !closed) {
        sleep(200);
      }
      String method = ex.getRequestMethod();
      if (!ex.getRequestURI().getPath().equals("/metrics")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = exposition.render(snapshot(), residentBytes()).getBytes(StandardCharsets.UTF_8);
      String accept = ex.getRequestHeaders().getFirst("Accept");
      ex.getResponseHeaders().set("Content-Type", accept != null && accept.contains("application/openmetrics-text")
          ? "application/openmetrics-text;version=1.0.0;charset=utf-8" : "text/plain;version=0.0.4;charset=utf-8");
      if (method.equals("HEAD")) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * What the node reports now.
   *
   * @return the snapshot
   */
  public synchronized NodeSnapshot snapshot() {
    Instant now = clock.instant();
    long expected = chainClock.slotAt(now);
    String version = settings.version().toString();
    NodeSnapshot.Forging forging = forging(now, -1, false);
    Instant replayEnd = startedAt.plus(settings.replay());
    if (now.isBefore(replayEnd)) {
      double progress = settings.replay().isZero() ? 100
          : 100.0 * Duration.between(startedAt, now).toMillis() / settings.replay().toMillis();
      return new NodeSnapshot(now, version, startedAt, NodeSnapshot.Phase.REPLAYING, progress, -1, 0, 0, 0, expected,
          0, topology.localRoots().size(), 0, 0, forging);
    }
    long candidate = frozenSlot != null ? frozenSlot : syncedSlot(now, expected);
    long tip = chain.lastBlockAtOrBefore(Math.max(0, candidate));
    if (tip != lastTip && lastTip >= 0 && expected - tip <= CAUGHT_UP_SLOTS && expected - lastTip > CAUGHT_UP_SLOTS) {
      log("Caught up: tip at slot " + tip + ", chain clock at slot " + expected);
    }
    lastTip = tip;
    NodeSnapshot.Phase phase = expected - tip <= CAUGHT_UP_SLOTS
        ? NodeSnapshot.Phase.FOLLOWING : NodeSnapshot.Phase.SYNCING;
    forging = forging(now, expected, phase == NodeSnapshot.Phase.FOLLOWING);
    return new NodeSnapshot(now, version, startedAt, phase, 100, tip, chain.blockNo(tip), chainClock.epochOf(tip),
        chainClock.slotInEpoch(tip), expected, chain.density(), topology.localRoots().size(), hotPeers, 0, forging);
  }

  /**
   * The block producer's forging state from its opcert and the chain clock; leader slots are counted once the node
   * follows the chain (a syncing node cannot lead), each slot once.
   */
  private NodeSnapshot.Forging forging(Instant now, long expected, boolean following) {
    if (opcert == null) {
      return null;
    }
    long current = chainClock.kesPeriodAt(now);
    long start = opcert.kesPeriod();
    long expiry = start + chainClock.genesis().maxKesEvolutions();
    long remaining = Math.max(0, expiry - current);
    boolean valid = current >= start && remaining > 0;
    if (following && expected >= 0) {
      long from = countedUpTo < 0 ? expected : countedUpTo + 1;
      for (long slot = Math.max(from, expected - 3600); slot <= expected; slot++) {
        if (chain.leads(poolIdHex, SIGMA, slot)) {
          leaderSlots++;
          if (valid) {
            forged++;
            lastForgedSlot = slot;
            log("Forged a block in slot " + slot + " (simulated)");
          }
        }
      }
      countedUpTo = expected;
    }
    return new NodeSnapshot.Forging(valid, current, start, expiry, remaining, leaderSlots, forged, forged,
        lastForgedSlot);
  }

  /** Where catch-up has brought the tip by {@code now} (before rounding down to a block). */
  private long syncedSlot(Instant now, long expected) {
    double elapsed = Duration.between(syncBaseTime, now).toMillis() / 1000.0;
    long candidate = syncBaseSlot + (long) Math.max(0, elapsed * settings.syncSlotsPerSecond());
    if (faults.neverReadyVersions().contains(settings.version().toString())) {
      candidate = Math.min(candidate, expected - NEVER_READY_LAG);
    }
    return Math.min(candidate, expected);
  }

  /** A stop-syncing fault freezes the tip where it is; clearing it resumes catching up from there. */
  private synchronized void applySyncFault(boolean stop) {
    Instant now = clock.instant();
    if (stop && frozenSlot == null) {
      frozenSlot = now.isBefore(startedAt.plus(settings.replay())) ? syncBaseSlot
          : syncedSlot(now, chainClock.slotAt(now));
      log("Fault: stop syncing at slot " + frozenSlot);
    } else if (!stop && frozenSlot != null) {
      syncBaseSlot = frozenSlot;
      Instant replayEnd = startedAt.plus(settings.replay());
      syncBaseTime = now.isBefore(replayEnd) ? replayEnd : now;
      frozenSlot = null;
      log("Fault cleared: syncing again from slot " + syncBaseSlot);
    }
  }

  private void pollFaultsSafely() {
    try {
      pollFaults();
      reloadTopologyIfChanged();
    } catch (RuntimeException e) {
      log("Ignoring an unreadable fault or topology file: " + e.getMessage());
    }
  }

  private void pollFaults() {
    Faults f = Faults.readAll(settings.faultFiles());
    if (!f.equals(faults)) {
      log("Faults now: " + f);
    }
    faults = f;
    if (chainClock != null) {
      applySyncFault(f.stopSyncing());
    }
    String version = settings.version().toString();
    if (f.crash()) {
      crash("crash fault");
    } else if (f.crashVersions().contains(version)
        && Duration.between(startedAt, clock.instant()).compareTo(Duration.ofSeconds(1)) >= 0) {
      crash("crash fault for version " + version);
    }
  }

  private void crash(String why) {
    log("Exiting with status 1: " + why);
    log.flush();
    exit.accept(1);
  }

  private long topologyStamp = -1;

  /** cardano-node re-reads its topology on SIGHUP; the simulated node notices the file change instead. */
  private void reloadTopologyIfChanged() {
    try {
      long stamp = topologyStamp();
      if (stamp != topologyStamp) {
        topologyStamp = stamp;
        topology = TopologyFile.read(args.topology());
        log("Topology reloaded: " + topology.localRoots().size() + " local root peer(s)");
      }
    } catch (IOException e) {
      log("Cannot read the topology " + args.topology() + ": " + e.getMessage());
    }
  }

  private long topologyStamp() throws IOException {
    return Files.getLastModifiedTime(args.topology()).to(java.util.concurrent.TimeUnit.MICROSECONDS) * 31
        + Files.size(args.topology());
  }

  private void probePeers() {
    boolean replaying = clock.instant().isBefore(startedAt.plus(settings.replay()));
    if (faults.hang()) {
      closeNodeToNodePort();
      hotPeers = 0;
      return;
    }
    if (replaying) {
      hotPeers = 0;
      return;
    }
    openNodeToNodePort();
    int up = 0;
    for (InetSocketAddress peer : topology.localRoots()) {
      // A peer is hot when it completes a handshake on our network (a query: it answers, then closes).
      try {
        new NodeToNodeClient(new InetSocketAddress(peer.getHostString(), peer.getPort()),
            chainClock.genesis().networkMagic(), Duration.ofMillis(800)).queryVersions();
        up++;
      } catch (IOException | ProtocolException e) {
        // Not reachable now, or on another network: a cold peer.
      }
    }
    hotPeers = up;
  }

  private void saveTipSafely() {
    try {
      if (lastTip >= 0) {
        tips.saveTip(lastTip);
      }
    } catch (IOException e) {
      log("Cannot save the tip: " + e.getMessage());
    }
  }

  /** Stops serving, saves the tip. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.shutdownNow();
    closeNodeToNodePort();
    if (metricsServer != null) {
      metricsServer.stop(0);
      metricsThreads.shutdownNow();
    }
    saveTipSafely();
    log("Shut down cleanly at slot " + lastTip);
  }

  private void log(String message) {
    log.println("[" + DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + "] [simnode] " + message);
  }

  private static long residentBytes() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
