package io.palisade.control;

import static io.palisade.control.PoolControllerTest.A0;
import static io.palisade.control.PoolControllerTest.B0;
import static io.palisade.control.PoolControllerTest.BP;
import static io.palisade.control.PoolControllerTest.V1;
import static io.palisade.control.PoolControllerTest.V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rollout of a pool with a standby: the keyless producer first, forging moved, then the former holder. */
class ProducerHandoverStepTest {
  static final NodeRef SB = new NodeRef("block-producer-standby", NodeRole.BLOCK_PRODUCER, null, 1);

  static ControlSim standbyPool(String holder) {
    ControlSim sim = PoolControllerTest.healthyPool(BP, SB, A0, B0);
    sim.lease = new ForgingLease(holder, 1);
    return sim;
  }

  /** The restarts and moves the controller asked for, in order. */
  static List<String> steps(ControlSim sim) {
    return sim.nodes.calls.stream().filter(c -> c.startsWith("restart") || c.startsWith("move")).toList();
  }

  static void runToEnd(ControlSim sim) {
    sim.runUntil(s -> s.state.rollout() == null && !s.state.history().isEmpty(), Duration.ofMinutes(20));
  }

  /** A leader slot every 17 s; a producer step needs 15 s without one. */
  static LeaderCalendar everySeventeenSeconds(ControlSim sim) {
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Instant start = sim.now().plusSeconds(17L * i + 7);
      slots.add(new LeaderCalendar.Slot(i, start, start.plusSeconds(1)));
    }
    return new LeaderCalendar(slots, sim.now().plus(Duration.ofHours(2)));
  }

  static ForgingWindow gated(LeaderCalendar calendar) {
    return new ForgingWindow(calendar, RestartTimes.none(), new MaintenancePolicy(Duration.ofSeconds(10),
        Duration.ofSeconds(5), Duration.ofHours(1), 0.9, 3));
  }

  @Test
  void theStandbyIsUpgradedFirst_forgingMoves_thenTheFormerHolderIsUpgraded() {
    ControlSim sim = standbyPool(BP.name());
    sim.desired = sim.desired.withVersion(V2);

    runToEnd(sim);

    assertThat(sim.state.poolVersion()).isEqualTo(V2);
    assertThat(steps(sim)).containsExactly("restart relay-a-0 " + V2, "restart relay-b-0 " + V2,
        "restart block-producer-standby " + V2, "move forging to block-producer-standby",
        "restart block-producer " + V2);
    assertThat(sim.reasons()).containsSubsequence("ForgingMoveRequested", "ForgingMoved", "RolloutSucceeded");
    assertThat(sim.reasons()).doesNotContain("ForgingMoveTimedOut");
    assertThat(sim.lease).isEqualTo(new ForgingLease(SB.name(), 2));
    // The former holder was restarted only in a pass that saw the lease with the standby.
    for (int i = 0; i < sim.decisions.size(); i++) {
      for (Action a : sim.decisions.get(i).actions()) {
        if (a instanceof Action.RestartNode && a.nodeName().equals(BP.name())) {
          assertThat(sim.leases.get(i).holder()).isEqualTo(SB.name());
        }
      }
    }
    assertThat(sim.events).filteredOn(e -> e.reason().equals("ForgingMoved")).singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("forging moved to block-producer-standby (lease token"
            + " 2) after 3s; block-producer is keyless and is upgraded next"));
  }

  @Test
  void theStandbyHoldingTheLease_theBlockProducerGoesFirst() {
    ControlSim sim = standbyPool(SB.name());
    sim.desired = sim.desired.withVersion(V2);

    runToEnd(sim);

    assertThat(steps(sim)).containsExactly("restart relay-a-0 " + V2, "restart relay-b-0 " + V2,
        "restart block-producer " + V2, "move forging to block-producer", "restart block-producer-standby " + V2);
    assertThat(sim.lease.holder()).isEqualTo(BP.name());
  }

  @Test
  void keylessProducersWaitForNoFreeWindow_butWithoutAKnownLeaseTheyDo() {
    ControlSim moving = standbyPool(BP.name());
    moving.window = gated(everySeventeenSeconds(moving));
    moving.desired = moving.desired.withVersion(V2);
    runToEnd(moving);
    assertThat(moving.state.poolVersion()).isEqualTo(V2);
    assertThat(moving.events).noneSatisfy(e -> assertThat(e.message()).contains("free window"));

    ControlSim inPlace = PoolControllerTest.healthyPool(BP, SB, A0, B0);
    inPlace.window = gated(everySeventeenSeconds(inPlace));
    inPlace.desired = inPlace.desired.withVersion(V2);
    runToEnd(inPlace);
    assertThat(steps(inPlace)).noneMatch(s -> s.startsWith("move"));
    assertThat(inPlace.events).filteredOn(e -> e.reason().equals("RolloutWaiting"))
        .anySatisfy(e -> assertThat(e.message()).contains("free window"));
  }

  @Test
  void aMoveThatNeverCompletes_timesOut_andTheHolderIsUpgradedInPlaceInAFreeWindow() {
    ControlSim sim = standbyPool(BP.name());
    sim.moveTakes = null;
    LeaderCalendar calendar = everySeventeenSeconds(sim);
    sim.window = gated(calendar);
    sim.desired = sim.desired.withVersion(V2);

    runToEnd(sim);

    assertThat(sim.state.poolVersion()).isEqualTo(V2);
    assertThat(sim.reasons()).containsSubsequence("ForgingMoveRequested", "ForgingMoveTimedOut", "RolloutSucceeded");
    assertThat(sim.reasons()).doesNotContain("ForgingMoved");
    assertThat(sim.events).filteredOn(e -> e.reason().equals("ForgingMoveTimedOut")).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("forging did not move to block-producer-standby within"
            + " 30s (the lease is still with block-producer): block-producer is upgraded in place, in a free window"
            + " between its leader slots"));
    Instant requested = eventTime(sim, "ForgingMoveRequested");
    Instant restarted = restartTime(sim, BP.name());
    assertThat(Duration.between(requested, restarted)).isGreaterThan(Duration.ofSeconds(30));
    assertThat(calendar.firstOverlapping(restarted, restarted.plusSeconds(15))).isEmpty();
    assertThat(sim.state.history()).last().extracting(RolloutRecord::outcome)
        .isEqualTo(RolloutRecord.Outcome.SUCCEEDED);
  }

  @Test
  void theFormerHolderFailingTheNewVersion_isRestoredWhileTheStandbyForges_thenForgingMovesBackBeforeItsRestore() {
    ControlSim sim = standbyPool(BP.name());
    sim.nodes.neverReady = (n, v) -> n.equals(BP.name()) && v.equals(V2);
    sim.desired = sim.desired.withVersion(V2);

    runToEnd(sim);

    assertThat(sim.state.history()).last().extracting(RolloutRecord::outcome)
        .isEqualTo(RolloutRecord.Outcome.ROLLED_BACK);
    assertThat(steps(sim)).containsSubsequence("restart block-producer-standby " + V2,
        "move forging to block-producer-standby", "restart block-producer " + V2, "restart block-producer " + V1,
        "move forging to block-producer", "restart block-producer-standby " + V1);
    assertThat(sim.lease.holder()).isEqualTo(BP.name());
    for (int i = 0; i < sim.decisions.size(); i++) {
      for (Action a : sim.decisions.get(i).actions()) {
        if (a instanceof Action.RestartNode r && r.nodeName().equals(SB.name()) && r.version().equals(V1)) {
          assertThat(sim.leases.get(i).holder()).as("the standby is restored without the lease").isEqualTo(BP.name());
        }
      }
    }
  }

  @Test
  void theStandbyFailingItsOwnUpgrade_neverGetsTheLease() {
    ControlSim sim = standbyPool(BP.name());
    sim.nodes.neverReady = (n, v) -> n.equals(SB.name()) && v.equals(V2);
    sim.desired = sim.desired.withVersion(V2);

    runToEnd(sim);

    assertThat(sim.state.history()).last().extracting(RolloutRecord::outcome)
        .isEqualTo(RolloutRecord.Outcome.ROLLED_BACK);
    assertThat(steps(sim)).noneMatch(s -> s.startsWith("move"));
    assertThat(steps(sim)).doesNotContain("restart block-producer " + V2);
    assertThat(sim.lease).isEqualTo(new ForgingLease(BP.name(), 1));
  }

  @Test
  void aMoveInProgress_survivesTheStateFile_andAnInterruptionAsksForItAgain() throws Exception {
    ControlSim sim = standbyPool(BP.name());
    sim.moveTakes = null;
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> s.state.rollout() != null
        && s.state.rollout().phase() == RolloutState.Phase.MOVING_FORGING, Duration.ofMinutes(10));
    RolloutState r = sim.state.rollout();
    assertThat(r.current()).isEqualTo(SB.name());
    assertThat(r.stepStartedAt()).isNotNull();

    String json = StateJson.MAPPER.writeValueAsString(sim.state);
    ControlState read = StateJson.MAPPER.readValue(json, ControlState.class);
    assertThat(read).isEqualTo(sim.state);
    RolloutState withFallback = r.withForgingFallback("why");
    assertThat(StateJson.MAPPER.readValue(StateJson.MAPPER.writeValueAsString(withFallback), RolloutState.class))
        .isEqualTo(withFallback);

    RolloutState interrupted = r.interrupted();
    assertThat(interrupted.phase()).isEqualTo(RolloutState.Phase.WAITING);
    assertThat(interrupted.current()).isNull();
    ControlState resumed = new ControlState(sim.state.poolVersion(), sim.state.members(), interrupted,
        sim.state.relayAddition(), sim.state.failedVersions(), sim.state.history(), sim.state.refusedTarget());
    Decision d = new PoolController(PoolControllerTest.HEALING).decide(sim.desired, sim.nodes.observe(), resumed,
        sim.now(), ForgingWindow.UNGATED, sim.lease);
    assertThat(d.actions()).singleElement().isEqualTo(new Action.MoveForging(SB.name(),
        "moving forging from block-producer to block-producer-standby before upgrading block-producer to " + V2));
  }

  private static Instant eventTime(ControlSim sim, String reason) {
    return sim.events.stream().filter(e -> e.reason().equals(reason)).findFirst().orElseThrow().time();
  }

  private static Instant restartTime(ControlSim sim, String node) {
    for (Decision d : sim.decisions) {
      for (Action a : d.actions()) {
        if (a instanceof Action.RestartNode && a.nodeName().equals(node)) {
          return d.events().stream().filter(e -> node.equals(e.node())).findFirst().orElseThrow().time();
        }
      }
    }
    throw new AssertionError("no restart of " + node);
  }
}
