package io.palisade.cli.runtime;

import io.palisade.control.ControlEvent;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Follows the control plane's events on stderr until a condition holds ({@code --wait}). Made before the action is
 * asked for, so the events the action causes are all new to it.
 */
final class RolloutWatch {
  private final ControlPlaneClient client;
  private final Set<String> seen = new HashSet<>();

  private RolloutWatch(ControlPlaneClient client) {
    this.client = client;
  }

  /** Remembers the events so far; everything later is printed by {@link #until}. */
  static RolloutWatch from(ControlPlaneClient client) throws ControlPlaneClient.UnavailableException {
    RolloutWatch w = new RolloutWatch(client);
    client.events(1000).forEach(e -> w.seen.add(key(e)));
    return w;
  }

  PoolStatus until(Predicate<PoolStatus> done, Duration limit, PrintWriter err)
      throws ControlPlaneClient.UnavailableException, InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (true) {
      print(err);
      PoolStatus s = client.status();
      printWaiting(s, err);
      if (done.test(s) || Instant.now().isAfter(end)) {
        // The pass that ended it may have logged its events after the print above; the status is built on the
        // control loop after that pass has logged them, so one more read shows them all.
        print(err);
        return s;
      }
      Thread.sleep(500);
    }
  }

  private void print(PrintWriter err) throws ControlPlaneClient.UnavailableException {
    List<ControlEvent> events = client.events(200);
    for (ControlEvent e : events) {
      if (seen.add(key(e))) {
        err.println("palisade: " + UpCommand.line(e));
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
