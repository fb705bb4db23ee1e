package io.palisade.operator.k8s;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static io.palisade.operator.testing.TestPools.V1;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.LeaderSlot;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.SlotOutcome;
import io.palisade.operator.model.SlotsView;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.TestPools;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statuses the happy path rarely shows, written straight into the mock API server (no operator runs): a rollout in
 * progress, a failed version, an expiring operational certificate, a StakePool the operator has not seen yet.
 */
class KubernetesGatewayStatusTest {
  MockCluster cluster;
  StakePool pool;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    pool = cluster.client().resource(TestPools.stakePool()).create();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  KubernetesGateway gateway() {
    return new KubernetesGateway(cluster.client(), KubernetesGatewaySettings.of(NAMESPACE, NAME)
        .withNodeImages(Map.of("10.5.5", TestPools.image("10.5.5"), "10.6.0", TestPools.image("10.6.0"))),
        Clock.systemUTC());
  }

  void status(StakePoolStatus s) {
    StakePool live = cluster.client().resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
    live.setStatus(s);
    cluster.client().resource(live).updateStatus();
  }

  static StakePoolStatus.NodeView node(String name, String role, boolean ready, String podVersion) {
    StakePoolStatus.NodeView n = new StakePoolStatus.NodeView();
    n.name = name;
    n.role = role;
    n.region = role.equals("RELAY") ? "region-a" : null;
    n.pod = name + "-0";
    n.version = V1;
    n.podVersion = podVersion;
    n.ready = ready;
    n.admitted = true;
    n.phase = "RUNNING";
    n.reason = ready ? null : "readiness probe /readyz: not synced";
    return n;
  }

  @Test
  void noStatusYet_isConnected_andSaysTheOperatorHasNotReported() {
    PoolSnapshot s = gateway().snapshot();
    assertThat(s.connected()).isTrue();
    assertThat(s.nodes()).isEmpty();
    assertThat(s.recentEvents().get(0).message()).contains("is 'palisade operator' running?");
  }

  @Test
  void theBanner_theNextLeaderSlot_andWhatWaitsForAWindow_comeFromTheStatus() {
    StakePoolStatus s = new StakePoolStatus();
    s.poolVersion = V1;
    s.targetVersion = V1;
    s.nodes = List.of(node("block-producer", "BLOCK_PRODUCER", true, V1));
    s.maintenance = new StakePoolStatus.MaintenanceView();
    s.maintenance.schedule = "published by 'palisade leader-schedule' for epoch 612";
    s.maintenance.scheduleKnown = true;
    s.maintenance.nextLeaderSlot = new StakePoolStatus.LeaderSlotView();
    s.maintenance.nextLeaderSlot.slot = 52_877_200L;
    s.maintenance.nextLeaderSlot.at = "2026-12-03T20:00:00Z";
    StakePoolStatus.EpochCountView epoch = new StakePoolStatus.EpochCountView();
    epoch.epoch = 612L;
    epoch.leaderSlots = 7;
    epoch.toCome = 3;
    s.maintenance.epochs = List.of(epoch);
    StakePoolStatus.WaitView wait = new StakePoolStatus.WaitView();
    wait.action = "RESTART";
    wait.node = "block-producer";
    wait.message = "waiting for a free window: next leader slot in 3m12s, window opens at 2026-12-03T20:00:30Z";
    wait.opensAt = "2026-12-03T20:00:30Z";
    wait.needsOperator = true;
    StakePoolStatus.WaitView hostile = new StakePoolStatus.WaitView();
    hostile.opensAt = "not a time";
    s.maintenance.waiting = List.of(wait, hostile);
    status(s);

    PoolSnapshot snap = gateway().snapshot();
    assertThat(snap.pool().name()).isEqualTo(pool.getSpec().name);
    assertThat(snap.pool().network()).isEqualTo(pool.getSpec().network);
    assertThat(snap.pool().poolId()).isEmpty(); // in the hot-key Secret, which a view does not read
    LeaderSlots slots = snap.leaderSlots();
    assertThat(slots.nextLeaderSlot()).contains(Instant.parse("2026-12-03T20:00:00Z"));
    assertThat(slots.scheduleKnown()).isTrue();
    assertThat(slots.known()).isFalse(); // counts, not each slot's verdict
    assertThat(slots.unknownWhy()).contains("epoch 612: 7 leader slots, 3 to come", "schedule: published");
    assertThat(slots.waiting()).hasSize(2);
    assertThat(slots.waiting().get(0).description()).isEqualTo("restart block-producer: " + wait.message);
    assertThat(slots.waiting().get(0).windowOpensAt()).contains(Instant.parse("2026-12-03T20:00:30Z"));
    assertThat(slots.waiting().get(1).windowOpensAt()).isEmpty();
    assertThat(slots.needsOperator()).isTrue();

    s.maintenance = null;
    status(s);
    assertThat(gateway().snapshot().leaderSlots().unknownWhy()).contains("status.maintenance is empty");
  }

