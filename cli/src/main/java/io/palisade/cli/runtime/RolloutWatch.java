package io.palisade.cli.runtime;

import io.palisade.control.ControlEvent;
import io.palisade.control.plane.ControlPlaneClient;
import io.palisade.control.plane.PoolStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Follows the control plane's events on stderr until a condition holds ({@code --wait}). */
final class RolloutWatch {
  private RolloutWatch() {}

  static PoolStatus until(ControlPlaneClient client, Predicate<PoolStatus> done, Duration limit, PrintWriter err)
      throws ControlPlaneClient.UnavailableException, InterruptedException {
    Set<String> seen = new HashSet<>();
    client.events(200).forEach(e -> seen.add(key(e)));
    Instant end = Instant.now().plus(limit);
    while (true) {
      List<ControlEvent> events = client.events(200);
      for (ControlEvent e : events) {
        if (seen.add(key(e))) {
          err.println("palisade: " + UpCommand.line(e));
        }
      }
      err.flush();
      PoolStatus s = client.status();
      if (done.test(s) || Instant.now().isAfter(end)) {
        return s;
      }
      Thread.sleep(500);
    }
  }

  private static String key(ControlEvent e) {
    return e.time() + "|" + e.reason() + "|" + e.node() + "|" + e.message();
  }
}
