package io.palisade.simnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the files a running node re-reads: its fault files (read on every poll, so a fault switches on and off
 * while it runs) and its topology (cardano-node re-reads it on SIGHUP; the simulated node notices the file change).
 * A file that cannot be read or parsed is reported to the log and otherwise ignored: the node keeps running on what
 * it had.
 */
final class FileWatcher {
  private final String faultFiles;
  private final Path topology;
  private final Consumer<Faults> onFaults;
  private final Consumer<TopologyFile> onTopology;
  private final Consumer<String> log;
  private long topologyStamp;

  /**
   * @param faultFiles the fault files ({@link Faults#ENV}'s value), or null
   * @param topology the topology file (already read once)
   * @param onFaults receives the faults at every poll
   * @param onTopology receives the topology when the file changed
   * @param log where problems are reported
   * @throws IOException if the topology file's stamp cannot be read
   */
  FileWatcher(String faultFiles, Path topology, Consumer<Faults> onFaults, Consumer<TopologyFile> onTopology,
      Consumer<String> log) throws IOException {
    this.faultFiles = faultFiles;
    this.topology = topology;
    this.onFaults = onFaults;
    this.onTopology = onTopology;
    this.log = log;
    this.topologyStamp = stamp();
  }

  /** Reads the fault files and, if it changed, the topology. */
  void poll() {
    try {
      onFaults.accept(Faults.readAll(faultFiles));
    } catch (IllegalArgumentException e) {
      log.accept("Ignoring an unreadable fault file: " + e.getMessage());
    }
    try {
      long s = stamp();
      if (s != topologyStamp) {
        topologyStamp = s;
        onTopology.accept(TopologyFile.read(topology));
      }
    } catch (IOException e) {
      log.accept("Cannot read the topology " + topology + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      log.accept("Ignoring an unreadable topology file: " + e.getMessage());
    }
  }

  private long stamp() throws IOException {
    return Files.getLastModifiedTime(topology).to(TimeUnit.MICROSECONDS) * 31 + Files.size(topology);
  }
}
