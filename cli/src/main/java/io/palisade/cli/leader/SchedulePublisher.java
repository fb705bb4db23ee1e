package io.palisade.cli.leader;

import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.cli.node.ProducerNode;
import io.palisade.keys.KeysException;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.PoolId;
import io.palisade.leader.LeaderSchedule;
import io.palisade.spec.AtomicFile;
import io.palisade.spec.binding.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code palisade leader-schedule --out-dir DIR [--watch]}: the schedule sidecar of a block producer's pod. Against
 * the node's own socket and with the VRF key the pod already holds, it writes the current epoch's schedule and, once
 * its nonce is fixed, the next one's to {@code DIR/epoch-<N>.json}, each exactly what {@code leader-schedule --epoch N
 * --json} prints (the same {@link NodeScheduleFacts} and {@link LeaderScheduleCommand#compute}), atomically
 * ({@link AtomicFile}), and keeps only those two. The pod's agent serves the directory and the operator copies it into
 * the pool's Secret: the key stays where it is, and the pod needs no Kubernetes token.
 *
 * <p>A file already written is not computed again (an epoch's nonce and stake snapshot do not change), so a pass only
 * asks the node which epoch it is in, and whether the next nonce is fixed. Without a VRF key (a standby, or a producer
 * that does not hold the lease) it waits and says so. A node that does not answer is asked again after a back-off
 * that doubles from 2 s up to the poll interval; {@link #once} gives up after {@link #ATTEMPTS} attempts, {@link #watch}
 * never does (a sidecar that exits would make the producer's pod not ready).
 */
public final class SchedulePublisher {
  /** Attempts of {@link #once} before it gives up on the node. */
  public static final int ATTEMPTS = 5;
  /** The first back-off after a failed pass. */
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

  private static final Pattern FILE = Pattern.compile("epoch-(0|[1-9][0-9]{0,9})\\.json");

  /**
   * What the publisher is told.
   *
   * @param socket the node's socket ({@code --socket-path})
   * @param network the network
   * @param networkBase what a custom network's relative path resolves against
   * @param pool the pool id, if given
   * @param opcert the operational certificate to read the pool id from, if given instead
   * @param vrfKey the VRF signing key's file (may be absent: then it waits)
   * @param outDir where the files are written
   * @param zone the zone of the {@code local} times
   * @param pollInterval time between passes of {@link #watch}
   */
  public record Settings(Path socket, NetworkRef network, Path networkBase, Optional<PoolId> pool,
      Optional<Path> opcert, Path vrfKey, Path outDir, ZoneId zone, Duration pollInterval) {
    /** Requires every value. */
    public Settings {
      Objects.requireNonNull(socket, "socket");
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(vrfKey, "vrfKey");
      Objects.requireNonNull(outDir, "outDir");
      if (pool.isEmpty() == opcert.isEmpty()) {
        throw new IllegalArgumentException("give the pool id or the operational certificate, one of them");
      }
    }
  }

  /** How the publisher waits between passes: a port, so a test moves the chain instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    /** Sleeps on the wall clock. */
    Pause SLEEP = d -> Thread.sleep(d.toMillis());

    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException when the publisher is to stop
     */
    void pause(Duration duration) throws InterruptedException;
  }

  /**
   * One pass's outcome.
   *
   * @param epoch the node's epoch, if it was asked
   * @param written the files written in this pass
   * @param waiting what it waits for, for people (empty when both epochs are published)
   */
  public record Pass(Optional<Long> epoch, List<String> written, Optional<String> waiting) {}

  private final Settings settings;
  private final PrintWriter err;
  private final Clock clock;
  private final Pause pause;
  private LeaderScheduleCommand.NetworkFacts facts;
  private String lastSaid = "";

  /**
   * @param settings what to publish from and where
   * @param err where progress goes (stderr)
   * @param clock now, for the next epoch's "fixed in ..." message
   * @param pause how to wait between passes
   */
  public SchedulePublisher(Settings settings, PrintWriter err, Clock clock, Pause pause) {
    this.settings = settings;
    this.err = err;
    this.clock = clock;
    this.pause = pause;
  }

  /**
   * One pass, retried up to {@link #ATTEMPTS} times while the node does not answer.
   *
   * @return {@link ExitCodes#OK} when the current epoch is published
   * @throws ExitException 2 without a VRF key or pool id, 4 when the node never answered
   */
  public int once() {
    for (int attempt = 1; ; attempt++) {
      try {
        Pass p = pass();
        if (p.epoch().isEmpty()) {
          throw new ExitException(ExitCodes.INVALID_INPUT, p.waiting().orElse("nothing to publish"));
        }
        return ExitCodes.OK;
      } catch (ExitException e) {
        if (e.code() != ExitCodes.UNAVAILABLE || attempt >= ATTEMPTS) {
          throw e;
        }
        if (!backOff(attempt, e)) {
          return ExitCodes.UNAVAILABLE;
        }
      }
    }
  }

  /**
   * Passes every poll interval until interrupted (the pause throws), backing off while the node fails.
   *
   * @return {@link ExitCodes#OK} once stopped
   */
  public int watch() {
    int failures = 0;
    while (true) {
      try {
        pass();
        failures = 0;
        pause.pause(settings.pollInterval());
      } catch (ExitException e) {
        failures++;
        if (!backOff(failures, e)) {
          return ExitCodes.OK;
        }
      } catch (RuntimeException e) {
        // Anything else (a node answering something unexpected): said, and retried like a failed read; exiting
        // would crash-loop the container and make the producer's pod not Ready.
        failures++;
        if (!backOff(failures, new ExitException(ExitCodes.SOFTWARE, e.toString(), e))) {
          return ExitCodes.OK;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCodes.OK;
      }
    }
  }

  /** Says why the pass failed and waits: false when interrupted. */
  private boolean backOff(int failures, ExitException e) {
    Duration wait = backoff(failures, settings.pollInterval());
    say("leader-schedule: asking the node failed (" + e.getMessage() + "); again in " + DurationText.format(wait)
        + " (attempt " + failures + ")", true);
    try {
      pause.pause(wait);
      return true;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The wait after the n-th failure in a row: 2 s, doubled each time, at most the poll interval.
   *
   * @param failures failures in a row, from 1
   * @param cap the poll interval
   * @return the wait
   */
  public static Duration backoff(int failures, Duration cap) {
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
    return d.compareTo(cap) > 0 ? cap : d;
  }

  /**
   * One pass: publishes what is missing of the current and next epoch, then drops every other epoch's file.
   *
   * @return what it did
   * @throws ExitException when the node cannot be asked or answers something unusable
   */
  public Pass pass() {
    if (!Files.isRegularFile(settings.vrfKey())) {
      return waiting("no VRF signing key at " + settings.vrfKey() + ": this producer holds no forging credentials"
          + " (a standby, or not the lease holder); waiting for them");
    }
    Optional<PoolId> pool = poolId();
    if (pool.isEmpty()) {
      return waiting("no operational certificate at " + settings.opcert().orElseThrow() + " to read the pool id"
          + " from; waiting for it");
    }
    if (facts == null) {
      facts = LeaderScheduleCommand.NetworkFacts.of(settings.network(), settings.networkBase());
    }
    // The same source the printing mode names, so a published file is byte for byte `leader-schedule --json`.
    ProducerNode node = new ProducerNode(settings.socket(), settings.network(), settings.networkBase(), pool.get(),
        Optional.of(settings.vrfKey()), "--socket-path " + settings.socket());
    List<String> written = new ArrayList<>();
    LeaderSchedule.Request current = NodeScheduleFacts.read(node, facts.genesis(), facts.firstPraos(), "current",
        settings.zone(), clock);
    long epoch = current.epoch();
    publish(node, current, written);
    Optional<String> waiting = Optional.empty();
    if (!Files.exists(settings.outDir().resolve(nameOf(epoch + 1)))) {
      try {
        publish(node, NodeScheduleFacts.read(node, facts.genesis(), facts.firstPraos(), "next", settings.zone(),
            clock), written);
      } catch (ExitException e) {
        if (e.code() != ExitCodes.REFUSED) {
          throw e;
        }
        waiting = Optional.of(e.getMessage());
      }
    }
    prune(epoch);
    boolean changed = say("leader-schedule: epoch " + epoch + " published" + (waiting.isPresent()
        ? "; epoch " + (epoch + 1) + " waits for its nonce" : ", and epoch " + (epoch + 1)), false);
    if (changed && waiting.isPresent()) {
      // The detail once, when the state changes: its "in 1d9h" would make every pass a new line.
      say("leader-schedule: " + waiting.get(), true);
    }
    return new Pass(Optional.of(epoch), written, waiting);
  }

  private void publish(ProducerNode node, LeaderSchedule.Request request, List<String> written) {
    String name = nameOf(request.epoch());
    Path file = settings.outDir().resolve(name);
    if (Files.exists(file)) {
      return;
    }
    say("leader-schedule: computing epoch " + request.epoch() + " from " + settings.socket(), true);
    LeaderScheduleCommand.ScheduleResult result = LeaderScheduleCommand.compute(settings.network().toString(),
        LeaderScheduleCommand.sourceOf(node), request, settings.vrfKey(), settings.zone(), err);
    try {
      Files.createDirectories(settings.outDir());
      // World-readable within the pod: the agent runs as the same user, and the schedule holds no key.
      AtomicFile.write(file, (JsonOption.toJson(result) + "\n").getBytes(StandardCharsets.UTF_8),
          AtomicFile.WORLD_READABLE);
    } catch (IOException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
    }
    written.add(name);
    say("leader-schedule: wrote " + file + " (" + result.leaderSlotCount() + " leader slots)", true);
  }

  /** Drops every schedule file but the current and the next epoch's: the agent serves what is here. */
  private void prune(long epoch) {
    Set<String> keep = Set.of(nameOf(epoch), nameOf(epoch + 1));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.outDir())) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (FILE.matcher(name).matches() && !keep.contains(name)) {
          Files.deleteIfExists(f);
          say("leader-schedule: removed " + f + " (a past epoch)", true);
        }
      }
    } catch (IOException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot clean " + settings.outDir() + ": " + e.getMessage(), e);
    }
  }

  private Optional<PoolId> poolId() {
    if (settings.pool().isPresent()) {
      return settings.pool();
    }
    Path opcert = settings.opcert().orElseThrow();
    if (!Files.isRegularFile(opcert)) {
      return Optional.empty();
    }
    try {
      return Optional.of(OperationalCertificate.read(opcert).poolId());
    } catch (KeysException | IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--op-cert-file " + opcert + ": " + e.getMessage(), e);
    }
  }

  private Pass waiting(String why) {
    say("leader-schedule: " + why, false);
    return new Pass(Optional.empty(), List.of(), Optional.of(why));
  }

  /** One line on stderr; a state line ({@code always} false) only when it changed, so a long wait is one line. */
  private boolean say(String line, boolean always) {
    boolean print = always || !line.equals(lastSaid);
    if (print) {
      err.println(line);
      err.flush();
    }
    if (!always) {
      lastSaid = line;
    }
    return print;
  }

  /** {@code epoch-<N>.json}. */
  static String nameOf(long epoch) {
    return "epoch-" + epoch + ".json";
  }
}
