package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.MaintenancePolicy;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's policy takes the spec's {@code blockProducer.maintenance}; without it the runtime's defaults hold. */
class MaintenanceOptionsTest {
  @TempDir Path dir;

  LoadedPoolSpec spec(String producer) throws Exception {
    Path file = dir.resolve("pool.yaml");
    assertThat(TestPools.SPEC).contains("blockProducer:\n  name: block-producer\n");
    Files.writeString(file, TestPools.SPEC.replace("blockProducer:\n  name: block-producer\n", producer));
    return new PoolSpecLoader().load(file);
  }

  @Test
  void theSpecsMarginWaitLimitAndClockTolerance_reachTheGate_overTheSimulatedDefaults() throws Exception {
    LoadedPoolSpec set = spec("""
        blockProducer:
          name: block-producer
          maintenance: {margin: 25s, waitLimit: 2h, clockTolerance: 40s}
        """);
    MaintenancePolicy p = LocalPoolOptions.of(set, dir.resolve("data"), TestPools.simnode()).maintenance();
    assertThat(p.margin()).isEqualTo(Duration.ofSeconds(25));
    assertThat(p.maxWait()).isEqualTo(Duration.ofHours(2));
    assertThat(p.clockTolerance()).isEqualTo(Duration.ofSeconds(40));
    assertThat(p.defaultRestartToForging()).isEqualTo(LocalPoolOptions.SIMULATED.defaultRestartToForging());

    LoadedPoolSpec unset = spec("blockProducer:\n  name: block-producer\n");
    assertThat(LocalPoolOptions.of(unset, dir.resolve("data"), TestPools.simnode()).maintenance())
        .isEqualTo(LocalPoolOptions.SIMULATED);
  }
}
