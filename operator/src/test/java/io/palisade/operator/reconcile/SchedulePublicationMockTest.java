package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static io.palisade.operator.testing.TestPools.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.control.MaintenancePolicy;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.model.PublishedSchedule;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.ForgingWatch;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.PoolEdits;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.operator.testing.TestPools;
import io.palisade.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The schedule publisher on the mock cluster: the block producer's agent serves its sidecar's files (a fake agent
 * here, as the producer-lease tests use), the operator copies those it accepts into the pool's leader-schedule Secret
 * (and nothing from another pod, nothing malformed), says from which pod and when, rewrites nothing unchanged, and the
 * copied schedule then gates a restart of the producer like a schedule published by hand.
 */
class SchedulePublicationMockTest {
  static final Duration READY = Duration.ofSeconds(60);
  static final String BP = "block-producer";
  static final String BP_POD = "block-producer-0";
  static final Duration SLOT_AHEAD = Duration.ofMinutes(2);
  static final String STANDBY = "block-producer-standby";
  static final String STANDBY_POD = "block-producer-standby-0";
  static final Duration WAIT = Duration.ofSeconds(60).plus(MockCluster.WATCH_CLOSE_STALL);

  MockCluster cluster;
  KubernetesClient client;
  MutableClock clock = new MutableClock();
  /** What each pod's fake agent serves at /leader-schedule, by pod name. */
  final Map<String, Map<String, byte[]>> served = new ConcurrentHashMap<>();
  /** The pods whose schedule the operator asked for. */
  final Set<String> asked = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    cluster.track(new FakeStatefulSetController(client, NAMESPACE));
  }

  /** The operator, with fake agents serving {@link #served}; their {@code /status} from {@code status}. */
  void startOperator(ProducerAgents status) {
    ProducerAgents agents = new ProducerAgents() {
      @Override
      public AgentReading read(KubernetesClient c, Pod pod, int agentPort) {
        return status.read(c, pod, agentPort);
      }

      @Override
      public Map<String, byte[]> schedules(KubernetesClient c, Pod pod, int agentPort) {
        asked.add(pod.getMetadata().getName());
        return served.getOrDefault(pod.getMetadata().getName(), Map.of());
      }
    };
    cluster.track(PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos)
        .withMaintenance(MaintenancePolicy.DEFAULT).withAgents(agents)));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theProducersServedSchedule_endsUpInTheSecret_andGatesARestart() {
    startOperator((c, pod, port) -> AgentReading.NONE);
    client.resource(TestPools.stakePool()).create();
    awaitReady();
    ChainClock chain = new ChainClock(PublishedSchedules.GENESIS, clock);
    long current = chain.epochOf(chain.currentSlot());
    long slot = chain.slotAt(clock.instant().plus(SLOT_AHEAD));
    String currentKey = PublishedSchedule.key(current);
    String nextKey = PublishedSchedule.key(current + 1);
    byte[] currentFile = schedule(chain, current, slot, current);
    // The next epoch's file is malformed (another epoch's content): it is never copied.
    served.put(BP_POD, Map.of(currentKey, currentFile, nextKey, schedule(chain, current + 1, null, current + 7),
        PublishedSchedule.key(current - 3), schedule(chain, current - 3, null, current - 3)));
    // A relay's agent (or anything not the forging producer) is never read, whatever it serves.
    served.put("relay-region-a-0", Map.of(currentKey, schedule(chain, current, null, current)));

    // Without a VRF key the producer forges nothing: nothing is asked, nothing published.
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.schedule)
        .startsWith("the block producer has no VRF key"));
    assertThat(data()).isEmpty();

    PoolEdits.giveHotKeys(client);
    await().atMost(READY).untilAsserted(() -> assertThat(data()).containsOnlyKeys(currentKey));
    assertThat(data().get(currentKey)).isEqualTo(currentFile);
    assertThat(asked).containsExactly(BP_POD);
    Secret published = secret();
    assertThat(published.getMetadata().getAnnotations()).containsEntry(SchedulePublication.ANNOTATION_FROM, BP_POD)
        .containsKey(SchedulePublication.ANNOTATION_AT);
    Event event = awaitEvent("LeaderSchedulePublished", "epoch " + current + " in the Secret " + NAME
        + "-leader-schedule, as the agent of pod " + BP_POD);
    assertThat(event.getType()).isEqualTo("Normal");
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.schedule)
        .startsWith("published in the Secret " + NAME + "-leader-schedule")
        .contains("copied from the agent of pod " + BP_POD + " at "));

    // The copied schedule gates: a restart of the producer waits for the slot to pass.
    annotateRestart(BP);
    await().atMost(READY).untilAsserted(() -> {
      var m = pool().getStatus().maintenance;
      assertThat(m.nextLeaderSlot.slot).isEqualTo(slot);
      assertThat(m.waiting).extracting(w -> w.action).containsExactly("RESTART");
    });
    // Passes went on meanwhile; the unchanged files were not written again.
    assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(published.getMetadata().getResourceVersion());
    String uid = pod(BP_POD).getMetadata().getUid();

    clock.advance(SLOT_AHEAD.plusSeconds(30));
    awaitEvent("NodeRestartRequested", BP);
    await().atMost(READY).untilAsserted(() -> assertThat(pod(BP_POD)).isNotNull()
        .satisfies(p -> assertThat(p.getMetadata().getUid()).isNotEqualTo(uid)));

    // A new schedule served (the sidecar recomputed): the changed file is copied.
    byte[] noSlot = schedule(chain, current, null, current);
    served.put(BP_POD, Map.of(currentKey, noSlot));
    await().atMost(READY).untilAsserted(() -> assertThat(data().get(currentKey)).isEqualTo(noSlot));
  }

  // With a standby, only the lease holder's agent is read: the standby's files are never copied while it does not
  // hold the lease; after a switchover (in a free window of the published schedule) the new holder's are, and the
  // former holder is not asked any more.
  @Test
  void withAStandby_onlyTheLeaseHoldersScheduleIsPublished_andItFollowsTheLease() {
    ForgingWatch watch = cluster.track(new ForgingWatch(client, NAMESPACE, NAME, Set.of(BP, STANDBY)));
    startOperator(watch.agents());
    client.resource(PoolEdits.withStandby(STANDBY, "10s")).create();
    PoolEdits.placeHotKeys(client, WAIT);
    ChainClock chain = new ChainClock(PublishedSchedules.GENESIS, clock);
    long current = chain.epochOf(chain.currentSlot());
    String key = PublishedSchedule.key(current);
    String next = PublishedSchedule.key(current + 1);
    byte[] nextFile = schedule(chain, current + 1, null, current + 1);
    // Both sidecars computed something (a standby's cannot: it has no key; here it serves a different file, whose one
    // leader slot, the epoch's first, is past and so changes no window).
    byte[] holders = schedule(chain, current, null, current);
    byte[] standbys = schedule(chain, current, chain.firstSlotOfEpoch(current), current);
    served.put(BP_POD, Map.of(key, holders, next, nextFile));
    served.put(STANDBY_POD, Map.of(key, standbys, next, nextFile));

    await().atMost(WAIT).untilAsserted(() -> assertThat(data()).containsOnlyKeys(key, next)
        .hasEntrySatisfying(key, v -> assertThat(v).isEqualTo(holders)));
    assertThat(secret().getMetadata().getAnnotations()).containsEntry(SchedulePublication.ANNOTATION_FROM, BP_POD);
    assertThat(asked).doesNotContain(STANDBY_POD);

    annotateSwitchover();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(pool().getStatus().producer.holder).isEqualTo(STANDBY);
      assertThat(data().get(key)).isEqualTo(standbys);
      assertThat(secret().getMetadata().getAnnotations()).containsEntry(SchedulePublication.ANNOTATION_FROM,
          STANDBY_POD);
    });
    awaitEvent("LeaderSchedulePublished", "as the agent of pod " + STANDBY_POD);
    asked.clear();
    await().atMost(WAIT).until(() -> !asked.isEmpty());
    assertThat(asked).containsOnly(STANDBY_POD);
    assertThat(watch.violations()).isEmpty();
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  /** The fields of `leader-schedule --json` the operator reads; {@code claimed} the epoch the file says it is. */
  static byte[] schedule(ChainClock c, long epoch, Long leaderSlot, long claimed) {
    long first = c.firstSlotOfEpoch(epoch);
    String rows = leaderSlot == null ? "" : "{\"slot\":" + leaderSlot + ",\"slotInEpoch\":" + (leaderSlot - first)
        + "}";
    return ("{\"network\":\"preview\",\"source\":\"--socket-path /ipc/node.socket (/ipc/node.socket)\",\"epoch\":"
        + claimed + ",\"firstSlot\":" + first + ",\"epochLength\":" + (c.firstSlotOfEpoch(epoch + 1) - first)
        + ",\"leaderSlots\":[" + rows + "]}\n").getBytes(StandardCharsets.UTF_8);
  }

  void annotateSwitchover() {
    PoolEdits.annotate(client, StakePool.ANNOTATION_SWITCHOVER, "requested");
  }

  Secret secret() {
    return client.secrets().inNamespace(NAMESPACE).withName(NAME + "-leader-schedule").get();
  }

  Map<String, byte[]> data() {
    Secret s = secret();
    Map<String, byte[]> out = new HashMap<>();
    if (s != null && s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
    }
    return out;
  }


  void annotateRestart(String node) {
    PoolEdits.annotate(client, StakePool.ANNOTATION_RESTART, node);
  }

  void awaitReady() {
    await().atMost(READY).untilAsserted(() -> {
      StakePool p = pool();
      assertThat(p.getStatus()).isNotNull();
      Condition ready = p.getStatus().conditions.stream().filter(c -> c.getType().equals(StatusBuilder.READY))
          .findFirst().orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("True");
      assertThat(p.getStatus().poolVersion).isEqualTo(V1);
    });
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  Event awaitEvent(String reason, String text) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> events().stream()
        .filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(text)).findFirst().orElse(null),
        e -> e != null);
  }

  List<Event> events() {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems();
  }
}
