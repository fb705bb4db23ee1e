package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.testing.CrashWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable: a console process driven with random operations (enroll, TOTP sign-ins, queue, cancel)
 * is killed with {@code kill -9} at random moments, round after round on one data directory; after each kill every
 * acknowledged operation is still there, the audit chain verifies against the head recorded beside the database, and
 * verifying writes nothing. The longer run is {@code bench/run.sh io.palisade.bench.console.ConsoleCrashHarness}.
 */
class ConsoleCrashTest {
  @Test
  void noAcknowledgedOperationIsLostToKillMinus9() throws Exception {
    Path data = Files.createTempDirectory("console-crash").resolve("data");
    long seed = Long.getLong("palisade.crash.seed", System.nanoTime());
    CrashWorkload.Result r = CrashWorkload.run(data,
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), 4, seed, System.out);
    assertThat(r.problems()).as("seed " + seed).isEmpty();
    assertThat(r.lost()).isZero();
    assertThat(r.kills()).isEqualTo(4);
    // Not vacuous: the rounds did acknowledge work (an enrollment, sign-ins, queued and cancelled actions).
    assertThat(r.acknowledged()).as("operations acknowledged").isGreaterThanOrEqualTo(4);
  }
}