  // The slot strip: the current epoch of status.slots, each slot's verdict (the gateway mirrors the names) and why;
  // a slot to come is pending; a verdict this console does not know shows as unknown, never hidden.
  @Test
  void theSlotStrip_comesFromTheSlotLedger() {
    StakePoolStatus s = new StakePoolStatus();
    s.poolVersion = V1;
    s.nodes = List.of(node("block-producer", "BLOCK_PRODUCER", true, V1));
    s.maintenance = new StakePoolStatus.MaintenanceView();
    s.maintenance.nextLeaderSlot = new StakePoolStatus.LeaderSlotView();
    s.maintenance.nextLeaderSlot.at = "2026-12-03T20:00:00Z";
    SlotsView ledger = new SlotsView();
    SlotsView.EpochView previous = new SlotsView.EpochView();
    previous.epoch = 611L;
    previous.slots = List.of(slot(100L, "ADOPTED", "forged and adopted"));
    SlotsView.EpochView current = new SlotsView.EpochView();
    current.epoch = 612L;
    current.scheduleKnown = true;
    current.slots = List.of(slot(200L, "MISSED_PALISADE_ACTION", "Palisade's action NodeUpgrading ..."),
        slot(300L, "LOST_SLOT_BATTLE", "forged, another pool's block in the slot won"),
        slot(400L, "A_VERDICT_FROM_THE_FUTURE", "?"), slot(500L, null, null));
    ledger.epochs = List.of(previous, current);
    s.slots = ledger;
    status(s);

    LeaderSlots slots = gateway().snapshot().leaderSlots();
    assertThat(slots.known()).isTrue();
    assertThat(slots.epoch()).hasValue(612L);
    assertThat(slots.scheduleKnown()).isTrue();
    assertThat(slots.slots()).extracting(LeaderSlot::slot, LeaderSlot::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple(200L, SlotOutcome.MISSED_PALISADE_ACTION),
        org.assertj.core.groups.Tuple.tuple(300L, SlotOutcome.LOST_SLOT_BATTLE),
        org.assertj.core.groups.Tuple.tuple(400L, SlotOutcome.UNKNOWN),
        org.assertj.core.groups.Tuple.tuple(500L, SlotOutcome.PENDING));
    assertThat(slots.slots().get(0).why()).startsWith("Palisade's action NodeUpgrading");
    assertThat(slots.slots().get(0).at()).contains(Instant.parse("2026-12-03T20:00:00Z"));
    assertThat(slots.slots().get(3).why()).isEmpty();
    assertThat(slots.nextLeaderSlot()).contains(Instant.parse("2026-12-03T20:00:00Z"));
  }

  static SlotsView.SlotView slot(long slot, String verdict, String because) {
    SlotsView.SlotView v = new SlotsView.SlotView();
    v.slot = slot;
    v.at = "2026-12-03T20:00:00Z";
    v.verdict = verdict;
    v.because = because;
    return v;
  }

