package io.palisade.cli.runtime;

import io.palisade.control.ControlEvent;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Follows the control plane's events on stderr until a condition holds ({@code --wait}), with a progress line every
 * {@link #PROGRESS_EVERY} while nothing else is said, so a wait of minutes or hours is never silent. Made before the
 * action is asked for, so the events the action causes are all new to it.
 */
final class RolloutWatch {
  /** How often a progress line is printed while waiting. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final ControlPlaneClient client;
  private final Clock clock;
  private final Set<String> seen = new HashSet<>();
  private Instant lastLine;

  private RolloutWatch(ControlPlaneClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Remembers the events so far; everything later is printed by {@link #until}. */
  static RolloutWatch from(ControlPlaneClient client) throws ControlPlaneClient.UnavailableException {
    RolloutWatch w = new RolloutWatch(client, Clock.systemUTC());
    client.events(1000).forEach(e -> w.seen.add(key(e)));
    return w;
  }

  PoolStatus until(Predicate<PoolStatus> done, Duration limit, PrintWriter err)
      throws ControlPlaneClient.UnavailableException, InterruptedException {
    return until(done, s -> Optional.empty(), limit, err);
  }

  /**
   * Prints new events and, every {@link #PROGRESS_EVERY} without one, {@code progress}'s line, until {@code done}.
   *
   * @param done when to stop
   * @param progress what is being waited for, now ("waiting for relay-a-0: SYNCING, 1200 slots behind, ..."), or
   *     empty when there is nothing to say
   * @param limit how long at most
   * @param err where the lines go
   * @return the status that ended the wait
   */
  PoolStatus until(Predicate<PoolStatus> done, Function<PoolStatus, Optional<String>> progress, Duration limit,
      PrintWriter err) throws ControlPlaneClient.UnavailableException, InterruptedException {
    Instant end = clock.instant().plus(limit);
    lastLine = clock.instant();
    while (true) {
      print(err);
      PoolStatus s = client.status();
      printWaiting(s, err);
      if (done.test(s) || clock.instant().isAfter(end)) {
        // The pass that ended it may have logged its events after the print above; the status is built on the
        // control loop after that pass has logged them, so one more read shows them all.
        print(err);
        return s;
      }
      if (!clock.instant().isBefore(lastLine.plus(PROGRESS_EVERY))) {
        Optional<String> line = progress.apply(s);
        if (line.isPresent()) {
          err.println("palisade: " + line.get());
          err.flush();
        }
        lastLine = clock.instant();
      }
      Thread.sleep(500);
    }
  }

  private void print(PrintWriter err) throws ControlPlaneClient.UnavailableException {
    List<ControlEvent> events = client.events(200);
    for (ControlEvent e : events) {
      if (seen.add(key(e))) {
        err.println("palisade: " + UpCommand.line(e));
        lastLine = clock.instant();
      }
    }
    err.flush();
  }

  /** A wait for a free window between the block producer's leader slots, each time the window moves. */
  private void printWaiting(PoolStatus s, PrintWriter err) {
    if (s.maintenance() == null || s.maintenance().waiting().isEmpty()) {
      return;
    }
    if (seen.add("window|" + s.maintenance().windowOpensAt() + "|" + s.maintenance().waiting().size())) {
      s.maintenance().waiting().forEach(w -> err.println("palisade: " + w));
      err.flush();
    }
  }

  private static String key(ControlEvent e) {
    return e.time() + "|" + e.reason() + "|" + e.node() + "|" + e.message();
  }
}
