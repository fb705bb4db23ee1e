package io.palisade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.spec.InvalidPoolSpecException;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's actions take regions and node names by the pool spec's rules, not a looser copy: the console once
 * accepted a 32-character region the spec (and so every runtime) rejects.
 */
class PoolActionNamesTest {
  @Test
  void aRegionIsWhatTheSpecAccepts() {
    String twenty = "a".repeat(20);
    assertThat(new PoolAction.AddRelay(twenty).region()).isEqualTo(twenty);
    assertThat(new PoolAction.AddRelay("eu-west-2").region()).isEqualTo("eu-west-2");
    for (String bad : new String[] {"a".repeat(21), "a".repeat(32), "EU", "-eu", "eu-", "eu_west", ""}) {
      assertThatThrownBy(() -> new PoolAction.AddRelay(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theSpecAndTheConsoleDrawTheSameLine(@TempDir Path dir) throws Exception {
    assertThat(specAcceptsRegion(dir, "a".repeat(20))).isTrue();
    assertThat(specAcceptsRegion(dir, "a".repeat(21))).isFalse();
  }

  @Test
  void aNodeNameIsADnsLabel() {
    assertThat(new PoolAction.RemoveRelay("relay-" + "a".repeat(20) + "-49").node()).startsWith("relay-");
    assertThatThrownBy(() -> new PoolAction.RemoveRelay("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PoolAction.RemoveRelay("../etc")).isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean specAcceptsRegion(Path dir, String region) throws Exception {
    Path yaml = dir.resolve(region.length() + ".yaml");
    Files.writeString(yaml, Files.readString(Path.of("..", "examples", "pool.yaml"))
        .replaceFirst("region: [a-z0-9-]+", "region: " + region));
    try {
      LoadedPoolSpec loaded = new PoolSpecLoader().load(yaml);
      return loaded.spec().relays().stream().anyMatch(g -> g.region().equals(region));
    } catch (InvalidPoolSpecException e) {
      return false;
    }
  }
}
