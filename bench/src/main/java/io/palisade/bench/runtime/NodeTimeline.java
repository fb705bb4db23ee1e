package io.palisade.bench.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Where a simulated node's restart went, from the runtime's restart event and the node's {@code node.log}: the restart
 * issued, the process started and its JVM running the simulated node's code, its replay (ending when its
 * node-to-node port opens), and the rest until the runtime reports it ready (the simulated node turns its peers hot on
 * its own 2 s probe cycle, then the agent's verdict and the control loop's pass).
 */
final class NodeTimeline {
  private NodeTimeline() {}

  /**
   * The phases of the node's last start, for people.
   *
   * @param nodeDir the node's directory in the pool's data directory
   * @param restartIssuedAt when the runtime issued the restart (its event)
   * @param readyAt when the runtime reported the node ready
   * @return e.g. {@code process and JVM start 812 ms, replay 5104 ms, port open to ready 1140 ms}
   */
  static String of(Path nodeDir, Instant restartIssuedAt, Instant readyAt) {
    try {
      List<String> log = Files.readAllLines(nodeDir.resolve("node.log"));
      Instant began = last(log, "Starting simulated cardano-node");
      Instant portOpen = last(log, "Listening for node-to-node connections");
      return "process and JVM start " + ms(restartIssuedAt, began) + ", replay " + ms(began, portOpen)
          + ", port open to ready " + ms(portOpen, readyAt);
    } catch (IOException | RuntimeException e) {
      return "no timeline: " + e.getMessage();
    }
  }

  /**
   * The phases of a planned restart (an upgrade step), for people: the old process's clean stop comes first.
   *
   * @param nodeDir the node's directory in the pool's data directory
   * @param stepAt when the runtime began the step (its event)
   * @param readyAt when the runtime reported the node ready
   * @return e.g. {@code stop 310 ms, exit to JVM start 520 ms, replay 5104 ms, port open to ready 1140 ms}
   */
  static String ofPlannedRestart(Path nodeDir, Instant stepAt, Instant readyAt) {
    try {
      List<String> log = Files.readAllLines(nodeDir.resolve("node.log"));
      int started = lastIndex(log, "Starting simulated cardano-node", log.size());
      Instant began = time(log.get(started));
      Instant stopped = time(log.get(lastIndex(log, "Shut down cleanly", started)));
      Instant portOpen = last(log, "Listening for node-to-node connections");
      return "stop " + ms(stepAt, stopped) + ", exit to JVM start " + ms(stopped, began) + ", replay "
          + ms(began, portOpen) + ", port open to ready " + ms(portOpen, readyAt);
    } catch (IOException | RuntimeException e) {
      return "no timeline: " + e.getMessage();
    }
  }

  private static int lastIndex(List<String> log, String marker, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (log.get(i).contains(marker) && log.get(i).startsWith("[")) {
        return i;
      }
    }
    throw new IllegalStateException("no \"" + marker + "\" in node.log");
  }

  private static Instant time(String line) {
    return Instant.parse(line.substring(1, line.indexOf(']')));
  }

  private static Instant last(List<String> log, String marker) {
    for (int i = log.size() - 1; i >= 0; i--) {
      String line = log.get(i);
      if (line.contains(marker) && line.startsWith("[")) {
        try {
          return Instant.parse(line.substring(1, line.indexOf(']')));
        } catch (DateTimeParseException e) {
          // Not a timestamped line.
        }
      }
    }
    throw new IllegalStateException("no \"" + marker + "\" in node.log");
  }

  private static String ms(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() + " ms";
  }
}
