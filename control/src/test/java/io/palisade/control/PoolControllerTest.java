package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.UpgradePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control logic on a fake clock with fake nodes. */
class PoolControllerTest {
  static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  static final NodeVersion V1 = NodeVersion.parse("10.5.3");
  static final NodeVersion V2 = NodeVersion.parse("10.6.0");
  static final HealingPolicy HEALING =
      new HealingPolicy(Duration.ofSeconds(4), Duration.ofSeconds(30), 4, Duration.ofSeconds(60));
  static final UpgradePolicy UPGRADE = new UpgradePolicy(Duration.ofSeconds(30), Duration.ofSeconds(5));

  static final NodeRef BP = new NodeRef("block-producer", NodeRole.BLOCK_PRODUCER, null, 0);
  static final NodeRef A0 = new NodeRef("relay-a-0", NodeRole.RELAY, "a", 0);
  static final NodeRef B0 = new NodeRef("relay-b-0", NodeRole.RELAY, "b", 0);
  static final NodeRef A1 = new NodeRef("relay-a-1", NodeRole.RELAY, "a", 1);

  static DesiredPool pool(NodeRef... nodes) {
    return new DesiredPool("demo", List.of(nodes), V1, UPGRADE);
  }

  static ControlSim healthyPool(NodeRef... nodes) {
    ControlSim sim = new ControlSim(pool(nodes), HEALING, T0);
    sim.runUntil(ControlSim::allReady, Duration.ofMinutes(1));
    sim.runFor(Duration.ofSeconds(2));
    return sim;
  }

  @Test
  void newPool_setsEveryTopologyFirst_thenStartsEveryNode() {
    Decision d = new PoolController(HEALING).decide(pool(BP, A0, B0), Map.of(), null, T0);

    assertThat(d.actions()).extracting(a -> a.getClass().getSimpleName() + " " + a.nodeName()).containsExactly(
        "SetTopology block-producer", "SetTopology relay-a-0", "SetTopology relay-b-0",
        "StartNode block-producer", "StartNode relay-a-0", "StartNode relay-b-0");
    assertThat(((Action.SetTopology) d.actions().get(0)).peers()).containsExactly("relay-a-0", "relay-b-0");
    assertThat(((Action.SetTopology) d.actions().get(1)).peers()).containsExactly("block-producer", "relay-b-0");
    assertThat(d.events()).extracting(ControlEvent::reason).containsOnly("NodeStarted");
    assertThat(d.state().members()).allMatch(m -> m.phase() == MemberState.Phase.RUNNING);
  }

  @Test
  void healthyPool_noActions() {
    ControlSim sim = healthyPool(BP, A0, B0);
    assertThat(sim.pass().actions()).isEmpty();
  }

  @Test
  void deadRelay_restartedAtOnce_thenWithGrowingBackoff_thenFailedAndLeftStopped() {
    ControlSim sim = healthyPool(BP, A0, B0);
    List<Instant> restarts = new ArrayList<>();
    sim.nodes.node("relay-a-0").running = false;
    for (int i = 0; i < 120; i++) {
      Decision d = sim.pass();
      d.actions().stream().filter(a -> a.nodeName().equals("relay-a-0") && !(a instanceof Action.StopNode))
          .forEach(a -> restarts.add(sim.now().minus(sim.tick)));
      // It dies again as soon as it starts.
      sim.nodes.node("relay-a-0").running = false;
    }
    // Failure 1: at once; 2: +4 s; 3: +8 s; failure 4 gives up.
    assertThat(restarts).hasSize(3);
    assertThat(Duration.between(restarts.get(0), restarts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    assertThat(Duration.between(restarts.get(1), restarts.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
    MemberState a0 = sim.state.member("relay-a-0").orElseThrow();
    assertThat(a0.phase()).isEqualTo(MemberState.Phase.FAILED);
    assertThat(a0.lastFailure()).contains("failed 4 times in a row").contains("process not running");
    assertThat(sim.reasons()).containsSubsequence("NodeRestarted", "NodeRestartScheduled", "NodeRestarted",
        "NodeRestartScheduled", "NodeRestarted", "NodeFailed");
    assertThat(sim.reasons().stream().filter("NodeFailed"::equals)).hasSize(1);
  }

  @Test
  void hungNode_isRestartedNotJustStarted() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.node("relay-b-0").hung = true;
    Decision d = sim.pass();
    assertThat(d.actions()).singleElement().isInstanceOf(Action.RestartNode.class)
        .extracting(Action::nodeName).isEqualTo("relay-b-0");
    assertThat(d.events()).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("NodeRestarted");
      assertThat(e.message()).contains("not live: metrics do not answer");
    });
    sim.runUntil(ControlSim::allReady, Duration.ofSeconds(30));
  }

  @Test
  void staleObservation_fromBeforeTheRestart_isIgnored() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.node("relay-a-0").running = false;
    Map<String, NodeObservation> before = sim.nodes.observe();
    Decision restart = sim.pass();
    assertThat(restart.actions()).hasSize(1);
    // The same "down" observation again, made before the restart: no second failure.
    Decision again = sim.controller.decide(sim.desired, before, sim.state, sim.now());
    assertThat(again.actions()).isEmpty();
    assertThat(again.state().member("relay-a-0").orElseThrow().consecutiveFailures()).isEqualTo(1);
  }

