package io.palisade.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Node processes of a data directory that still run while no control plane does (its {@code up} was killed): found by
 * the pid records in the nodes' directories, each checked against the live process (pid and start time). Read-only:
 * {@code palisade up} adopts them, {@code palisade down} stops them.
 */
public final class UnsupervisedNodes {
  private UnsupervisedNodes() {}

  /**
   * The nodes whose recorded process still runs, by name, sorted.
   *
   * @param root the data directory
   * @return their names (empty when none, or when the directory holds no pool)
   * @throws IOException if a record cannot be read
   */
  public static List<String> running(Path root) throws IOException {
    Path nodes = root.resolve("nodes");
    List<String> running = new ArrayList<>();
    if (!Files.isDirectory(nodes)) {
      return running;
    }
    DataDir dir = new DataDir(root);
    try (var list = Files.list(nodes)) {
      for (Path nodeDir : list.sorted().toList()) {
        if (dir.read(nodeDir.resolve("process.json"), ProcessRecord.class).flatMap(ProcessRecord::find)
            .isPresent()) {
          running.add(nodeDir.getFileName().toString());
        }
      }
    }
    return running;
  }
}
