package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.palisade.spec.binding.Problems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blockProducer.maintenance: the margin, wait limit and clock tolerance of leader-aware maintenance. */
class MaintenanceSpecTest {
  private static final String BASE = """
      name: pool
      network: preprod
      node:
        version: 10.5.3
      registry:
        host: registry.example.com
        private: true
      relays:
        - region: eu
          count: 2
          publicAddress: relays-eu.example.com
      """;

  @TempDir Path dir;

  private final PoolSpecLoader loader = new PoolSpecLoader();

  @Test
  void theMaintenanceBlock_isRead_andAbsentMeansTheRuntimesDefaults() {
    PoolSpec spec = loader.parse(BASE + """
        blockProducer:
          maintenance: {margin: 2m, waitLimit: 12h, clockTolerance: 45s}
        """, "pool.yaml", dir).spec();
    assertThat(spec.blockProducer().maintenance())
        .isEqualTo(new MaintenanceSpec(Duration.ofMinutes(2), Duration.ofHours(12), Duration.ofSeconds(45)));
    // Absent: every field unset, the runtime's defaults.
    assertThat(loader.parse(BASE, "pool.yaml", dir).spec().blockProducer().maintenance())
        .isIn(null, new MaintenanceSpec(null, null, null));
    assertThat(loader.parse(BASE + "blockProducer:\n  maintenance: {margin: 0s}\n", "pool.yaml", dir).spec()
        .blockProducer().maintenance()).isEqualTo(new MaintenanceSpec(Duration.ZERO, null, null));
  }

  @Test
  void valuesOutOfBounds_areErrorsAtTheirPaths_inWords() {
    assertThat(errors(BASE + "blockProducer:\n  maintenance: {margin: 2h, waitLimit: 30s, clockTolerance: 1s}\n"))
        .extracting(Problems.Problem::path, Problems.Problem::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("blockProducer.maintenance.margin", "must be between 0s and 1h (added"
                + " to every free window the block producer's maintenance needs), was: 2h"),
            org.assertj.core.groups.Tuple.tuple("blockProducer.maintenance.waitLimit", "must be between 1m and 7d (a"
                + " longer wait for a free window is flagged for an operator), was: 30s"),
            org.assertj.core.groups.Tuple.tuple("blockProducer.maintenance.clockTolerance", "must be between 10s and"
                + " 30m (how far the host clock and the block producer's tip may disagree), was: 1s"));
    assertThat(errors(BASE + "blockProducer:\n  maintenance: {waitLimit: 8d}\n"))
        .extracting(Problems.Problem::path).containsExactly("blockProducer.maintenance.waitLimit");
    assertThat(errors(BASE + "blockProducer:\n  maintenance: {margin: soon}\n"))
        .extracting(Problems.Problem::path).containsExactly("blockProducer.maintenance.margin");
    assertThat(errors(BASE + "blockProducer:\n  maintenance: {margin: -1m}\n"))
        .extracting(Problems.Problem::path).containsExactly("blockProducer.maintenance.margin");
    assertThat(errors(BASE + "blockProducer:\n  maintenance: {slack: 1m}\n"))
        .anySatisfy(p -> assertThat(p.message()).contains("unknown field 'slack'"));
  }

  private List<Problems.Problem> errors(String yaml) {
    return catchThrowableOfType(InvalidPoolSpecException.class, () -> loader.parse(yaml, "pool.yaml", dir)).errors();
  }
}
