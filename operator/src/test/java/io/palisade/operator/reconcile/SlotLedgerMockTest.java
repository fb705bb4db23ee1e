package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static io.palisade.operator.testing.TestPools.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.slots.ForgeCounters;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slot ledger on the mock cluster, with a stopped clock the test moves across leader slots and a fake agent on
 * the block producer whose state and forge counters the test sets: the status gets, slot by slot, adopted (the
 * adopted counter +1), lost slot battle (didn't-adopt +1), missed: node down (the agent reads DOWN) with a Warning
 * event, and missed: during a Palisade action (a restart asked with palisade.io/restart of a producer that is not
 * ready, which the gate never delays, over the slot); a new operator on the same status keeps every verdict.
 */
class SlotLedgerMockTest {
  static final Duration READY = Duration.ofSeconds(60);
  static final String BP = "block-producer";
  static final String BP_POD = "block-producer-0";
  static final Duration SLOT_AHEAD = Duration.ofMinutes(2);

  MockCluster cluster;
  KubernetesClient client;
  FakeStatefulSetController statefulSets;
  /** Stopped in the middle of the real time's epoch, so every slot of the test is in one epoch. */
  MutableClock clock;
  ChainClock chain;
  final AtomicReference<AgentReading> agent = new AtomicReference<>(AgentReading.NONE);
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
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  PoolOperator startOperator() {
    ProducerAgents agents = (c, pod, port) -> BP_POD.equals(pod.getMetadata().getName()) ? agent.get()
        : AgentReading.NONE;
    return cluster.track(PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos)
        .withMaintenance(MaintenancePolicy.DEFAULT).withAgents(agents)));
  }

  static AgentReading reading(String state, boolean ready, long adopted, long didntAdopt) {
    return new AgentReading(ForgingReading.ON, "SYNCED".equals(state), state, ready,
        ready ? List.of() : List.of("readiness: not ready: the node is " + state.toLowerCase()),
        new ForgeCounters(adopted, didntAdopt, 0L, 0L, 0L, adopted + didntAdopt));
  }

  @Test
  void readingsAcrossLeaderSlots_giveEachSlotItsVerdict_andANewOperatorKeepsThem() {
    operator = startOperator();
    agent.set(reading("SYNCED", true, 5, 0));
    client.resource(TestPools.stakePool()).create();
    awaitReady();
    PoolEdits.giveHotKeys(client);

    // Adopted: the adopted counter moves by one across the slot.
    long adopted = publishLeaderSlotIn(SLOT_AHEAD);
    awaitBracketed(adopted, 5);
    intoTheSlot(adopted);
    agent.set(reading("SYNCED", true, 6, 0));
    pastTheSlot(adopted);
    SlotsView.SlotView a = awaitVerdict(adopted);
    assertThat(a.verdict).isEqualTo("ADOPTED");
    assertThat(a.because).isEqualTo("forged and adopted (Forge_adopted +1, Forge_node_is_leader +1)");
    assertThat(a.condition).isEqualTo("FORGING");

    // Lost slot battle: forged, another pool's block won (didn't-adopt +1).
    long lost = publishLeaderSlotIn(SLOT_AHEAD);
    awaitBracketed(lost, 6);
    intoTheSlot(lost);
    agent.set(reading("SYNCED", true, 6, 1));
    pastTheSlot(lost);
    assertThat(awaitVerdict(lost).verdict).isEqualTo("LOST_SLOT_BATTLE");

    // Node down: the agent reads DOWN over the slot (the kubelet's business, not Palisade's).
    long down = publishLeaderSlotIn(SLOT_AHEAD);
    awaitBracketed(down, 6);
    agent.set(reading("DOWN", false, 6, 1));
    await().atMost(READY).untilAsserted(() -> assertThat(ledger().timeline).last()
        .satisfies(c -> assertThat(c.condition).isEqualTo("DOWN")));
    pastTheSlot(down);
    SlotsView.SlotView d = awaitVerdict(down);
    assertThat(d.verdict).isEqualTo("MISSED_NODE_DOWN");
    assertThat(d.because).startsWith("the block producer was down: state: DOWN, not ready");
    Event missed = awaitEvent("LeaderSlotMissed", "leader slot " + down + " ");
    assertThat(missed.getType()).isEqualTo("Warning");
    assertThat(missed.getMessage()).contains("missed: node down");

    // During a Palisade action: a restart asked for a producer that is not ready runs at once (nothing to protect);
    // the slot falls inside it while the producer is still down.
    long action = publishLeaderSlotIn(SLOT_AHEAD);
    statefulSets.neverReady = (pod, version) -> BP_POD.equals(pod);
    String uid = client.pods().inNamespace(NAMESPACE).withName(BP_POD).get().getMetadata().getUid();
    PoolEdits.annotate(client, StakePool.ANNOTATION_RESTART, BP);
    await().atMost(READY).untilAsserted(() -> assertThat(ledger().actions).anySatisfy(x -> {
      assertThat(x.what).startsWith("NodeRestartRequested " + BP);
      assertThat(x.affectsForging).isTrue();
      assertThat(x.until).isNull();
    }));
    await().atMost(READY).until(() -> {
      var p = client.pods().inNamespace(NAMESPACE).withName(BP_POD).get();
      return p == null || !uid.equals(p.getMetadata().getUid());
    });
    pastTheSlot(action);
    SlotsView.SlotView x = awaitVerdict(action);
    assertThat(x.verdict).isEqualTo("MISSED_PALISADE_ACTION");
    assertThat(x.because).startsWith("Palisade's action NodeRestartRequested " + BP);
    assertThat(ledger().summary).startsWith("epoch " + chain.epochOf(action) + ": 4 scheduled, 1 adopted,"
        + " 1 lost slot battle, 2 missed (");

    // A new operator on the same status: every verdict as it was, and the ledger goes on (the producer back).
    Map<Long, String> before = verdicts();
    operator.close();
    statefulSets.neverReady = (pod, version) -> false;
    agent.set(reading("SYNCED", true, 0, 0));
    operator = startOperator();
    await().atMost(READY.plus(MockCluster.WATCH_CLOSE_STALL)).untilAsserted(() -> assertThat(ledger().timeline)
        .last().satisfies(c -> assertThat(c.condition).isEqualTo("FORGING")));
    assertThat(verdicts()).isEqualTo(before).hasSize(4);
    assertThat(pool().getStatus().slots.epochs).last().satisfies(e -> {
      assertThat(e.counts).containsEntry("ADOPTED", 1).containsEntry("LOST_SLOT_BATTLE", 1)
          .containsEntry("MISSED_NODE_DOWN", 1).containsEntry("MISSED_PALISADE_ACTION", 1);
      assertThat(e.pending).isZero();
    });
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  /** Publishes one leader slot about {@code ahead} from now, as the producer's schedule publisher would. */
  long publishLeaderSlotIn(Duration ahead) {
    long slot = chain.slotAt(clock.instant().plus(ahead));
    PublishedSchedules.publish(client, clock, slot);
    return slot;
  }

  /** Waits until the ledger knows the slot and a pass read the producer's counters before it. */
  void awaitBracketed(long slot, long adoptedBefore) {
    await().atMost(READY).untilAsserted(() -> {
      SlotsView l = ledger();
      assertThat(l.nextLeaderSlot).isNotNull().satisfies(n -> assertThat(n.slot).isEqualTo(slot));
      assertThat(l.lastReading).isNotNull();
      assertThat(l.lastReading.counters).containsEntry("Forge_adopted", adoptedBefore);
    });
  }

  /** Into the slot: the passes now wait for it to end (its counters are not read as a bracket meanwhile). */
  void intoTheSlot(long slot) {
    clock.set(chain.startOfSlot(slot).plusMillis(500));
  }

  void pastTheSlot(long slot) {
    clock.set(chain.startOfSlot(slot + 1).plus(SlotBook.GRACE).plusSeconds(5));
  }

  SlotsView.SlotView awaitVerdict(long slot) {
    return await().atMost(READY).until(() -> slotView(slot), s -> s != null && s.verdict != null);
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

  Event awaitEvent(String reason, String text) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NAMESPACE).list()
        .getItems().stream().filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(text)).findFirst()
        .orElse(null), e -> e != null);
  }
}
