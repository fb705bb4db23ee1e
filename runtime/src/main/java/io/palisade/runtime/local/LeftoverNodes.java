package io.palisade.runtime.local;

import io.palisade.control.ControlState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code palisade down} when no control plane answers: stops the node processes a dead control plane left running
 * (by the pid records in their directories), records the pool as stopped and removes the control plane's files and
 * the hot keys.
 */
final class LeftoverNodes {
  private LeftoverNodes() {}

  /** See {@link LocalPool#stopLeftoverNodes}. */
  static List<String> stop(Path root, Duration grace) throws IOException {
    DataDir dir = new DataDir(root);
    if (!dir.tryLock()) {
      throw new AlreadyRunningException("a control plane runs on " + root + "; ask it to stop instead");
    }
    try {
      List<String> stopped = new ArrayList<>();
      Path nodes = root.resolve("nodes");
      if (Files.isDirectory(nodes)) {
        try (var list = Files.list(nodes)) {
          for (Path nodeDir : list.sorted().toList()) {
            Path rec = nodeDir.resolve("process.json");
            Optional<ProcessHandle> h = dir.read(rec, ProcessRecord.class).flatMap(ProcessRecord::find);
            if (h.isPresent()) {
              stop(h.get(), grace);
              stopped.add(nodeDir.getFileName().toString());
            }
            Files.deleteIfExists(rec);
          }
        }
      }
      Optional<ControlState> s = dir.read(dir.stateFile(), ControlState.class);
      if (s.isPresent()) {
        dir.write(dir.stateFile(), s.get().stopped());
      }
      Files.deleteIfExists(dir.controlPlaneFile());
      Files.deleteIfExists(dir.tokenFile());
      Optional<PoolRecord> pool = dir.read(dir.poolFile(), PoolRecord.class);
      if (pool.isPresent()) {
        HotKeySetup.remove(HotKeySetup.directoryFor(dir.root(), pool.get().name()));
      }
      return stopped;
    } finally {
      dir.unlock();
    }
  }

  /** SIGTERM, then a kill after {@code grace}. */
  private static void stop(ProcessHandle h, Duration grace) {
    h.destroy();
    try {
      h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      h.destroyForcibly();
    } catch (ExecutionException e) {
      // onExit does not fail.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
