package io.palisade.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.keys.testing.ChildJvm;
import io.palisade.keys.testing.TestVaults;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of vault writes: the vault always opens, whole, with at least every acknowledged change. */
class VaultCrashTest {
  @TempDir Path tmp;

  @Test
  void killMinus9DuringWrites_leavesAWholeVault() throws Exception {
    Path dir = tmp.resolve("vault");
    for (int round = 0; round < 3; round++) {
      Process p = ChildJvm.start(Map.of(), VaultChild.class, "crash-writer", dir.toString());
      p.getOutputStream().close();
      int acknowledged;
      try {
        acknowledged = killDuringWrites(p);
      } finally {
        p.destroyForcibly();
      }
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try (Vault v = TestVaults.open(dir)) {
        assertThat(v.names().size()).as("round " + round).isGreaterThanOrEqualTo(acknowledged);
        for (String name : v.names()) {
          v.get(name).close();
        }
      }
    }
  }

  /** Reads the child's acknowledgements, kills it at a random point of a later write, returns the last one. */
  private static int killDuringWrites(Process p) throws Exception {
    int acknowledged = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int target = 3 + ThreadLocalRandom.current().nextInt(6);
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("SAVED ")) {
          acknowledged = Integer.parseInt(line.substring(6));
          if (--target == 0) {
            // Kill at a random point of the next write.
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 15));
            p.destroyForcibly(); // SIGKILL on Linux
            break;
          }
        }
      }
      assertThat(line).as("child output ended early").isNotNull();
    }
    return acknowledged;
  }
}
