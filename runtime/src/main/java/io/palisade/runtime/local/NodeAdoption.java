package io.palisade.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds again a node process a previous control plane left running, by the node's {@code process.json}: only if its
 * pid is alive and its start matches the record (a reused pid is not ours). A record whose process is gone is deleted.
 */
final class NodeAdoption {
  private NodeAdoption() {}

  /**
   * A process found again.
   *
   * @param handle the process
   * @param record what its record says (version, start)
   */
  record Found(ProcessHandle handle, ProcessRecord record) {}

  /**
   * The process a node's record names, if it still runs.
   *
   * @param dataDir the data directory
   * @param node the node's name
   * @return the process and its record, empty when none runs (or the record is damaged: treated as not running)
   */
  static Optional<Found> find(DataDir dataDir, String node) {
    Path record = dataDir.nodeDir(node).resolve("process.json");
    try {
      Optional<ProcessRecord> rec = dataDir.read(record, ProcessRecord.class);
      if (rec.isEmpty()) {
        return Optional.empty();
      }
      Optional<ProcessHandle> handle = rec.get().find();
      if (handle.isEmpty()) {
        Files.deleteIfExists(record);
        return Optional.empty();
      }
      return Optional.of(new Found(handle.get(), rec.get()));
    } catch (IOException e) {
      // A damaged record names no process we could safely adopt or stop.
      return Optional.empty();
    }
  }
}