  // issue 17: a self-healed node's last word was "NodeRestarted" (a warning) until NodeRecovered a minute later.
  @Test
  void aSelfHealedNode_isSaidReadyAgain_asSoonAsItIs() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.node("relay-a-0").running = false;
    sim.pass();
    sim.runUntil(ControlSim::allReady, Duration.ofSeconds(30));
    sim.pass();
    List<ControlEvent> onA0 = sim.events.stream().filter(e -> "relay-a-0".equals(e.node())).toList();
    ControlEvent last = onA0.get(onA0.size() - 1);
    assertThat(last.reason()).isEqualTo("NodeReadyAgain");
    assertThat(last.severity()).isEqualTo(ControlEvent.Severity.Normal);
    assertThat(last.message()).isEqualTo("relay-a-0 is ready again (failure 1 of 4; the count starts over once it"
        + " stays ready for 60s)");
    // Once only: staying ready says nothing more until the count starts over.
    sim.runFor(Duration.ofSeconds(20));
    assertThat(sim.reasons().stream().filter("NodeReadyAgain"::equals)).hasSize(1);
    // A node that was merely starting, never failed, gets no such event.
    assertThat(sim.events).filteredOn(e -> "NodeReadyAgain".equals(e.reason())).extracting(ControlEvent::node)
        .containsOnly("relay-a-0");
  }

  @Test
  void failureCount_startsOverAfterStayingReady() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.node("relay-a-0").running = false;
    sim.pass();
    assertThat(sim.state.member("relay-a-0").orElseThrow().consecutiveFailures()).isEqualTo(1);
    sim.runFor(Duration.ofSeconds(70));
    assertThat(sim.state.member("relay-a-0").orElseThrow().consecutiveFailures()).isZero();
    assertThat(sim.reasons()).contains("NodeRecovered");
  }

  @Test
  void upgrade_walksRelaysRegionByRegion_blockProducerLast_oneAtATime_withHold() {
    ControlSim sim = healthyPool(BP, A0, B0, A1);
    sim.nodes.calls.clear();
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> s.state.rollout() == null && s.state.poolVersion().equals(V2), Duration.ofMinutes(5));

    assertThat(sim.nodes.calls).containsExactly(
        "restart relay-a-0 10.6.0", "restart relay-a-1 10.6.0", "restart relay-b-0 10.6.0",
        "restart block-producer 10.6.0");
    assertThat(sim.nodes.nodes.values()).allMatch(n -> n.version.equals(V2));
    // Each next restart came after the previous node was ready (5 s) and held (5 s).
    List<Instant> upgrades = sim.events.stream().filter(e -> e.reason().equals("NodeUpgrading"))
        .map(ControlEvent::time).toList();
    for (int i = 1; i < upgrades.size(); i++) {
      assertThat(Duration.between(upgrades.get(i - 1), upgrades.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
    RolloutRecord record = sim.state.history().get(0);
    assertThat(record.outcome()).isEqualTo(RolloutRecord.Outcome.SUCCEEDED);
    assertThat(record.upgraded()).containsExactly("relay-a-0", "relay-a-1", "relay-b-0", "block-producer");
    assertThat(sim.reasons()).containsSubsequence("RolloutStarted", "NodeUpgrading", "NodeReady", "NodeUpgraded",
        "RolloutSucceeded");
  }

  @Test
  void upgrade_toVersionThatNeverGetsReady_rollsBack_marksFailed_andNeverRetries() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.neverReady = (n, v) -> v.equals(V2);
    sim.nodes.calls.clear();
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> !s.state.history().isEmpty(), Duration.ofMinutes(5));

    assertThat(sim.nodes.calls).containsExactly("restart relay-a-0 10.6.0", "restart relay-a-0 10.5.3");
    RolloutRecord record = sim.state.history().get(0);
    assertThat(record.outcome()).isEqualTo(RolloutRecord.Outcome.ROLLED_BACK);
    assertThat(record.message()).contains("relay-a-0 was not ready on 10.6.0 within 30s").contains("syncing");
    assertThat(sim.state.failure(V2)).hasValueSatisfying(f -> assertThat(f.node()).isEqualTo("relay-a-0"));
    assertThat(sim.state.poolVersion()).isEqualTo(V1);
    assertThat(sim.state.members()).allMatch(m -> m.version().equals(V1));

    // The desired version still says V2: nothing more happens, and no event repeats.
    sim.runUntil(ControlSim::allReady, Duration.ofSeconds(30));
    int events = sim.events.size();
    sim.nodes.calls.clear();
    sim.runFor(Duration.ofMinutes(10));
    assertThat(sim.nodes.calls).isEmpty();
    assertThat(sim.events).hasSize(events);
    assertThat(sim.nodes.nodes.values()).allMatch(n -> n.version.equals(V1) && n.running);
  }

  @Test
  void retryAfterExplicitRequest_rollsOutAgain() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.neverReady = (n, v) -> v.equals(V2);
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> !s.state.history().isEmpty(), Duration.ofMinutes(5));
    sim.runUntil(ControlSim::allReady, Duration.ofSeconds(30));

    sim.nodes.neverReady = (n, v) -> false;
    sim.state = sim.state.withoutFailure(V2);
    sim.runUntil(s -> s.state.poolVersion().equals(V2), Duration.ofMinutes(5));
    assertThat(sim.state.history()).extracting(RolloutRecord::outcome)
        .containsExactly(RolloutRecord.Outcome.ROLLED_BACK, RolloutRecord.Outcome.SUCCEEDED);
  }

  @Test
  void upgrade_failingOnTheBlockProducer_restoresItThenTheRelaysInReverse() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.neverReady = (n, v) -> v.equals(V2) && n.equals("block-producer");
    sim.nodes.calls.clear();
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> !s.state.history().isEmpty(), Duration.ofMinutes(5));

    assertThat(sim.nodes.calls).containsExactly(
        "restart relay-a-0 10.6.0", "restart relay-b-0 10.6.0", "restart block-producer 10.6.0",
        "restart block-producer 10.5.3", "restart relay-b-0 10.5.3", "restart relay-a-0 10.5.3");
    assertThat(sim.state.members()).allMatch(m -> m.version().equals(V1));
    assertThat(sim.state.history().get(0).upgraded()).contains("block-producer", "relay-a-0", "relay-b-0");
  }

  @Test
  void upgrade_waitsRatherThanLeaveTheBlockProducerWithoutAReadyRelay() {
    ControlSim sim = healthyPool(BP, A0, B0);
    // relay-b-0 is down for good (never becomes ready once restarted).
    sim.nodes.neverReady = (n, v) -> n.equals("relay-b-0");
    sim.nodes.node("relay-b-0").running = false;
    sim.pass();
    sim.nodes.calls.clear();
    sim.desired = sim.desired.withVersion(V2);
    sim.runFor(Duration.ofMinutes(2));

    assertThat(sim.nodes.calls).noneMatch(c -> c.startsWith("restart relay-a-0"));
    assertThat(sim.events).anySatisfy(e -> {
      assertThat(e.reason()).isEqualTo("RolloutWaiting");
      assertThat(e.message()).contains("would leave the block producer without a ready relay");
    });
    // The waiting event is not repeated every pass.
    assertThat(sim.reasons().stream().filter("RolloutWaiting"::equals)).hasSize(1);

    // relay-b-0 recovers: the rollout proceeds.
    sim.nodes.neverReady = (n, v) -> false;
    sim.runUntil(s -> s.state.poolVersion().equals(V2), Duration.ofMinutes(5));
  }

  @Test
  void upgradedRelayGoingUnreadyWhileTheRolloutWaits_isRolledBackOnce() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.desired = sim.desired.withVersion(V2);
    // relay-a-0 is ready on V2 and holding; relay-b-0, next in line, stops being ready, so once relay-a-0 is done the
    // rollout waits for relay-b-0.
    sim.runUntil(s -> s.state.rollout() != null && s.state.rollout().readySince() != null, Duration.ofMinutes(2));
    assertThat(sim.state.rollout().current()).isEqualTo("relay-a-0");
    sim.nodes.neverReady = (n, v) -> n.equals("relay-b-0");
    sim.runUntil(s -> s.state.rollout().done().contains("relay-a-0"), Duration.ofMinutes(1));
    // Now relay-a-0, already upgraded, stops being ready too: after a step's deadline V2 is judged failed on it.
    sim.nodes.neverReady = (n, v) -> n.equals("relay-b-0") || n.equals("relay-a-0") && v.equals(V2);
    sim.nodes.calls.clear();
    sim.runUntil(s -> s.reasons().contains("RollbackStarted"), Duration.ofMinutes(2));
    sim.nodes.neverReady = (n, v) -> n.equals("relay-a-0") && v.equals(V2);
    sim.runUntil(s -> !s.state.history().isEmpty(), Duration.ofMinutes(5));

    assertThat(sim.state.history().get(0).outcome()).isEqualTo(RolloutRecord.Outcome.ROLLED_BACK);
    assertThat(sim.state.history().get(0).message()).contains("relay-a-0 runs 10.6.0 but has not been ready");
    // Restored once: the failed node heads the rollback queue and is not queued again as an upgraded node.
    assertThat(sim.nodes.calls).containsExactly("restart relay-a-0 10.5.3");
    assertThat(sim.events).filteredOn(e -> e.reason().equals("RollbackStarted")).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("rolling back relay-a-0 to"));
    sim.runUntil(ControlSim::allReady, Duration.ofSeconds(30));
    assertThat(sim.state.members()).allMatch(m -> m.version().equals(V1));
  }

  @Test
  void upgrade_waitsForTheNodeItselfToBeReadyFirst() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.node("relay-a-0").hung = true;
    sim.nodes.calls.clear();
    sim.desired = sim.desired.withVersion(V2);
    Decision d = sim.pass();
    // Self-healing restarts the hung node (V1); the rollout does not upgrade a node that is not ready.
    assertThat(d.actions()).singleElement().isEqualTo(
        new Action.RestartNode(A0, V1, "not live: metrics do not answer"));
    sim.runUntil(s -> s.state.poolVersion().equals(V2), Duration.ofMinutes(5));
  }

  @Test
  void crashLoopDuringUpgrade_failsTheStepBeforeTheDeadline() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.crashing.add(V2);
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> !s.state.history().isEmpty(), Duration.ofMinutes(5));
    assertThat(sim.state.history().get(0).message()).contains("relay-a-0 failed on 10.6.0");
    sim.runUntil(ControlSim::allReady, Duration.ofSeconds(30));
    assertThat(sim.state.member("relay-a-0").orElseThrow().phase()).isEqualTo(MemberState.Phase.RUNNING);
  }

  @Test
  void relayAdd_startsTheRelay_andListsItInTheBlockProducersTopologyOnlyOnceReady() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.desired = sim.desired.withRelayIn("a");
    Decision first = sim.pass();
    assertThat(first.actions()).extracting(a -> a.getClass().getSimpleName() + " " + a.nodeName())
        .containsExactly("SetTopology relay-a-1", "StartNode relay-a-1");
    assertThat(((Action.SetTopology) first.actions().get(0)).peers())
        .containsExactly("block-producer", "relay-a-0", "relay-b-0");
    assertThat(sim.nodes.peersOf("block-producer")).doesNotContain("relay-a-1");

    sim.runUntil(s -> s.state.relayAddition() == null, Duration.ofMinutes(1));
    sim.pass();
    assertThat(sim.nodes.peersOf("block-producer")).containsExactly("relay-a-0", "relay-b-0", "relay-a-1");
    assertThat(sim.nodes.peersOf("relay-b-0")).containsExactly("block-producer", "relay-a-0", "relay-a-1");
    assertThat(sim.reasons()).containsSubsequence("RelayAddStarted", "NodeStarted", "RelayAdded", "TopologyUpdated");
  }

  @Test
  void relayAdd_thatNeverGetsReady_isStoppedAndReported_neverInTheTopology() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.neverReady = (n, v) -> n.equals("relay-b-1");
    sim.desired = sim.desired.withRelayIn("b");
    sim.runFor(Duration.ofMinutes(2));
    MemberState added = sim.state.member("relay-b-1").orElseThrow();
    assertThat(added.phase()).isEqualTo(MemberState.Phase.FAILED);
    assertThat(added.admitted()).isFalse();
    assertThat(sim.nodes.node("relay-b-1").running).isFalse();
    assertThat(sim.nodes.peersOf("block-producer")).doesNotContain("relay-b-1");
    assertThat(sim.reasons()).contains("RelayAddFailed");
    assertThat(sim.state.relayAddition()).isNull();
  }

  @Test
  void relayAdd_waitsForARunningRollout() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.desired = sim.desired.withVersion(V2);
    sim.pass();
    sim.desired = sim.desired.withRelayIn("b");
    sim.pass();
    assertThat(sim.state.member("relay-b-1")).isEmpty();
    sim.runUntil(s -> s.state.poolVersion().equals(V2) && s.state.member("relay-b-1").isPresent(),
        Duration.ofMinutes(5));
    // The new relay runs the new pool version.
    assertThat(sim.state.member("relay-b-1").orElseThrow().version()).isEqualTo(V2);
  }

  @Test
  void operatorRestart_clearsFailed() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.crashing.add(V1);
    sim.runFor(Duration.ofMinutes(2));
    sim.nodes.crashing.clear();
    assertThat(sim.state.members()).allMatch(m -> m.phase() == MemberState.Phase.FAILED);

    Decision d = sim.controller.restartNode(sim.state, "relay-a-0", sim.now());
    assertThat(d.actions()).containsExactly(new Action.StartNode(A0, V1, "start requested by the operator"));
    sim.state = d.state();
    d.actions().forEach(a -> a.applyTo(sim.nodes));
    sim.runFor(Duration.ofSeconds(10));
    assertThat(sim.nodes.observe().get("relay-a-0").ready()).isTrue();
    assertThatThrownBy(() -> sim.controller.restartNode(sim.state, "nope", sim.now()))
        .hasMessageContaining("no node named nope");
  }

  @Test
  void stoppedState_startsEveryNodeAgainWithoutCountingFailures() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.nodes.values().forEach(n -> n.running = false);
    sim.state = sim.state.stopped();
    Decision d = sim.pass();
    assertThat(d.actions()).hasSize(3).allMatch(a -> a instanceof Action.StartNode);
    assertThat(d.state().members()).allMatch(m -> m.consecutiveFailures() == 0);
  }

  @Test
  void desiredPool_rejectsTwoBlockProducersAndDuplicateNames() {
    assertThatThrownBy(() -> pool(BP, BP)).hasMessageContaining("one block producer");
    NodeRef standby = new NodeRef("standby", NodeRole.BLOCK_PRODUCER, null, 1);
    assertThat(pool(BP, standby, A0).blockProducer()).as("a standby after the block producer").isEqualTo(BP);
    assertThatThrownBy(() -> pool(standby, A0)).hasMessageContaining("one block producer");
    assertThatThrownBy(() -> pool(BP, A0, A0)).hasMessageContaining("unique");
    assertThat(pool(BP, A0).withRelayIn("a").lastRelayIn("a")).isEqualTo(A1);
    assertThat(pool(BP, A0).withRelayIn("new").lastRelayIn("new").name()).isEqualTo("relay-new-0");
  }

  @Test
  void healingBackoff_doublesUpToTheMaximum() {
    HealingPolicy p = new HealingPolicy(Duration.ofSeconds(10), Duration.ofSeconds(45), 9, Duration.ofMinutes(1));
    assertThat(List.of(1, 2, 3, 4, 5).stream().map(p::backoffBefore).toList()).containsExactly(
        Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(45));
    assertThatThrownBy(() -> new HealingPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), 1, Duration.ZERO))
        .hasMessageContaining("backoff");
  }

  @Test
  void poolStoppedMidStep_resumesTheStepWithAFreshDeadline_andStillRollsBackABadVersion() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.neverReady = (n, v) -> v.equals(V2);
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> s.state.rollout() != null && s.state.rollout().phase() == RolloutState.Phase.UPGRADING,
        Duration.ofSeconds(10));
    // Stopped for an hour: every node down, then started again.
    sim.nodes.nodes.values().forEach(n -> n.running = false);
    sim.state = sim.state.stopped();
    assertThat(sim.state.rollout().phase()).isEqualTo(RolloutState.Phase.WAITING);
    sim.nodes.now = sim.nodes.now.plus(Duration.ofHours(1));
    Decision first = sim.pass();
    assertThat(first.events()).extracting(ControlEvent::reason).doesNotContain("VersionFailed");
    sim.runUntil(s -> !s.state.history().isEmpty(), Duration.ofMinutes(5));
    assertThat(sim.state.history().get(0).outcome()).isEqualTo(RolloutRecord.Outcome.ROLLED_BACK);
    sim.runUntil(ControlSim::allReady, Duration.ofSeconds(30));
    assertThat(sim.nodes.nodes.values()).allMatch(n -> n.version.equals(V1));
  }
}
