package io.palisade.cli.runtime;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import io.palisade.cli.leader.NodeScheduleFacts;
import io.palisade.cli.node.ProducerNode;
import io.palisade.keys.SigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.leader.LeaderCheck;
import io.palisade.leader.LeaderSchedule;
import io.palisade.leader.LeaderThreshold;
import io.palisade.leader.PraosEra;
import io.palisade.leader.SlotElection;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code palisade up} shows of the block producer's blocks: once its node answers on its socket, the slots it
 * leads in the coming hour (read as {@code palisade leader-schedule} reads them); then each block it forges, from the
 * simulated node's forged-block record. A daemon thread; every failure is silent but for one line (the pool matters,
 * not this view).
 */
final class LeaderFeed implements AutoCloseable {
  /** How far ahead the first view looks. */
  static final int LOOKAHEAD_SLOTS = 3600;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Path dataDir;
  private final GenesisParameters genesis;
  private final Path networkDir;
  private final PrintWriter out;
  private final Thread thread;
  private volatile boolean closed;

  private LeaderFeed(Path dataDir, GenesisParameters genesis, Path networkDir, PrintWriter out) {
    this.dataDir = dataDir;
    this.genesis = genesis;
    this.networkDir = networkDir;
    this.out = out;
    this.thread = new Thread(this::run, "palisade-leader-feed");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching the pool in {@code dataDir}.
   *
   * @param networkDir a custom network's directory (its config.json names its first Praos epoch), or null
   */
  static LeaderFeed start(Path dataDir, GenesisParameters genesis, Path networkDir, PrintWriter out) {
    LeaderFeed f = new LeaderFeed(dataDir, genesis, networkDir, out);
    f.thread.start();
    return f;
  }

  private void run() {
    ProducerNode node = null;
    long lastSlot = -1;
    boolean scheduled = false;
    while (!closed) {
      try {
        if (node == null) {
          node = ProducerNode.resolve(new ProducerNode.Flags(null, null, null, "--stake-pool-id", null, dataDir),
              Map.of());
          lastSlot = forgedSince(-1, false);
        }
        if (!scheduled) {
          scheduled = printComingSlots(node);
        }
        lastSlot = forgedSince(lastSlot, true);
      } catch (IOException | RuntimeException e) {
        // Not there yet (the node opens its socket after its replay), or gone: try again on the next round.
        node = null;
      }
      pause();
    }
  }

  /** Prints the block producer's leader slots of the coming hour; false if its node cannot tell yet. */
  private boolean printComingSlots(ProducerNode node) throws IOException {
    long firstPraos = PraosEra.firstPraosEpoch(genesis, GenesisReader.statedPraosEpoch(networkDir));
    Clock clock = Clock.systemUTC();
    LeaderSchedule.Request r = NodeScheduleFacts.read(node, genesis, firstPraos, "current", ZoneId.systemDefault(),
        clock);
    ChainClock chain = new ChainClock(genesis, clock);
    long now = chain.currentSlot();
    long end = Math.min(now + LOOKAHEAD_SLOTS, chain.firstSlotOfEpoch(r.epoch() + 1));
    if (now >= end || chain.epochOf(now) != r.epoch()) {
      return false;
    }
    List<Long> slots = new ArrayList<>();
    try (VrfSigningKey key = (VrfSigningKey) SigningKey.read(node.vrfKey().orElseThrow());
        VrfEvaluator vrf = VrfEvaluator.of(key)) {
      new SlotElection(vrf, r.nonce(), LeaderThreshold.of(new LeaderCheck(r.sigma(), r.activeSlotCoefficient())))
          .scan(now, end - now, slots::add, done -> { });
    }
    StringBuilder line = new StringBuilder("The block producer leads " + slots.size() + " slot(s) in the next "
        + (end - now) * genesis.slotLengthMillis() / 60_000 + " minutes");
    for (long s : slots) {
      line.append(line.indexOf(":") < 0 ? ": " : ", ").append(s).append(" (")
          .append(TIME.format(chain.startOfSlot(s).atZone(ZoneId.systemDefault()))).append(')');
    }
    println(line + ". The whole epoch: palisade leader-schedule --epoch current");
    return true;
  }

  /** Prints the blocks recorded after {@code after}; returns the last slot recorded. */
  private long forgedSince(long after, boolean print) throws IOException {
    long last = after;
    for (ForgedBlock b : ForgedBlockLog.read(recordOf())) {
      if (b.slot() > after) {
        if (print) {
          println("The block producer forged a block in slot " + b.slot() + " (epoch " + b.epoch() + "): "
              + b.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        last = b.slot();
      }
    }
    return last;
  }

  private Path recordOf() throws IOException {
    return io.palisade.runtime.local.RunningProducer.find(new io.palisade.runtime.local.DataDir(dataDir))
        .map(p -> dataDir.resolve("nodes").resolve(p.node()).resolve("db").resolve(ForgedBlockLog.FILE_NAME))
        .orElseThrow(() -> new IOException("no running block producer"));
  }

  private void println(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** The feed's poll: it watches files every few seconds; nothing waits on it. */
  private void pause() {
    try {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