  @Test
  void theProducerPanel_comesFromStatusProducer_theLeaseTheOperatorHolds() {
    StakePoolStatus s = new StakePoolStatus();
    s.poolVersion = V1;
    s.nodes = List.of(node("block-producer", "BLOCK_PRODUCER", true, V1), node("relay-a-0", "RELAY", true, V1));
    status(s);
    assertThat(gateway().snapshot().producer().known()).isFalse();

    s.producer = new StakePoolStatus.ProducerView();
    s.producer.holder = "block-producer-standby";
    s.producer.standby = "block-producer";
    s.producer.token = 4L;
    s.producer.since = "2026-12-03T19:00:00Z";
    s.producer.phase = "Holding";
    status(s);
    var lease = gateway().snapshot().producer();
    assertThat(lease.known()).isTrue();
    assertThat(lease.holder()).isEqualTo("block-producer-standby");
    assertThat(lease.token()).isEqualTo(4);
    assertThat(lease.since()).contains(Instant.parse("2026-12-03T19:00:00Z"));
    assertThat(lease.handover()).isEmpty();

    s.producer.phase = "Refused";
    s.producer.reason = "block-producer is neither confirmed keyless nor gone";
    s.producer.since = "edited by hand";
    status(s);
    lease = gateway().snapshot().producer();
    assertThat(lease.handover()).isEqualTo("Refused: block-producer is neither confirmed keyless nor gone");
    assertThat(lease.since()).isEmpty();
  }

