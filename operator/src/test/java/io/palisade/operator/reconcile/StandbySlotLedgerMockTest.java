package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.operator.model.ProducerLeaseRecord;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.model.SlotBook;
import io.palisade.operator.model.SlotsView;
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
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slot ledger of a pool with a standby on the mock cluster: a stopped clock the test moves across leader slots,
 * and fake agents on both producers whose state and forge counters the test sets (forging as {@link ForgingWatch}
 * judges it: a Ready pod with credentials; an agent's producer readiness asks for forging). Every slot has the two
 * producers' counters move differently, so a ledger that read the wrong producer gives another verdict: before the
 * switchover the holder's adopted +1 decides (the standby's jump says nothing); a slot during the switchover the
 * annotation asked for, the new holder not forging yet, is missed during Palisade's action (the former holder's
 * adopted +1 says nothing); after the move the new holder's adopted +1 decides (the former holder's didn't-adopt
 * says nothing); the holder lost over a slot (self-healing, not Palisade's action) is missed: node down, then the
 * failover moves the lease back; a new operator keeps every verdict.
 */
class StandbySlotLedgerMockTest {
  static final Duration WAIT = Duration.ofSeconds(60).plus(MockCluster.WATCH_CLOSE_STALL);
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";
  static final Duration FAILOVER_AFTER = Duration.ofSeconds(10);
  static final Duration SLOT_AHEAD = Duration.ofMinutes(2);

  /** What a producer's fake agent reports beside forging: its node's health state and its forge counters. */
  record Fake(String state, long adopted, long didntAdopt) {}

  MockCluster cluster;
  KubernetesClient client;
  FakeStatefulSetController statefulSets;
  ForgingWatch watch;
  /** Stopped in the middle of the real time's epoch, so every slot of the test is in one epoch. */
  MutableClock clock;
  ChainClock chain;
  final Map<String, Fake> agents = new ConcurrentHashMap<>();
  PoolOperator operator;

  @BeforeEach
  void start() {
    ChainClock real = new ChainClock(PublishedSchedules.GENESIS, Clock.systemUTC());
    long epoch = real.epochOf(real.currentSlot());
    long middle = (real.firstSlotOfEpoch(epoch) + real.firstSlotOfEpoch(epoch + 1)) / 2;
    clock = MutableClock.stoppedAt(real.startOfSlot(middle));
    chain = new ChainClock(PublishedSchedules.GENESIS, clock);
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    statefulSets = cluster.track(new FakeStatefulSetController(client, NAMESPACE));
    watch = cluster.track(new ForgingWatch(client, NAMESPACE, NAME, Set.of(BP, STANDBY)));
    agents.put(BP, new Fake("SYNCED", 5, 0));
    agents.put(STANDBY, new Fake("SYNCED", 0, 0));
  }

  @AfterEach
  void stop() {
    cluster.close();
    assertThat(watch.violations()).isEmpty();
  }

  PoolOperator startOperator() {
    ProducerAgents forging = watch.agents();
    ProducerAgents agent = (c, pod, port) -> {
      AgentReading base = forging.read(c, pod, port);
      String node = pod.getMetadata().getName().substring(0, pod.getMetadata().getName().length() - 2);
      Fake f = agents.get(node);
      if (base == AgentReading.NONE || f == null) {
        return AgentReading.NONE;
      }
      boolean synced = "SYNCED".equals(f.state());
      boolean ready = synced && base.forging() == ForgingReading.ON;
      List<String> reasons = ready ? List.of() : List.of(!synced
          ? "readiness: not ready: the node is " + f.state().toLowerCase(Locale.ROOT)
          : "readiness: not ready: not forging (forging_enabled is not 1)");
      return new AgentReading(base.forging(), synced, f.state(), ready, reasons,
          new ForgeCounters(f.adopted(), f.didntAdopt(), 0L, 0L, 0L, f.adopted() + f.didntAdopt()));
    };
    return cluster.track(PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos)
        .withMaintenance(MaintenancePolicy.DEFAULT).withAgents(agent)));
  }

  @Test
  void theLedgerFollowsTheLeaseHolder_acrossASwitchoverAndAFailover_andANewOperatorKeepsIt() {
    operator = startOperator();
    client.resource(PoolEdits.withStandby(STANDBY, "10s")).create();
    PoolEdits.placeHotKeys(client, WAIT);
    settle(BP, 1);

    // 1. The holder's adopted +1 decides its slot; the standby's adopted counter jumping says nothing (read, it
    // would be three blocks for one slot: ambiguous, and no adopted verdict).
    long before = publishLeaderSlotIn(SLOT_AHEAD);
    awaitBracketed(before, BP, 5);
    intoTheSlot(before);
    agents.put(BP, new Fake("SYNCED", 6, 0));
    agents.put(STANDBY, new Fake("SYNCED", 3, 0));
    pastTheSlot(before);
    SlotsView.SlotView a = awaitVerdict(before);
    assertThat(a.verdict).isEqualTo("ADOPTED");
    assertThat(a.because).isEqualTo("forged and adopted (Forge_adopted +1, Forge_node_is_leader +1)");
    assertThat(a.condition).isEqualTo("FORGING");
    assertThat(a.actions).isNullOrEmpty();
    assertThat(ledger().producer).isEqualTo(BP);

    // 2. A switchover asked for, in the free window after that slot. The standby's node replays its ledger after the
    // restart that gives it the keys: the test holds it not synced, so the move is not over when the next slot
    // comes. The former holder's adopted counter moving over that slot (a fence that failed) explains nothing.
    agents.put(STANDBY, new Fake("SYNCING", 0, 0));
    PoolEdits.annotate(client, StakePool.ANNOTATION_SWITCHOVER, "requested");
    awaitHolder(STANDBY, 2);
    await().atMost(WAIT).untilAsserted(() -> assertThat(ledger().actions).anySatisfy(x -> {
      assertThat(x.what).startsWith("SwitchoverStarted " + BP + ": switchover from " + BP + " to " + STANDBY);
      assertThat(x.affectsForging).isTrue();
      assertThat(x.until).isNull();
    }));
    long during = publishLeaderSlotIn(Duration.ofSeconds(30));
    awaitBracketed(during, STANDBY, 0);
    intoTheSlot(during);
    agents.put(BP, new Fake("SYNCED", 7, 0));
    pastTheSlot(during);
    SlotsView.SlotView x = awaitVerdict(during);
    assertThat(x.verdict).isEqualTo("MISSED_PALISADE_ACTION");
    assertThat(x.because).startsWith("Palisade's action SwitchoverStarted " + BP + ": switchover from " + BP + " to "
        + STANDBY).contains("the block producer was not synced");
    assertThat(x.condition).isEqualTo("NOT_SYNCED");
    assertThat(x.forge).isNotEqualTo("ADOPTED");

    // 3. The new holder forging: the action ends; its adopted +1 decides its slot, the former holder's didn't-adopt
    // +1 says nothing (read, the slot would be a lost battle).
    agents.put(STANDBY, new Fake("SYNCED", 0, 0));
    await().atMost(WAIT).untilAsserted(() -> assertThat(ledger().actions)
        .filteredOn(v -> v.what.startsWith("SwitchoverStarted")).singleElement()
        .satisfies(v -> assertThat(v.until).isNotNull()));
    long after = publishLeaderSlotIn(SLOT_AHEAD);
    awaitBracketed(after, STANDBY, 0);
    intoTheSlot(after);
    agents.put(STANDBY, new Fake("SYNCED", 1, 0));
    agents.put(BP, new Fake("SYNCED", 7, 1));
    pastTheSlot(after);
    SlotsView.SlotView e = awaitVerdict(after);
    assertThat(e.verdict).isEqualTo("ADOPTED");
    assertThat(e.because).isEqualTo("forged and adopted (Forge_adopted +1, Forge_node_is_leader +1)");
    assertThat(e.condition).isEqualTo("FORGING");
    assertThat(ledger().producer).isEqualTo(STANDBY);

    // The holder lost over a slot (its pod deleted, its replacement down: the kubelet's business, not Palisade's):
    // missed: node down, while the former holder's adopted +1 says nothing; then the failover moves the lease back.
    long down = publishLeaderSlotIn(SLOT_AHEAD);
    awaitBracketed(down, STANDBY, 1);
    agents.put(STANDBY, new Fake("DOWN", 0, 0)); // its replacement's node counts from 0
    statefulSets.neverReady = (pod, version) -> pod.equals(STANDBY + "-0");
    client.pods().inNamespace(NAMESPACE).withName(STANDBY + "-0").delete();
    await().atMost(WAIT).untilAsserted(() -> assertThat(ledger().timeline).last()
        .satisfies(c -> assertThat(c.condition).isEqualTo("DOWN")));
    intoTheSlot(down);
    agents.put(BP, new Fake("SYNCED", 8, 1));
    pastTheSlot(down);
    SlotsView.SlotView d = awaitVerdict(down);
    assertThat(d.verdict).isEqualTo("MISSED_NODE_DOWN");
    assertThat(d.because).startsWith("the block producer was down");
    assertThat(d.actions).isNullOrEmpty();
    clock.advance(FAILOVER_AFTER.plusSeconds(1));
    awaitHolder(BP, 3);
    // The failover away from the lost holder heals the pool: not Palisade's action (docs/slots.md), as on a single
    // host; a slot it spans is judged on the condition.
    assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
        .anyMatch(ev -> "FailoverStarted".equals(ev.getReason()));
    assertThat(ledger().actions).noneMatch(v -> v.what.startsWith("FailoverStarted"));

    // 4. A new operator on the same status: every verdict as it was, and the ledger goes on with the holder.
    Map<Long, String> verdicts = verdicts();
    operator.close();
    statefulSets.neverReady = (pod, version) -> false;
    operator = startOperator();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(ledger().producer).isEqualTo(BP);
      assertThat(ledger().timeline).last().satisfies(c -> assertThat(c.condition).isEqualTo("FORGING"));
    });
    assertThat(verdicts()).isEqualTo(verdicts).hasSize(4);
    assertThat(ledger().epochs).last().satisfies(ep -> {
      assertThat(ep.counts).containsEntry("ADOPTED", 2).containsEntry("MISSED_PALISADE_ACTION", 1)
          .containsEntry("MISSED_NODE_DOWN", 1);
      assertThat(ep.pending).isZero();
    });
  }

  // An operator stopped after it wrote a move into the Lease, before it wrote the status (and so the move's event into
  // the ledger): the next operator finishes the move, and a slot during it is missed during Palisade's action all the
  // same, the action dated from the Lease's record of the move. The ledger used to learn of a move from its starting
  // event alone, which the next operator never emits: the slot read "missed: not synced".
  @Test
  void aMoveANewOperatorResumes_isPalisadesActionAllTheSame() {
    operator = startOperator();
    client.resource(PoolEdits.withStandby(STANDBY, "10s")).create();
    PoolEdits.placeHotKeys(client, WAIT);
    settle(BP, 1);
    operator.close();
    agents.put(STANDBY, new Fake("SYNCING", 0, 0));
    Instant started = clock.instant();
    Lease l = client.leases().inNamespace(NAMESPACE).withName(NAME + "-producer").get();
    l.getMetadata().getAnnotations().put(ProducerLeaseRecord.ANNOTATION_HANDOVER, "SWITCHOVER " + BP + " " + STANDBY
        + " " + started);
    client.leases().inNamespace(NAMESPACE).resource(l).update();
    operator = startOperator();
    awaitHolder(STANDBY, 2);
    long during = publishLeaderSlotIn(Duration.ofSeconds(30));
    awaitBracketed(during, STANDBY, 0);
    intoTheSlot(during);
    agents.put(BP, new Fake("SYNCED", 6, 0));
    pastTheSlot(during);
    SlotsView.SlotView x = awaitVerdict(during);
    assertThat(x.verdict).as(x.because).isEqualTo("MISSED_PALISADE_ACTION");
    assertThat(x.because).startsWith("Palisade's action SwitchoverStarted " + BP + ": switchover from " + BP + " to "
        + STANDBY);
    assertThat(ledger().actions).filteredOn(v -> v.what.startsWith("SwitchoverStarted")).singleElement()
        .satisfies(v -> assertThat(v.since).isEqualTo(started.toString()));
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  long publishLeaderSlotIn(Duration ahead) {
    long slot = chain.slotAt(clock.instant().plus(ahead));
    PublishedSchedules.publish(client, clock, slot);
    return slot;
  }

  /** Waits until the ledger knows the slot and a pass read {@code node}'s running pod's counters before it. */
  void awaitBracketed(long slot, String node, long adoptedBefore) {
    await().atMost(WAIT).untilAsserted(() -> {
      SlotsView l = ledger();
      assertThat(l.nextLeaderSlot).isNotNull().satisfies(n -> assertThat(n.slot).isEqualTo(slot));
      assertThat(l.lastReading).isNotNull();
      assertThat(l.lastReading.node).isEqualTo(node);
      Pod pod = client.pods().inNamespace(NAMESPACE).withName(node + "-0").get();
      assertThat(pod).isNotNull();
      assertThat(l.lastReading.podUid).isEqualTo(pod.getMetadata().getUid());
      assertThat(l.lastReading.counters).containsEntry("Forge_adopted", adoptedBefore);
    });
  }

  void intoTheSlot(long slot) {
    clock.set(chain.startOfSlot(slot).plusMillis(500));
  }

  void pastTheSlot(long slot) {
    clock.set(chain.startOfSlot(slot + 1).plus(SlotBook.GRACE).plusSeconds(5));
  }

  SlotsView.SlotView awaitVerdict(long slot) {
    return await().atMost(WAIT).until(() -> slotView(slot), s -> s != null && s.verdict != null);
  }

  SlotsView.SlotView slotView(long slot) {
    SlotsView l = ledger();
    return l == null || l.epochs == null ? null : l.epochs.stream().flatMap(e -> e.slots.stream())
        .filter(s -> s.slot == slot).findFirst().orElse(null);
  }

  Map<Long, String> verdicts() {
    return ledger().epochs.stream().flatMap(e -> e.slots.stream()).filter(s -> s.verdict != null)
        .collect(Collectors.toMap(s -> s.slot, s -> s.verdict + " " + s.decidedAt + " " + s.because));
  }

  SlotsView ledger() {
    StakePool p = pool();
    return p == null || p.getStatus() == null ? null : p.getStatus().slots;
  }

  /** Waits until {@code holder} holds the lease with {@code token}, no move in progress, and was seen forging. */
  void settle(String holder, long token) {
    awaitHolder(holder, token);
    await().atMost(WAIT).until(() -> "true".equals(client.leases().inNamespace(NAMESPACE)
        .withName(NAME + "-producer").get().getMetadata().getAnnotations()
        .get(ProducerLeaseRecord.ANNOTATION_HOLDER_FORGED)));
  }

  void awaitHolder(String holder, long token) {
    await().atMost(WAIT).untilAsserted(() -> {
      StakePool p = pool();
      assertThat(p.getStatus()).isNotNull();
      StakePoolStatus.ProducerView v = p.getStatus().producer;
      assertThat(v).isNotNull();
      assertThat(v.holder).as(v.reason).isEqualTo(holder);
      assertThat(v.token).isEqualTo(token);
      assertThat(v.phase).isEqualTo("Holding");
    });
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }
}
