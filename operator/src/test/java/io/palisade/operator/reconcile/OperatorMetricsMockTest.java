package io.palisade.operator.reconcile;

import static io.palisade.operator.reconcile.SlotLedgerMockTest.BP_POD;
import static io.palisade.operator.reconcile.SlotLedgerMockTest.READY;
import static io.palisade.operator.reconcile.SlotLedgerMockTest.SLOT_AHEAD;
import static io.palisade.operator.reconcile.SlotLedgerMockTest.reading;
import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.control.MaintenancePolicy;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.model.SlotBook;
import io.palisade.operator.model.SlotsView;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.PoolEdits;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.operator.testing.TestPools;
import io.palisade.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's {@code GET /metrics} on the mock cluster: a StakePool's ledger, as its passes write it into
 * {@code status.slots}, under the control plane's series ({@code palisade_pool_leader_slots{pool,epoch,verdict}},
 * every verdict present, and {@code palisade_pool_next_leader_slot_seconds{pool}} at the scrape's time); a value the
 * ledger does not know is left out; a deleted StakePool's series go with it. The clock is stopped and moved by hand
 * across one leader slot, as in {@link SlotLedgerMockTest}, with a fake agent whose adopted counter moves over it.
 */
class OperatorMetricsMockTest {
  static final Pattern NEXT = Pattern.compile("palisade_pool_next_leader_slot_seconds\\{pool=\"" + NAME
      + "\"} ([0-9.E]+)\n");

  MockCluster cluster;
  KubernetesClient client;
  MutableClock clock;
  ChainClock chain;
  final AtomicReference<AgentReading> agent = new AtomicReference<>(AgentReading.NONE);
  PoolOperator operator;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    // Stopped in the middle of the real time's epoch, so the test's leader slot is in the current epoch.
    ChainClock real = new ChainClock(PublishedSchedules.GENESIS, Clock.systemUTC());
    long epoch = real.epochOf(real.currentSlot());
    clock = MutableClock.stoppedAt(real.startOfSlot((real.firstSlotOfEpoch(epoch)
        + real.firstSlotOfEpoch(epoch + 1)) / 2));
    chain = new ChainClock(PublishedSchedules.GENESIS, clock);
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    cluster.track(new FakeStatefulSetController(client, NAMESPACE));
    ProducerAgents agents = (c, pod, port) -> BP_POD.equals(pod.getMetadata().getName()) ? agent.get()
        : AgentReading.NONE;
    // Tracked after the controller: closed (its /metrics server with it) before the mock server.
    operator = cluster.track(PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos)
        .withMaintenance(MaintenancePolicy.DEFAULT).withAgents(agents).withMetricsPort(0)));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aJudgedLeaderSlot_isOnMetrics_underTheControlPlanesSeries_untilItsStakePoolIsDeleted() throws Exception {
    assertThat(scrape()).doesNotContain("palisade_pool_");
    agent.set(reading("SYNCED", true, 5, 0));
    client.resource(TestPools.stakePool()).create();
    // Ready: the operator made the pool's objects, the hot-key Secret among them.
    await().atMost(READY).untilAsserted(() -> {
      StakePool p = pool();
      assertThat(p.getStatus()).isNotNull();
      assertThat(p.getStatus().conditions).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo(StatusBuilder.READY);
        assertThat(c.getStatus()).isEqualTo("True");
      });
    });
    PoolEdits.giveHotKeys(client);

    // A leader slot to come: its epoch by verdict (none decided yet) and the seconds to it at the scrape's time.
    long slot = chain.slotAt(clock.instant().plus(SLOT_AHEAD));
    long epoch = chain.epochOf(slot);
    PublishedSchedules.publish(client, clock, slot);
    await().atMost(READY).untilAsserted(() -> {
      SlotsView l = ledger();
      assertThat(l).isNotNull();
      assertThat(l.nextLeaderSlot).isNotNull().satisfies(n -> assertThat(n.slot).isEqualTo(slot));
      assertThat(l.lastReading).isNotNull();
      assertThat(l.lastReading.counters).containsEntry("Forge_adopted", 5L);
    });
    String before = scrape();
    assertThat(before)
        .contains(series(epoch, "adopted") + " 0\n")
        .contains("palisade_pool_leader_slots_scheduled{pool=\"" + NAME + "\",epoch=\"" + epoch + "\"} 1\n")
        .contains("palisade_pool_leader_slots_undecided{pool=\"" + NAME + "\",epoch=\"" + epoch + "\"} 1\n");
    Matcher next = NEXT.matcher(before);
    assertThat(next.find()).as("next leader slot seconds in:\n%s", before).isTrue();
    assertThat(Double.parseDouble(next.group(1)))
        .isEqualTo(Duration.between(clock.instant(), chain.startOfSlot(slot)).toMillis() / 1000.0);

    // Forged and adopted: the adopted counter moves over the slot.
    clock.set(chain.startOfSlot(slot).plusMillis(500));
    agent.set(reading("SYNCED", true, 6, 0));
    clock.set(chain.startOfSlot(slot + 1).plus(SlotBook.GRACE).plusSeconds(5));
    await().atMost(READY).untilAsserted(() -> assertThat(scrape())
        .contains(series(epoch, "adopted") + " 1\n")
        .contains("palisade_pool_leader_slots_undecided{pool=\"" + NAME + "\",epoch=\"" + epoch + "\"} 0\n"));
    String after = scrape();
    for (String verdict : new String[] {"lost_slot_battle", "lost_height_battle", "missed_node_down",
        "missed_not_synced", "missed_kes_invalid", "missed_future_block", "missed_palisade_action", "unknown"}) {
      assertThat(after).contains(series(epoch, verdict) + " 0\n");
    }
    // No leader slot to come in the current epoch: the seconds to the next one are unknown, not 0.
    assertThat(after).doesNotContain("palisade_pool_next_leader_slot_seconds{");
    // The ledger has no previous epoch: none of its series, rather than zeros.
    assertThat(after).doesNotContain("epoch=\"" + (epoch - 1) + "\"");

    client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).delete();
    await().atMost(READY).untilAsserted(() -> assertThat(scrape()).doesNotContain("pool=\"" + NAME + "\""));
  }

  static String series(long epoch, String verdict) {
    return "palisade_pool_leader_slots{pool=\"" + NAME + "\",epoch=\"" + epoch + "\",verdict=\"" + verdict + "\"}";
  }

  /** GET /metrics, which must answer 200 in the text format. */
  String scrape() throws Exception {
    int port = operator.metricsAddress().orElseThrow().getPort();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    return r.body();
  }

  SlotsView ledger() {
    StakePool p = pool();
    return p == null || p.getStatus() == null ? null : p.getStatus().slots;
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }
}
