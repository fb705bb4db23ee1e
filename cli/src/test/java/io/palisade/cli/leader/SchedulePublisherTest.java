package io.palisade.cli.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.palisade.chain.NetworkRef;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.simnode.testing.ProducerFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leader-schedule --out-dir [--watch]}, the schedule sidecar, against a simulated block producer's socket on a
 * small custom network (200-slot epochs) whose clock the test moves: each published file is byte for byte what
 * {@code leader-schedule --epoch N --json} prints; the next epoch appears once its nonce is fixed; a past epoch is
 * dropped; without a VRF key it waits and says so; a node that does not answer is asked again with a back-off.
 */
class SchedulePublisherTest {
  @TempDir Path dir;
  ProducerFixture f;
  long epoch;
  long first;
  Path out;
  Path vrfDir;
  final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    f = new ProducerFixture(dir);
    epoch = f.nextEpochFromNow();
    first = f.chain.firstSlotOfEpoch(epoch);
    f.start();
    await().atMost(Duration.ofSeconds(10)).until(f.node::nodeToClientOpen);
    out = dir.resolve("schedule");
    vrfDir = Files.createDirectory(dir.resolve("forging"));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  SchedulePublisher publisher(Path socket, SchedulePublisher.Pause pause) {
    return new SchedulePublisher(new SchedulePublisher.Settings(socket, NetworkRef.parse(f.config.getParent()
        .toString()), Path.of("."), Optional.empty(), Optional.of(f.keys.resolve("node.cert")),
        vrfDir.resolve("vrf.skey"), out, ZoneOffset.UTC, Duration.ofSeconds(60)), new PrintWriter(err, true),
        f.clock, pause);
  }

