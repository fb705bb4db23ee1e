package io.palisade.simnode;

import io.palisade.chain.ChainClock;
import io.palisade.simnode.forge.ForgeFaults;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import io.palisade.simnode.ledger.SimulatedLedger;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Whether and with which credentials a simulated block producer forges, as cardano-node decides it: at start from the
 * three credential files (none with {@code --start-as-non-producing-node}), then again on every SIGHUP ({@link
 * #reload}): credentials that read and verify switch forging on (a new operational certificate takes effect),
 * credentials that are gone or broken switch it off. A standby started non-producing may start before its credential
 * files exist; it forges once they are given and it gets SIGHUP.
 *
 * <p>Not thread-safe: the node calls it under its lock.
 */
final class ForgingSwitch implements Closeable {
  private final RunArguments args;
  private final SimulatedLedger ledger;
  private final ChainClock clock;
  private final Consumer<String> log;
  /** Null for a relay, and for a standby that has not been given its credentials yet. */
  private BlockProducer producer;
  /** The slot the forge loop last reached (of the node's clock), or -1 before the first tick. */
  private long lastNodeSlot = -1;

  /**
   * @param args the run arguments (the credential files' paths)
   * @param ledger the node's ledger; it learns its pool from the first credentials read
   * @param clock the chain clock
   * @param log the node log
   */
  ForgingSwitch(RunArguments args, SimulatedLedger ledger, ChainClock clock, Consumer<String> log) {
    this.args = args;
    this.ledger = ledger;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Reads the credentials at start, as cardano-node does.
   *
   * @param stakeShare the pool's stake share (for the log)
   * @throws IllegalArgumentException if a credential file is malformed or not signed by its cold key, or missing
   *     without {@code --start-as-non-producing-node}
   * @throws IOException if the forged-block record cannot be opened
   */
  void start(double stakeShare) throws IOException {
    if (!args.isBlockProducer()) {
      return;
    }
    if (args.nonProducing() && credentialFiles().noneMatch(Files::exists)) {
      log.accept("Started as a non-producing node without its credential files: forging is off until they are given"
          + " and the node gets SIGHUP");
      return;
    }
    BlockProducer.Credentials c = BlockProducer.readCredentials(args);
    try {
      open(c, !args.nonProducing());
    } finally {
      c.vrfKey().close();
    }
    log.accept("Block producer of pool " + c.pool().hex() + ": opcert counter " + producer.key().opcertCounter()
        + ", KES period " + producer.key().kesStartPeriod() + " to " + producer.key().expiryPeriod()
        + ", stake share " + stakeShare + "; forged blocks are recorded in " + producer.recordFile()
        + ", leader slots not forged in " + producer.missedRecordFile()
        + (args.nonProducing() ? "; started as a non-producing node: forging is off" : ""));
  }

  private void open(BlockProducer.Credentials c, boolean enabled) throws IOException {
    ledger.adoptPool(c.pool());
    producer = BlockProducer.open(c, ledger, clock, args.databasePath(), log, enabled);
  }

  private Stream<Path> credentialFiles() {
    return Stream.of(args.kesKey(), args.vrfKey(), args.operationalCertificate()).map(p -> p.orElseThrow());
  }

  /**
   * Re-reads the credential files (SIGHUP): forging on with what they hold, or off when they are gone or broken.
   *
   * @return whether forging is on afterwards
   */
  boolean reload() {
    if (!args.isBlockProducer()) {
      log.accept("SIGHUP: no credential files were given at start: nothing to re-read");
      return false;
    }
    BlockProducer.Credentials c;
    try {
      c = BlockProducer.readCredentials(args);
    } catch (IllegalArgumentException e) {
      return off(e.getMessage());
    }
    try {
      if (producer == null) {
        open(c, true);
        if (lastNodeSlot >= 0) {
          producer.startAfter(lastNodeSlot);
        }
      } else {
        producer.reload(c);
      }
    } catch (IllegalArgumentException | IOException e) {
      return off(e.getMessage());
    } finally {
      c.vrfKey().close();
    }
    log.accept("SIGHUP: block forging enabled: pool " + c.pool().hex() + ", opcert counter "
        + producer.key().opcertCounter() + ", KES period " + producer.key().kesStartPeriod() + " to "
        + producer.key().expiryPeriod());
    return true;
  }

  private boolean off(String why) {
    if (producer != null) {
      producer.disable();
    }
    log.accept("SIGHUP: block forging disabled: " + why);
    return false;
  }

  /** Whether the node forges now. */
  boolean enabled() {
    return producer != null && producer.enabled();
  }

  /** Runs the forge loop (see {@link BlockProducer#advance}); nothing while there is no producer. */
  void advance(long nodeSlot, long skewSlots, NodeSnapshot.Phase phase, long tipSlot, boolean hung,
      ForgeFaults faults) {
    lastNodeSlot = Math.max(lastNodeSlot, nodeSlot);
    if (producer != null) {
      producer.advance(nodeSlot, skewSlots, phase, tipSlot, hung, faults);
    }
  }

  /** The forging state the metrics show, or null for a relay. */
  NodeSnapshot.Forging forging(Instant now) {
    if (producer != null) {
      return producer.forging(now);
    }
    return args.isBlockProducer() ? NodeSnapshot.Forging.disabled() : null;
  }

  /** Every block recorded in the node's forged-block record. */
  List<ForgedBlock> forgedBlocks() throws IOException {
    return args.isBlockProducer() ? ForgedBlockLog.read(args.databasePath().resolve(ForgedBlockLog.FILE_NAME))
        : List.of();
  }

  /** Wipes the VRF key and closes the record. */
  @Override
  public void close() throws IOException {
    if (producer != null) {
      producer.close();
    }
  }
}
