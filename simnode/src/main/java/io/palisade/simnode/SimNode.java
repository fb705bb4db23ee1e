package io.palisade.simnode;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2c.LedgerView;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import io.palisade.simnode.ledger.SimulatedLedger;
import io.palisade.simnode.ledger.StakeDistribution;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A running simulated node: the wiring of its parts. Its tip follows the chain clock of its network
 * ({@link SyncModel} over the chain of {@link SimulatedLedger}); a block producer runs the forge loop
 * ({@link BlockProducer}) slot by slot; metrics ({@link MetricsServer}), the node-to-node port and the node-to-client
 * socket ({@link ProtocolPorts}) serve what it reports; the fault files and the topology are watched
 * ({@link FileWatcher}) and the local roots probed ({@link PeerProber}).
 *
 * <p>Time moves in {@link #tick()}: a timer calls it every 200 ms; a test on a movable clock calls it (or
 * {@link #snapshot()}) after moving the clock.
 *
 * <pre>{@code
 * try (SimNode node = SimNode.start(RunArguments.parse(args), settings, Clock.systemUTC(), System.out, System::exit)) {
 *   ...
 * }
 * }</pre>
 */
public final class SimNode implements Closeable {
  private final RunArguments args;
  private final SimNodeSettings settings;
  private final Clock clock;
  private final PrintStream log;
  private final IntConsumer exit;
  private final Instant startedAt;
  private final TipStore tips;
  private final ScheduledExecutorService timers;
  private ChainClock chainClock;
  private SimulatedLedger ledger;
  private SyncModel sync;
  private ForgingSwitch forging;
  private ProtocolPorts ports;
  private MetricsServer metrics;
  private FileWatcher files;
  private PeerProber prober;
  private NodeMotion motion;
  private volatile Faults faults = Faults.NONE;
  private volatile TopologyFile topology = new TopologyFile(List.of());
  private volatile int hotPeers;
  private volatile boolean closed;

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
   * @param settings version, replay, faults and stake share
   * @param clock the clock (a movable clock in tests)
   * @param log where node log lines go
   * @param exit called with a status when a crash fault fires ({@code System::exit} in the real process)
   * @return the running node
   * @throws IllegalArgumentException if an input file is missing or malformed
   * @throws IOException if a port or the socket cannot be bound or the database cannot be written
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
    NodeConfigFile config = NodeConfigFile.read(args.config());
    GenesisParameters genesis = config.genesis();
    chainClock = new ChainClock(genesis, clock);
    topology = TopologyFile.read(args.topology());
    tips.open(genesis.networkMagic());
    // The ledger learns its pool from the credentials (at start, or on the SIGHUP that gives a standby its keys).
    ledger = new SimulatedLedger(genesis, new StakeDistribution(genesis.networkMagic(), settings.stakeShare()),
        Optional.empty());
    forging = new ForgingSwitch(args, ledger, chainClock, this::log);
    forging.start(settings.stakeShare());
    long now = chainClock.slotAt(startedAt);
    // A fresh database starts like a Mithril restore: a few minutes behind.
    sync = new SyncModel(startedAt, settings.replay(), settings.syncSlotsPerSecond(),
        Math.min(tips.lastTip().orElse(Math.max(0, now - 300)), now));
    motion = new NodeMotion(settings, clock, startedAt, chainClock, ledger, sync, forging, this::log);
    files = new FileWatcher(settings.faultFiles(), args.topology(), this::applyFaults, this::reloadTopology,
        this::log);
    files.poll();
    prober = new PeerProber(genesis.networkMagic(), Duration.ofMillis(800));
    PoolGossip gossip = new PoolGossip(settings.poolNodes(), args.databasePath());
    ports = new ProtocolPorts(genesis.networkMagic(), args.hostAddr(), args.port(), args.socketPath(), this::chainTip,
        p -> holds(p) || gossip.carries(p), () -> ledger.snapshotAt(tipSlot()), this::log);
    log("Starting simulated cardano-node " + settings.version() + " on " + genesis.networkName() + " (magic "
        + genesis.networkMagic() + "), node-to-node port " + args.port() + ", " + topology.localRoots().size()
        + " local root peer(s)" + (args.isBlockProducer() ? ", block producer" : ", relay"));
    log("Opening the chain database at " + args.databasePath() + "; replaying the ledger");
    Optional<NodeConfigFile.MetricsEndpoint> endpoint = config.metrics();
    if (endpoint.isPresent()) {
      metrics = MetricsServer.start(endpoint.get(), this::snapshot, () -> faults.hang(), a -> faults.reaches(a));
      log(metrics.describe());
    } else {
      log("No Prometheus backend in " + args.config() + ": metrics are not served");
    }
    // Like cardano-node, the node-to-node port and the socket open only once the chain database is open.
    timers.schedule(this::openPorts, settings.replay().toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::safely, 200, 200, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(files::poll, 500, 500, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::probePeers, 0, 2, TimeUnit.SECONDS);
    timers.scheduleWithFixedDelay(this::saveTip, 5, 5, TimeUnit.SECONDS);
  }

  private void openPorts() {
    if (closed || faults.hang()) {
      return;
    }
    try {
      if (args.isBlockProducer() && !ports.nodeToClientOpen()) {
        // A producer's ledger state is computed before its socket opens (the schedule is asked of it), as the node's
        // is before it serves queries; a relay's on the first query.
        ledger.snapshotAt(tipSlot());
      }
      ports.open(!faults.partitioned());
    } catch (IOException e) {
      log(e.getMessage() + "; exiting");
      exit.accept(1);
    }
  }

  /** The tip the node-to-node port reports (chain-sync FindIntersect). */
  private ChainTip chainTip() {
    return motion.chainTip(snapshot());
  }

  private long tipSlot() {
    return snapshot().tipSlot();
  }

  /** Whether a block is on the node's own chain: the network's, with its own blocks that stayed on it. */
  private boolean holds(Point p) {
    return p instanceof Point.BlockPoint b && ledger.blockAt(b.slot())
        .map(block -> HexFormat.of().formatHex(block.hash()).equals(b.hash())).orElse(false);
  }

  /** The node-to-node port once open, or -1. */
  public int nodeToNodePort() {
    return ports == null ? -1 : ports.nodeToNodePort();
  }

  /** Whether the node-to-client socket ({@code --socket-path}) is open. */
  public boolean nodeToClientOpen() {
    return ports != null && ports.nodeToClientOpen();
  }

  /** The port metrics are served on (useful when the config asked for port 0), or -1. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Every block recorded so far (tests; tools read the file with {@link ForgedBlockLog#read}). */
  public synchronized List<ForgedBlock> forgedBlocks() throws IOException {
    return forging.forgedBlocks();
  }

  /**
   * Re-reads the forging credentials, as cardano-node does on SIGHUP: forging on with what the files hold now, off
   * when they are gone or broken ({@code forging_enabled} says which).
   *
   * @return whether the node forges afterwards
   */
  public synchronized boolean reloadCredentials() {
    tick();
    return forging.reload();
  }

  /** The faults in force (as last read from the fault files). */
  public Faults faults() {
    return faults;
  }

  /** Moves the node to the clock's instant: its chain, and a block producer's forge loop, slot by slot. */
  public synchronized void tick() {
    motion.move(faults);
  }

  /**
   * What the node reports now (after {@link #tick()}).
   *
   * @return the snapshot
   */
  public synchronized NodeSnapshot snapshot() {
    Faults f = faults;
    return motion.snapshot(f, topology.localRoots().size(), f.partitioned() ? 0 : hotPeers);
  }

  private void applyFaults(Faults f) {
    if (!f.equals(faults)) {
      log("Faults now: " + f);
    }
    boolean wasPartitioned = faults.partitioned();
    synchronized (this) {
      Instant now = clock.instant();
      // A cut-off node receives no block: its chain stops where it was, as with stopSyncing, and catches up on heal.
      sync.stopSyncing(f.stopSyncing() || f.partitioned(), now, chainClock.slotAt(now),
          f.holdsBack(settings.version().toString())).ifPresent(this::log);
      if (f.partitioned()) {
        hotPeers = 0;
      }
      // Published once applied: whoever sees the new faults sees their effect.
      faults = f;
    }
    if (f.partitioned() != wasPartitioned) {
      log(f.partitionLine(args.isBlockProducer()));
    }
    if (metrics != null) {
      metrics.expire(!f.partitioned());
    }
    if (ports != null && f.hang()) {
      ports.close();
    } else if (ports != null && f.partitioned()) {
      ports.closeNetwork();
    }
    String version = settings.version().toString();
    if (f.crash()) {
      crash("crash fault");
    } else if (f.crashVersions().contains(version)
        && Duration.between(startedAt, clock.instant()).compareTo(Duration.ofSeconds(1)) >= 0) {
      crash("crash fault for version " + version);
    }
  }

  private void reloadTopology(TopologyFile t) {
    topology = t;
    log("Topology reloaded: " + t.localRoots().size() + " local root peer(s)");
  }

  private void crash(String why) {
    log("Exiting with status 1: " + why);
    log.flush();
    exit.accept(1);
  }

  private void probePeers() {
    if (faults.hang() || clock.instant().isBefore(startedAt.plus(settings.replay()))) {
      hotPeers = 0;
      return;
    }
    openPorts();
    // A cut-off node reaches no peer: every local root goes cold.
    hotPeers = faults.partitioned() ? 0 : prober.hotPeers(topology.localRoots());
  }

  private void safely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log("Tick failed: " + e);
    }
  }

  private void saveTip() {
    try {
      long lastTip = lastTip();
      if (lastTip >= 0) {
        tips.saveTip(lastTip);
      }
    } catch (IOException e) {
      log("Cannot save the tip: " + e.getMessage());
    }
  }

  /** Stops serving, saves the tip, wipes the VRF key. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.shutdownNow();
    if (ports != null) {
      ports.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    saveTip();
    if (forging != null) {
      try {
        forging.close();
      } catch (IOException e) {
        log("Cannot close the forged-block record: " + e.getMessage());
      }
    }
    log("Shut down cleanly at slot " + lastTip());
  }

  /** The last tip reported, or -1 (none yet, or the node never opened). */
  private long lastTip() {
    return motion == null ? -1 : motion.lastTip();
  }

  private void log(String message) {
    log.println("[" + DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + "] [simnode] " + message);
  }
}
