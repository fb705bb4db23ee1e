package io.palisade.simnode.testing;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.keys.SigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.bundle.DemoKeys;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.leader.EpochNonce;
import io.palisade.leader.LeaderSchedule;
import io.palisade.leader.LeaderSlot;
import io.palisade.leader.Sigma;
import io.palisade.ouroboros.n2c.Nonce;
import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.simnode.NodeConfigFile;
import io.palisade.simnode.RunArguments;
import io.palisade.simnode.SimNode;
import io.palisade.simnode.SimNodeSettings;
import io.palisade.spec.NodeVersion;
import io.palisade.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated block producer on a small custom network (epochs of 200 one-second slots, f = 1/2, k = 10: a
 * stabilisation window of 80 slots) with a high stake share, on a clock the test moves: a whole epoch runs in
 * milliseconds, deterministically.
 */
public final class ProducerFixture implements AutoCloseable {
  /** The network's magic. */
  public static final long MAGIC = 42;
  /** Slots in an epoch. */
  public static final long EPOCH_LENGTH = 200;
  /** The pool's stake share. */
  public static final double SHARE = 0.3;
  /** Where the clock starts. */
  public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  /** The fixture's directory: net/ (config.json, genesis), keys/, db/, node.socket, faults.json. */
  public final Path dir;
  /** The clock the node runs on. */
  public final MutableClock clock = MutableClock.stoppedAt(NOW);
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  /** The custom network's config.json (its directory is a custom network for the CLI's --network). */
  public final Path config;
  /** The network's genesis. */
  public final GenesisParameters genesis;
  /** The chain clock on {@link #clock}. */
  public final ChainClock chain;
  /** The hot keys: kes.skey, vrf.skey, node.cert. */
  public final Path keys;
  /** The node's fault file. */
  public final Path faults;
  /** The pool. */
  public final PoolId pool;
  /** The running node, after {@link #start}. */
  public SimNode node;

  /** Writes the network and the keys. */
  public ProducerFixture(Path dir) throws Exception {
    this.dir = dir;
    this.config = NodeFiles.customNetwork(dir.resolve("net"), MAGIC, EPOCH_LENGTH, "0.5", 10);
    this.genesis = NodeConfigFile.read(config).genesis();
    this.chain = new ChainClock(genesis, clock);
    DemoKeys.Result demo = DemoKeys.create(Files.createDirectory(dir.resolve("bundle")), chain);
    char[] pass = demo.readPassphrase();
    this.keys = Files.createDirectory(dir.resolve("keys"));
    try (HotKeys hot = HotKeyBundle.open(demo.bundle(), pass, Optional.of(demo.poolIdHex()))) {
      hot.writeNodeFiles(keys);
    }
    this.pool = new PoolId(demo.poolIdHex());
    this.faults = dir.resolve("faults.json");
    NodeFiles.topology(dir);
  }

  /** The first epoch after now; the clock is set a few slots before it starts. */
  public long nextEpochFromNow() {
    long e = chain.epochOf(chain.slotAt(clock.instant())) + 1;
    clock.set(chain.startOfSlot(chain.firstSlotOfEpoch(e) - 5));
    return e;
  }

  /** Starts (or restarts) the node. */
  public SimNode start() throws Exception {
    return start(keys);
  }

  /** The node's run arguments, with the credentials in {@code keyDir}, and {@code extra} flags. */
  public List<String> arguments(Path keyDir, String... extra) {
    List<String> args = new ArrayList<>(List.of("--topology", dir.resolve("topology.json").toString(),
        "--database-path", dir.resolve("db").toString(), "--socket-path", socket().toString(), "--port", "0",
        "--config", config.toString(), "--host-addr", "127.0.0.1", "--shelley-kes-key",
        keyDir.resolve("kes.skey").toString(), "--shelley-vrf-key", keyDir.resolve("vrf.skey").toString(),
        "--shelley-operational-certificate", keyDir.resolve("node.cert").toString()));
    args.addAll(List.of(extra));
    return args;
  }

  /** Starts (or restarts) the node with the credentials in {@code keyDir} and {@code extra} flags. */
  public SimNode start(Path keyDir, String... extra) throws Exception {
    RunArguments args = RunArguments.parse(arguments(keyDir, extra));
    node = SimNode.start(args, new SimNodeSettings(NodeVersion.parse("10.5.3"), Duration.ZERO, 1_000_000,
        faults.toString(), SHARE), clock, new PrintStream(log, true, StandardCharsets.UTF_8), s -> { });
    node.tick();
    return node;
  }

  /** The node's socket. */
  public Path socket() {
    return dir.resolve("node.socket");
  }

  /** Moves the clock one slot at a time up to {@code slot}, the node following each step. */
  public void advanceTo(long slot) {
    while (chain.slotAt(clock.instant()) < slot) {
      clock.advance(Duration.ofSeconds(1));
      node.tick();
    }
  }

  /** The slots the pool leads in {@code epoch}, computed as {@code palisade leader-schedule} does. */
  public List<Long> schedule(long epoch, Nonce nonce, long poolStake, long activeStake) {
    List<Long> slots = new ArrayList<>();
    try (VrfSigningKey key = (VrfSigningKey) SigningKey.read(keys.resolve("vrf.skey"));
        VrfEvaluator vrf = VrfEvaluator.of(key)) {
      LeaderSchedule.compute(new LeaderSchedule.Request(epoch, new EpochNonce(nonce.hash().orElseThrow()),
          Sigma.of(poolStake, activeStake), genesis, 0), vrf, (LeaderSlot s) -> slots.add(s.slot()), done -> { });
    }
    return slots;
  }

  /** The node's log so far. */
  public String log() {
    return log.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (node != null) {
      node.close();
    }
  }
}
