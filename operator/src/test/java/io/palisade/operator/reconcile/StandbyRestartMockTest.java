package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.control.MaintenancePolicy;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.ForgingWatch;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.PoolEdits;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restart asked for the standby producer ({@code palisade.io/restart=block-producer-standby}) while the block
 * producer holds the lease, two minutes before a leader slot: the standby forges nothing, so its pod is replaced at
 * once (it used to wait for a free window, as a producer that forges does), and the block producer's
 * restart-to-forging measurement is left alone (it used to start one on the block producer's pod, which is not
 * replaced: open until that producer's next restart, days later, whose learned time, and so every later window, would
 * be that long). The block producer's own restart, asked next, waits for the slot.
 */
class StandbyRestartMockTest {
  static final Duration WAIT = Duration.ofSeconds(60).plus(MockCluster.WATCH_CLOSE_STALL);
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";

  MockCluster cluster;
  KubernetesClient client;
  ForgingWatch watch;
  MutableClock clock;

  @BeforeEach
  void start() {
    ChainClock real = new ChainClock(PublishedSchedules.GENESIS, Clock.systemUTC());
    long epoch = real.epochOf(real.currentSlot());
    long middle = (real.firstSlotOfEpoch(epoch) + real.firstSlotOfEpoch(epoch + 1)) / 2;
    clock = MutableClock.stoppedAt(real.startOfSlot(middle));
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    cluster.track(new FakeStatefulSetController(client, NAMESPACE));
    watch = cluster.track(new ForgingWatch(client, NAMESPACE, NAME, Set.of(BP, STANDBY)));
  }

  @AfterEach
  void stop() {
    cluster.close();
    assertThat(watch.violations()).isEmpty();
  }

  @Test
  void restartingTheKeylessStandby_replacesItsPodAtOnce_andMeasuresNoRestartOfTheProducer() {
    // A leader slot two minutes ahead: no window for a producer that forges (it needs 5 minutes and a margin).
    startWithASlotTwoMinutesAhead();
    await().atMost(WAIT).untilAsserted(() -> {
      StakePoolStatus s = pool().getStatus();
      assertThat(s).isNotNull();
      assertThat(s.producer).isNotNull();
      assertThat(s.producer.holder).isEqualTo(BP);
      assertThat(s.maintenance).isNotNull();
      assertThat(s.maintenance.scheduleKnown).isTrue();
      // The producer's first start is a measurement too: it ends when the producer is seen forging.
      assertThat(s.maintenance.restartPendingSince).isNull();
      assertThat(s.maintenance.restartSamples).isNotEmpty();
      assertThat(pod(STANDBY)).isNotNull();
    });
    int samples = pool().getStatus().maintenance.restartSamples.size();
    String standbyUid = pod(STANDBY).getMetadata().getUid();
    String producerUid = pod(BP).getMetadata().getUid();

    PoolEdits.annotate(client, StakePool.ANNOTATION_RESTART, STANDBY);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(pool().getMetadata().getAnnotations()).doesNotContainKey(StakePool.ANNOTATION_RESTART);
      Pod p = pod(STANDBY);
      assertThat(p).isNotNull();
      assertThat(p.getMetadata().getUid()).isNotEqualTo(standbyUid);
    });
    // The pass's events are written after its deletions.
    await().atMost(WAIT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NAMESPACE).list()
        .getItems()).anyMatch(e -> "NodeRestartRequested".equals(e.getReason()) && e.getMessage().contains(
            "restarting " + STANDBY + " at the operator's request: it forges nothing (the lease is with " + BP
                + "), so it waits for no free window")));
    StakePoolStatus.MaintenanceView m = pool().getStatus().maintenance;
    assertThat(m.restartPendingSince).as("no restart of the producer is measured").isNull();
    assertThat(m.restartPendingPod).isNull();
    assertThat(m.restartSamples).hasSize(samples);
    assertThat(pod(BP).getMetadata().getUid()).isEqualTo(producerUid);

    PoolEdits.annotate(client, StakePool.ANNOTATION_RESTART, BP);
    await().atMost(WAIT).untilAsserted(() -> assertThat(pool().getStatus().maintenance.waiting).singleElement()
        .satisfies(w -> {
          assertThat(w.action).isEqualTo("RESTART");
          assertThat(w.message).startsWith("waiting for a free window: next leader slot in ");
        }));
    assertThat(pod(BP).getMetadata().getUid()).isEqualTo(producerUid);
    assertThat(pool().getMetadata().getAnnotations()).containsEntry(StakePool.ANNOTATION_RESTART, BP);
  }

  /**
   * A switchover two minutes before a leader slot waits for the slot: here a promotion restarts the promoted
   * producer's pod, so the move keeps the pool from forging for a restart's time (5 minutes and the margin by default),
   * not the 5 s of a SIGHUP the single host needs. Before, its window was sized for the SIGHUP and the switchover ran
   * at once, its promoted pod replaying across the slot.
   */
  @Test
  void aSwitchover_waitsForAWindowAsLongAsTheRestartOfThePromotedPod() {
    startWithASlotTwoMinutesAhead();
    await().atMost(WAIT).untilAsserted(() -> {
      StakePoolStatus s = pool().getStatus();
      assertThat(s).isNotNull();
      assertThat(s.producer).isNotNull();
      assertThat(s.maintenance).isNotNull();
      assertThat(s.maintenance.scheduleKnown).isTrue();
      assertThat(s.nodes).filteredOn(n -> n.name.equals(STANDBY)).singleElement()
          .satisfies(n -> assertThat(n.ready).isTrue());
    });

    PoolEdits.annotate(client, StakePool.ANNOTATION_SWITCHOVER, "requested");
    await().atMost(WAIT).untilAsserted(() -> {
      StakePoolStatus.ProducerView p = pool().getStatus().producer;
      assertThat(p.phase).isEqualTo("SwitchoverQueued");
      assertThat(p.reason).contains("waiting for a free window");
    });
    assertThat(pool().getStatus().producer.holder).isEqualTo(BP);
    assertThat(pool().getStatus().producer.token).isEqualTo(1L);

    // The slot passes: the switchover runs.
    clock.advance(Duration.ofMinutes(3));
    await().atMost(WAIT).untilAsserted(() -> {
      StakePoolStatus.ProducerView p = pool().getStatus().producer;
      assertThat(p.holder).isEqualTo(STANDBY);
      assertThat(p.token).isEqualTo(2L);
    });
  }

  /** The operator and the pool with its standby, the hot keys placed, one leader slot published two minutes ahead. */
  void startWithASlotTwoMinutesAhead() {
    cluster.track(PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos)
        .withMaintenance(MaintenancePolicy.DEFAULT).withAgents(watch.agents())));
    client.resource(PoolEdits.withStandby(STANDBY, "10s")).create();
    PoolEdits.placeHotKeys(client, WAIT);
    ChainClock chain = new ChainClock(PublishedSchedules.GENESIS, clock);
    PublishedSchedules.publish(client, clock, chain.slotAt(clock.instant().plus(Duration.ofMinutes(2))));
  }

  Pod pod(String node) {
    return client.pods().inNamespace(NAMESPACE).withName(node + "-0").get();
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }
}
