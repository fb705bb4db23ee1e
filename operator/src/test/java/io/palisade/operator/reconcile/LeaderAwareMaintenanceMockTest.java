package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static io.palisade.operator.testing.TestPools.V1;
import static io.palisade.operator.testing.TestPools.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.MaintenancePolicy;
import io.palisade.operator.k8s.ConflictRetry;
import io.palisade.operator.model.PodObservations;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.PoolEdits;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.operator.testing.TestPools;
import io.palisade.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leader-aware maintenance on the mock cluster, with a clock the test moves forward: the block producer's partition
 * step and its restart wait for a free window between its leader slots (published in the pool's leader-schedule
 * Secret, as the producer's schedule publisher writes it), then run after the slot; relays are not delayed; an unknown
 * schedule makes the producer's step wait, and a wait past the limit is flagged for an operator, never forced.
 */
class LeaderAwareMaintenanceMockTest {
  static final Duration READY = Duration.ofSeconds(60);
  static final String BP = "block-producer";
  static final String BP_POD = "block-producer-0";
  static final String B0 = "relay-region-b-0";
  /** Far enough ahead that a 6-minute window (5 minutes expected + 1 of margin) always holds it. */
  static final Duration SLOT_AHEAD = Duration.ofMinutes(2);

  MockCluster cluster;
  KubernetesClient client;
  FakeStatefulSetController statefulSets;
  MutableClock clock = new MutableClock();
  GenesisParameters genesis = PublishedSchedules.GENESIS;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    statefulSets = cluster.track(new FakeStatefulSetController(client, NAMESPACE));
  }

  void startOperator(MaintenancePolicy policy) {
    cluster.track(PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos).withMaintenance(policy)));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  // The upgrade reaches the block producer two minutes before one of its leader slots: its partition step waits (the
  // relays' steps did not), the status and an event say so, and once the clock is past the slot the step runs.
  @Test
  void producerPartitionStep_requestedJustBeforeALeaderSlot_waits_andRunsAfterIt() {
    startOperator(MaintenancePolicy.DEFAULT);
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    PoolEdits.giveHotKeys(client);
    long slot = publishLeaderSlotIn(SLOT_AHEAD);
    Instant slotEnd = chain().startOfSlot(slot + 1);

    editSpec(V2);
    await().atMost(READY).untilAsserted(() -> {
      StakePoolStatus s = pool().getStatus();
      assertThat(s.rollout).isNotNull();
      assertThat(s.rollout.done).containsExactly("relay-region-a-1", "relay-region-a-0", B0);
      assertThat(s.rollout.waitingFor).startsWith("waiting for a free window before the upgrade of " + BP
          + ": next leader slot " + slot);
      assertThat(s.maintenance.waiting).singleElement().satisfies(w -> {
        assertThat(w.action).isEqualTo("UPGRADE_STEP");
        assertThat(w.message).matches("waiting for a free window: next leader slot in [0-9ms]+, window opens at "
            + slotEnd);
        assertThat(w.opensAt).isEqualTo(slotEnd.toString());
        assertThat(w.needsOperator).isFalse();
      });
      assertThat(s.maintenance.nextLeaderSlot.slot).isEqualTo(slot);
      assertThat(s.maintenance.expectedRestartToForging).isEqualTo("PT5M");
      assertThat(s.maintenance.epochs).first().satisfies(e -> assertThat(e.leaderSlots).isEqualTo(1));
    });
    assertThat(PodObservations.versionOf(pod(BP_POD))).hasToString(V1);
    awaitEvent("RolloutWaiting", "free window");
    int measured = pool().getStatus().maintenance.restartSamples.size(); // the producer's first start counts too
    // A restart asked for meanwhile waits for the same window, and is answered by the step (one new pod, not two).
    annotateRestart(BP);
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.waiting)
        .extracting(w -> w.action).containsExactly("UPGRADE_STEP", "RESTART"));
    int logged = statefulSets.log().size();

    clock.advance(SLOT_AHEAD.plusSeconds(30));
    awaitReady(V2);
    assertThat(PodObservations.versionOf(pod(BP_POD))).hasToString(V2);
    awaitEvent("NodeRestartRequested", "done by the rollout step");
    assertThat(annotations()).doesNotContainKey(StakePool.ANNOTATION_RESTART);
    assertThat(statefulSets.log().subList(logged, statefulSets.log().size()))
        .filteredOn(l -> l.contains(BP_POD)).doesNotContain("deleted-by-others " + BP_POD + " " + V1)
        .containsOnlyOnce("create " + BP_POD + " " + V2);
    Event upgrading = awaitEvent("NodeUpgrading", BP + ": upgrading " + BP);
    assertThat(Instant.parse(upgrading.getFirstTimestamp())).isAfterOrEqualTo(slotEnd);
    assertThat(pool().getStatus().maintenance.waiting).isNull();
    // The step was timed from the restart to the new pod's readiness: one more measured sample.
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.restartSamples)
        .hasSize(measured + 1));
  }

  // A restart of a relay runs at once, even just before a leader slot; the block producer's restart waits for the
  // slot to pass (its pod is not touched), then its pod is replaced and the annotation removed.
  @Test
  void restart_ofTheProducer_waitsForTheLeaderSlot_aRelayIsNotDelayed() {
    startOperator(MaintenancePolicy.DEFAULT);
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    PoolEdits.giveHotKeys(client);
    long slot = publishLeaderSlotIn(SLOT_AHEAD);
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.nextLeaderSlot)
        .isNotNull().satisfies(n -> assertThat(n.slot).isEqualTo(slot)));
    int measured = pool().getStatus().maintenance.restartSamples.size();

    String relayUid = pod(B0).getMetadata().getUid();
    annotateRestart(B0);
    await().atMost(READY).untilAsserted(() -> {
      Pod p = pod(B0);
      assertThat(p).isNotNull();
      assertThat(p.getMetadata().getUid()).isNotEqualTo(relayUid);
      assertThat(annotations()).doesNotContainKey(StakePool.ANNOTATION_RESTART);
    });
    awaitEvent("NodeRestartRequested", B0 + ": restarting " + B0);

    String bpUid = pod(BP_POD).getMetadata().getUid();
    annotateRestart(BP);
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.waiting).singleElement()
        .satisfies(w -> {
          assertThat(w.action).isEqualTo("RESTART");
          assertThat(w.message).startsWith("waiting for a free window: next leader slot in ");
        }));
    awaitEvent("MaintenanceWaiting", "waiting for a free window before the restart of " + BP);
    assertThat(pod(BP_POD).getMetadata().getUid()).isEqualTo(bpUid);
    assertThat(annotations()).containsEntry(StakePool.ANNOTATION_RESTART, BP);

    clock.advance(SLOT_AHEAD.plusSeconds(30));
    await().atMost(READY).untilAsserted(() -> {
      Pod p = pod(BP_POD);
      assertThat(p).isNotNull();
      assertThat(p.getMetadata().getUid()).isNotEqualTo(bpUid);
      assertThat(annotations()).doesNotContainKey(StakePool.ANNOTATION_RESTART);
    });
    awaitEvent("NodeRestartRequested", "in a free window: no leader slot before");
    await().atMost(READY).untilAsserted(() -> {
      StakePoolStatus.MaintenanceView m = pool().getStatus().maintenance;
      assertThat(m.waiting).isNull();
      assertThat(m.restartSamples).hasSize(measured + 1);
      assertThat(m.restartPendingSince).isNull();
    });
  }

  // Keys installed but no schedule published: the relays are upgraded, the producer's step waits ("not known far
  // enough ahead"), and once it has waited past the limit the status says an operator must decide; it is not forced.
  // A schedule published later lets it run.
  @Test
  void unknownSchedule_producerWaits_pastTheLimitItNeedsAnOperator_neverForced() {
    startOperator(MaintenancePolicy.DEFAULT.withMaxWait(Duration.ofMinutes(1)));
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    PoolEdits.giveHotKeys(client);

    editSpec(V2);
    await().atMost(READY).untilAsserted(() -> {
      StakePoolStatus s = pool().getStatus();
      assertThat(s.rollout).isNotNull();
      assertThat(s.rollout.done).hasSize(3);
      assertThat(s.maintenance.scheduleKnown).isFalse();
      assertThat(s.maintenance.schedule).startsWith("unknown: no leader schedule is published in the Secret "
          + NAME + "-leader-schedule");
      assertThat(s.maintenance.waiting).singleElement().satisfies(w -> {
        assertThat(w.message).isEqualTo("waiting for a free window: the leader schedule is not known far enough"
            + " ahead yet");
        assertThat(w.needsOperator).isFalse();
      });
    });

    clock.advance(Duration.ofMinutes(2));
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.waiting).singleElement()
        .satisfies(w -> {
          assertThat(w.needsOperator).isTrue();
          assertThat(w.message).endsWith("(waiting longer than the limit of PT1M: it needs an operator)");
        }));
    assertThat(PodObservations.versionOf(pod(BP_POD))).hasToString(V1);
    assertThat(pool().getStatus().poolVersion).isEqualTo(V1);

    PublishedSchedules.publish(client, clock, null);
    awaitReady(V2);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  ChainClock chain() {
    return new ChainClock(genesis, clock);
  }

  /** Publishes, as the producer's schedule publisher would, one leader slot about {@code ahead} from now. */
  long publishLeaderSlotIn(Duration ahead) {
    long slot = chain().slotAt(clock.instant().plus(ahead));
    PublishedSchedules.publish(client, clock, slot);
    return slot;
  }

  void annotateRestart(String node) {
    PoolEdits.annotate(client, StakePool.ANNOTATION_RESTART, node);
  }

  Map<String, String> annotations() {
    Map<String, String> a = pool().getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }

  void editSpec(String version) {
    ConflictRetry.run(() -> client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).edit(p -> {
      p.setSpec(TestPools.atVersion(p.getSpec(), version));
      return p;
    }));
  }

  void awaitReady(String version) {
    await().atMost(READY).untilAsserted(() -> {
      StakePool p = pool();
      assertThat(p.getStatus()).isNotNull();
      assertThat(condition(p, StatusBuilder.READY).getStatus()).as("%s", p.getStatus().conditions).isEqualTo("True");
      assertThat(p.getStatus().poolVersion).isEqualTo(version);
    });
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  static Condition condition(StakePool p, String type) {
    return p.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  /** The first event with {@code reason} whose message contains {@code text} (events follow the status: waited for). */
  Event awaitEvent(String reason, String text) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> events().stream()
        .filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(text)).findFirst().orElse(null),
        e -> e != null);
  }

  List<Event> events() {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems();
  }
}
