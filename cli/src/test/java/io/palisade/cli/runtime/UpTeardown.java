package io.palisade.cli.runtime;

import io.palisade.cli.CliRun;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Stops a pool a test started with {@code palisade up}, whatever state the test left it in: {@code down} asks the
 * control plane; if {@code up} does not exit, it is killed; then {@code down} again stops any node process the dead
 * control plane left behind (from the data directory's process records). Without the second step, a test that
 * failed with {@code up} hung would leave simulated nodes running after the build.
 */
final class UpTeardown {
  private UpTeardown() {}

  /**
   * @param data the pool's data directory
   * @param up the {@code palisade up} process, or null if it never started
   */
  static void stop(Path data, Process up) throws InterruptedException {
    if (data == null) {
      return;
    }
    CliRun.run("down", "--data-dir", data.toString());
    if (up != null && !up.waitFor(60, TimeUnit.SECONDS)) {
      up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    CliRun.run("down", "--data-dir", data.toString());
  }
}
