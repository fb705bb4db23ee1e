package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.control.ControlEvent;
import io.palisade.control.api.ProducerStatus;
import io.palisade.simnode.testing.ObserverScrape;
import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * The partition rounds of {@link StandbyProducerTest}, on its running pool: a producer cut off the network with the
 * simulated node's partition fault ({@code DATA/nodes/NODE/faults.json}), what the pool must do about it, the heal.
 */
final class PartitionRounds {
  private final LocalPool pool;
  private final Path data;
  private final Random random;

  /**
   * @param pool the running pool
   * @param data its data directory
   * @param random the test's seeded random (hold times, the action while the standby is cut off)
   */
  PartitionRounds(LocalPool pool, Path data, Random random) {
    this.pool = pool;
    this.data = data;
    this.random = random;
  }

  /**
   * The holder is cut off: the pool fails over within the bound, and the former holder is fenced (gone: it cannot
   * confirm it is keyless) before the standby is promoted.
   */
  void cutOffHolder_isFencedBeforeTheStandbyIsPromoted(ProducerStatus before, Instant start)
      throws InterruptedException {
    String from = before.holder();
    String to = before.standby();
    // The bound: failoverAfter (2 s) after the control plane judges it down (three scrapes that time out), the fence
    // timeout (15 s), then a pass; generous for a loaded machine.
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      ProducerStatus p = pool.status().producer();
      assertThat(p.holder()).as("failed over from the cut-off holder").isEqualTo(to);
      assertThat(p.token()).isGreaterThan(before.token());
      assertThat(p.handover()).isNull();
    });
    List<ControlEvent> round = pool.events(400).stream().filter(e -> !e.time().isBefore(start)).toList();
    int started = indexOf(round, "FailoverStarted", from);
    int fenced = indexOf(round, "ProducerFenced", from);
    int promoted = indexOf(round, "ProducerPromoted", to);
    assertThat(started).as("events: %s", round).isNotNegative();
    assertThat(fenced).as("fenced before promoted: %s", round).isGreaterThan(started).isLessThan(promoted);
    // Cut off, it never confirms it is keyless (its forging_enabled cannot be read): it must be gone.
    assertThat(round.get(fenced).message()).contains(from + " is gone");
    Thread.sleep(random.nextInt(3000)); // the fault lasts a random while longer: its duration, not a wait
  }

  /**
   * The standby is cut off: it is never promoted; a holder killed meanwhile is answered by {@code PromotionRefused}
   * with the reason, and comes back as the holder by self-healing.
   */
  void cutOffStandby_isNotPromoted(ProducerStatus before, Instant start) throws Exception {
    String standby = before.standby();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(pool.status().nodes()).filteredOn(n -> n.name().equals(standby)).singleElement()
            .satisfies(n -> assertThat(n.ready()).as("the control plane sees the cut-off standby").isFalse()));
    if (random.nextBoolean()) {
      long pid = pool.status().nodes().stream().filter(n -> n.name().equals(before.holder())).findFirst()
          .orElseThrow().pid();
      System.out.println("chaos: kill -9 " + before.holder() + " while " + standby + " is cut off");
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(pool.events(100)).filteredOn(e -> !e.time().isBefore(start))
              .anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("PromotionRefused");
                assertThat(e.message()).contains("not failing over from " + before.holder())
                    .contains(standby + " is not");
              }));
    } else {
      Thread.sleep(2000 + random.nextInt(4000)); // the fault's duration, not a wait
    }
    ProducerStatus p = pool.status().producer();
    assertThat(p.holder()).as("a cut-off standby is not promoted").isEqualTo(before.holder());
    assertThat(p.token()).isEqualTo(before.token());
  }

  /** Cuts a producer off the network, or heals it; the sampler's address stays reachable (its own host). */
  void partition(String node, boolean cut) throws IOException {
    AtomicFile.write(data.resolve("nodes/" + node + "/faults.json"), (cut ? "{\"partitioned\": true,"
        + " \"reachableFrom\": [\"" + ObserverScrape.OBSERVER + "\"]}" : "{}").getBytes(StandardCharsets.UTF_8),
        false);
  }

  static int indexOf(List<ControlEvent> events, String reason, String node) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).reason().equals(reason) && node.equals(events.get(i).node())) {
        return i;
      }
    }
    return -1;
  }

}
