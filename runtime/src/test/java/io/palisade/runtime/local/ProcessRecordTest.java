package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A running node is found again by its start in clock ticks, whatever the host's clock did meanwhile (a stepped or
 * slewed clock moves the wall-clock start the JDK computes); a reused pid is not.
 */
class ProcessRecordTest {
  static final NodeVersion V = NodeVersion.parse("10.5.3");

  @Test
  void theTicksDecide_notTheWallClockStart() throws Exception {
    Process p = new ProcessBuilder("sleep", "30").start();
    try {
      ProcessRecord now = ProcessRecord.of(p.toHandle(), p.toHandle().info().startInstant().orElseThrow(), V);
      assertThat(now.startTicks()).isNotNull();
      assertThat(now.find()).isPresent();
      // What another JVM computes after the host's clock was stepped: the same process, its start an hour "off".
      ProcessRecord stepped = new ProcessRecord(now.pid(), now.startedAt().minus(Duration.ofHours(1)), V,
          now.command(), now.startTicks());
      assertThat(stepped.find()).as("found by its ticks").isPresent();
      // Another process that got the same pid started at another tick.
      ProcessRecord reused = new ProcessRecord(now.pid(), now.startedAt(), V, now.command(), now.startTicks() + 1);
      assertThat(reused.find()).isEmpty();
      // A record written before the ticks were kept: the wall-clock start, within a second.
      assertThat(new ProcessRecord(now.pid(), now.startedAt(), V, now.command(), null).find()).isPresent();
      assertThat(new ProcessRecord(now.pid(), Instant.EPOCH, V, now.command(), null).find()).isEmpty();
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