  String printed(long which) {
    CliRun run = CliRun.run("leader-schedule", "--socket-path", f.socket().toString(), "--network",
        f.config.getParent().toString(), "--stake-pool-id", f.pool.hex(), "--vrf-signing-key-file",
        f.keys.resolve("vrf.skey").toString(), "--epoch", Long.toString(which), "--timezone", "UTC", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    return run.out();
  }

  String file(long e) throws Exception {
    return Files.readString(out.resolve("epoch-" + e + ".json"));
  }

  @Test
  void withoutAVrfKeyItWaits_thenPublishesCurrentAndNext_andDropsAPastEpoch() throws Exception {
    f.advanceTo(first + 50);
    SchedulePublisher p = publisher(f.socket(), d -> { });
    SchedulePublisher.Pass keyless = p.pass();
    assertThat(keyless.epoch()).isEmpty();
    assertThat(keyless.waiting().orElseThrow()).contains("no VRF signing key").contains("waiting");
    assertThat(out).doesNotExist();

    // The lease holder's forging Secret appears: the key is there now.
    Files.copy(f.keys.resolve("vrf.skey"), vrfDir.resolve("vrf.skey"));
    SchedulePublisher.Pass early = p.pass();
    assertThat(early.epoch()).hasValue(epoch);
    assertThat(early.written()).containsExactly("epoch-" + epoch + ".json");
    assertThat(early.waiting().orElseThrow()).contains("the nonce of epoch " + (epoch + 1) + " is not fixed yet");
    assertThat(file(epoch)).isEqualTo(printed(epoch));
    assertThat(out.resolve("epoch-" + (epoch + 1) + ".json")).doesNotExist();
    // Nothing changed: nothing computed again.
    assertThat(p.pass().written()).isEmpty();

    f.advanceTo(first + 170);
    SchedulePublisher.Pass fixed = p.pass();
    assertThat(fixed.written()).containsExactly("epoch-" + (epoch + 1) + ".json");
    assertThat(fixed.waiting()).isEmpty();
    assertThat(file(epoch + 1)).isEqualTo(printed(epoch + 1));

    f.advanceTo(first + ProducerFixture.EPOCH_LENGTH + 20);
    SchedulePublisher.Pass later = p.pass();
    assertThat(later.epoch()).hasValue(epoch + 1);
    assertThat(later.written()).isEmpty();
    try (var files = Files.list(out)) {
      assertThat(files.map(x -> x.getFileName().toString()).sorted().toList())
          .containsExactly("epoch-" + (epoch + 1) + ".json");
    }
    assertThat(err.toString()).contains("no VRF signing key").contains("wrote " + out.resolve("epoch-" + epoch
        + ".json")).contains("removed " + out.resolve("epoch-" + epoch + ".json"));
  }

  @Test
  void watch_followsTheEpochs_onePassPerPause() throws Exception {
    f.advanceTo(first + 50);
    Files.copy(f.keys.resolve("vrf.skey"), vrfDir.resolve("vrf.skey"));
    List<Duration> pauses = new ArrayList<>();
    long[] chain = {first + 170, first + ProducerFixture.EPOCH_LENGTH + 130};
    SchedulePublisher p = publisher(f.socket(), d -> {
      pauses.add(d);
      if (pauses.size() > chain.length) {
        throw new InterruptedException("stop");
      }
      f.advanceTo(chain[pauses.size() - 1]);
    });
    assertThat(p.watch()).isEqualTo(ExitCodes.OK);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(pauses).containsOnly(Duration.ofSeconds(60)).hasSize(3);
    // Epoch + 1 from the second pass, epoch + 2 (its nonce fixed at slot 120 of epoch + 1) from the third.
    assertThat(file(epoch + 1)).isEqualTo(printed(epoch + 1));
    assertThat(file(epoch + 2)).isEqualTo(printed(epoch + 2));
    assertThat(out.resolve("epoch-" + epoch + ".json")).doesNotExist();
  }

  @Test
  void aNodeThatDoesNotAnswer_isAskedAgainWithABackOff_onceGivesUp_watchDoesNot() {
    Path none = dir.resolve("no-node.socket");
    try {
      Files.copy(f.keys.resolve("vrf.skey"), vrfDir.resolve("vrf.skey"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    List<Duration> pauses = new ArrayList<>();
    SchedulePublisher once = publisher(none, pauses::add);
    assertThatThrownBy(once::once).isInstanceOf(ExitException.class)
        .satisfies(e -> assertThat(((ExitException) e).code()).isEqualTo(ExitCodes.UNAVAILABLE))
        .hasMessageContaining("no-node.socket");
    assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
        Duration.ofSeconds(16));

    List<Duration> watched = new ArrayList<>();
    SchedulePublisher watch = publisher(none, d -> {
      watched.add(d);
      if (watched.size() == 8) {
        throw new InterruptedException("stop");
      }
    });
    assertThat(watch.watch()).isEqualTo(ExitCodes.OK);
    Thread.interrupted();
    assertThat(watched).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
        Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60));
    assertThat(err.toString()).contains("asking the node failed").contains("again in 1m");
  }

  @Test
  void theCommand_publishesOnce_withThePoolIdFromTheCertificate_andChecksItsFlags() throws Exception {
    f.advanceTo(first + 170);
    CliRun run = CliRun.run("leader-schedule", "--out-dir", out.toString(), "--socket-path", f.socket().toString(),
        "--network", f.config.getParent().toString(), "--op-cert-file", f.keys.resolve("node.cert").toString(),
        "--vrf-signing-key-file", f.keys.resolve("vrf.skey").toString(), "--timezone", "UTC");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("wrote").contains("epoch-" + epoch + ".json");
    assertThat(file(epoch)).isEqualTo(printed(epoch));
    assertThat(file(epoch + 1)).isEqualTo(printed(epoch + 1));

    CliRun withEpoch = CliRun.run("leader-schedule", "--out-dir", out.toString(), "--epoch", "current",
        "--socket-path", f.socket().toString(), "--network", f.config.getParent().toString(), "--stake-pool-id",
        f.pool.hex(), "--vrf-signing-key-file", f.keys.resolve("vrf.skey").toString());
    assertThat(withEpoch.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    CliRun keyless = CliRun.run("leader-schedule", "--out-dir", out.toString(), "--socket-path",
        f.socket().toString(), "--network", f.config.getParent().toString(), "--stake-pool-id", f.pool.hex(),
        "--vrf-signing-key-file", vrfDir.resolve("vrf.skey").toString());
    assertThat(keyless.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(keyless.err()).contains("no VRF signing key");
    CliRun noEpoch = CliRun.run("leader-schedule", "--socket-path", f.socket().toString());
    assertThat(noEpoch.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noEpoch.err()).contains("--epoch is needed");
  }
}