  @Test
  void atQueueTime_theGatewayRefusesWhatItWouldRefuseWhenTheActionRuns_changingNothing() {
    status(new StakePoolStatus()); // the operator has not reported the nodes yet
    KubernetesGateway gateway = gateway();
    assertThat(gateway.refusal(new PoolAction.RemoveRelay("relay-region-a-0"))).hasValueSatisfying(r ->
        assertThat(r).contains("has not reported on StakePool"));
    assertThat(gateway.refusal(new PoolAction.DeleteVolume("nobody"))).hasValueSatisfying(r ->
        assertThat(r).contains("no node named nobody"));
    assertThat(gateway.refusal(new PoolAction.RotateKeys(KeyRole.COLD, ""))).hasValueSatisfying(r ->
        assertThat(r).startsWith("the cold key never enters the cluster"));
    assertThat(gateway.refusal(new PoolAction.RotateKeys(KeyRole.KES, ""))).hasValueSatisfying(r ->
        assertThat(r).contains("no hot-key bundle"));
    assertThat(gateway.refusal(new PoolAction.RevokeKeys(KeyRole.COLD, "lost"))).isPresent();
    assertThat(gateway.refusal(new PoolAction.RevokeKeys(KeyRole.KES, "lost"))).isEmpty();
    assertThat(gateway.refusal(new PoolAction.DeletePool())).isEmpty();
    assertThat(gateway.refusal(new PoolAction.Upgrade("10.6.0"))).isEmpty();
    // The same words as the refusal when it runs.
    assertThat(gateway.execute(new PoolAction.RotateKeys(KeyRole.COLD, "")).message())
        .isEqualTo("refused: " + gateway.refusal(new PoolAction.RotateKeys(KeyRole.COLD, "")).orElseThrow());
    assertThat(pool().getSpec().relays.get(0).count).isEqualTo(pool.getSpec().relays.get(0).count);

    cluster.client().resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).delete();
    assertThat(gateway.refusal(new PoolAction.DeletePool())).hasValueSatisfying(r ->
        assertThat(r).contains("no StakePool " + NAMESPACE + "/" + NAME));
  }

  @Test
  void aRolloutInProgress_isShown_andAnotherUpgradeWaitsForIt() {
    StakePoolStatus s = new StakePoolStatus();
    s.poolVersion = V1;
    s.targetVersion = "10.5.4";
    s.nodes = List.of(node("block-producer", "BLOCK_PRODUCER", true, V1),
        node("relay-region-a", "RELAY", false, "10.5.4"));
    s.rollout = new StakePoolStatus.RolloutView();
    s.rollout.from = V1;
    s.rollout.to = "10.5.4";
    s.rollout.phase = "UPGRADING";
    s.rollout.current = "relay-region-a";
    s.rollout.order = List.of("relay-region-a", "block-producer");
    s.rollout.done = List.of();
    s.rollout.waitingFor = "relay-region-a to be ready on 10.5.4";
    status(s);

    KubernetesGateway gateway = gateway();
    PoolSnapshot snap = gateway.snapshot();
    assertThat(snap.rollout()).hasValueSatisfying(r -> {
      assertThat(r.targetVersion()).isEqualTo("10.5.4");
      assertThat(r.state()).isEqualTo("UPGRADING");
      assertThat(r.nodesDone()).isZero();
      assertThat(r.nodesTotal()).isEqualTo(2);
      assertThat(r.currentNode()).isEqualTo("relay-region-a");
      assertThat(r.message()).contains("to be ready on 10.5.4");
      assertThat(r.order()).containsExactly("relay-region-a", "block-producer"); // the console draws its steps
      assertThat(r.done()).isEmpty();
    });
    assertThat(snap.node("relay-region-a").orElseThrow().state()).isEqualTo(NodeState.DEGRADED);
    assertThat(snap.node("relay-region-a").orElseThrow().reasons())
        .anySatisfy(r -> assertThat(r).contains("not synced"))
        .anySatisfy(r -> assertThat(r).contains("its pod runs 10.5.4, it should run " + V1));

    ActionResult r = gateway.execute(new PoolAction.Upgrade("10.6.0"));
    assertThat(r.ok()).isFalse();
    assertThat(r.message()).contains("a rollout to 10.5.4 is in progress");
    assertThat(pool().getSpec().node.version).isEqualTo(V1);
  }

  @Test
  void aFailedVersion_isShown_andRefusedUntilRetriedThroughApply() {
    StakePoolStatus s = new StakePoolStatus();
    s.poolVersion = V1;
    s.targetVersion = V1;
    s.nodes = List.of(node("block-producer", "BLOCK_PRODUCER", true, V1), node("relay-region-a-0", "RELAY", true, V1),
        node("relay-region-a-1", "RELAY", true, V1), node("relay-region-b-0", "RELAY", true, V1));
    StakePoolStatus.FailedVersionView f = new StakePoolStatus.FailedVersionView();
    f.version = "10.5.5";
    f.node = "relay-region-a-1";
    f.reason = "was not ready on 10.5.5 within 10s";
    s.failedVersions = List.of(f);
    s.conditions = List.of(new ConditionBuilder().withType("KESExpiring").withStatus("True")
        .withReason("KesExpiresSoon").withMessage("the operational certificate expires in 3 KES periods")
        .withLastTransitionTime("2026-01-01T00:00:00Z").build());
    status(s);

    KubernetesGateway gateway = gateway();
    PoolSnapshot snap = gateway.snapshot();
    assertThat(snap.rollout()).hasValueSatisfying(r -> {
      assertThat(r.state()).isEqualTo("failed");
      assertThat(r.message()).contains("10.5.5 failed on relay-region-a-1");
    });
    assertThat(snap.node("block-producer").orElseThrow().state()).isEqualTo(NodeState.DEGRADED);
    assertThat(snap.node("block-producer").orElseThrow().reasons())
        .contains("KES: the operational certificate expires in 3 KES periods");
    assertThat(snap.recentEvents()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("KESExpiring"));

    ActionResult r = gateway.execute(new PoolAction.Upgrade("10.5.5"));
    assertThat(r.ok()).isFalse();
    assertThat(r.message()).contains("failed a rollout on relay-region-a-1")
        .contains("palisade k8s apply pool.yaml --retry");
    assertThat(pool().getSpec().node.version).isEqualTo(V1);

    ActionResult good = gateway.execute(new PoolAction.Upgrade("10.6.0"));
    assertThat(good.ok()).as(good.message()).isTrue();
    assertThat(pool().getSpec().node.version).isEqualTo("10.6.0");
    assertThat(pool().getSpec().node.image).isEqualTo(TestPools.image("10.6.0"));
  }

  StakePool pool() {
    return cluster.client().resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }
}
