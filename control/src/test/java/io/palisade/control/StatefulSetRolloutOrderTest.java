package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Rollouts in {@link RolloutOrder#STATEFULSET} order: what a StatefulSet's partition can do. Every state the controller
 * passes through must be one a StatefulSet can hold: in each region, the versions by ordinal change at most once
 * (a prefix on one template revision, the rest on the other).
 */
class StatefulSetRolloutOrderTest {
  static final NodeVersion V1 = PoolControllerTest.V1;
  static final NodeVersion V2 = PoolControllerTest.V2;
  static final NodeRef BP = PoolControllerTest.BP;
  static final NodeRef A0 = relay("a", 0);
  static final NodeRef A1 = relay("a", 1);
  static final NodeRef A2 = relay("a", 2);
  static final NodeRef B0 = relay("b", 0);
  static final NodeRef B1 = relay("b", 1);

  static NodeRef relay(String region, int ordinal) {
    return new NodeRef("relay-" + region + "-" + ordinal, NodeRole.RELAY, region, ordinal);
  }

  static ControlSim healthyPool() {
    ControlSim sim = new ControlSim(PoolControllerTest.pool(BP, A0, A1, A2, B0, B1), PoolControllerTest.HEALING,
        PoolControllerTest.T0, RolloutOrder.STATEFULSET);
    sim.runUntil(ControlSim::allReady, Duration.ofMinutes(1));
    sim.runFor(Duration.ofSeconds(2));
    sim.nodes.calls.clear();
    return sim;
  }

  /** Runs until the rollout ends, checking after every pass that each region's versions change at most once. */
  static void runRollout(ControlSim sim) {
    sim.desired = sim.desired.withVersion(V2);
    int history = sim.state.history().size();
    for (int i = 0; i < 2000 && sim.state.history().size() == history; i++) {
      sim.pass();
      assertStatefulSetShaped(sim.state);
    }
    assertThat(sim.state.history()).hasSize(history + 1);
  }

  static void assertStatefulSetShaped(ControlState state) {
    Map<String, TreeMap<Integer, NodeVersion>> byRegion = new TreeMap<>();
    for (MemberState m : state.members()) {
      if (m.ref().role() == NodeRole.RELAY) {
        byRegion.computeIfAbsent(m.ref().region(), r -> new TreeMap<>()).put(m.ref().ordinal(), m.version());
      }
    }
    byRegion.forEach((region, versions) -> {
      List<NodeVersion> v = new ArrayList<>(versions.values());
      int changes = 0;
      for (int i = 1; i < v.size(); i++) {
        changes += v.get(i).equals(v.get(i - 1)) ? 0 : 1;
      }
      assertThat(changes).as("versions of region %s by ordinal: %s", region, v).isLessThanOrEqualTo(1);
    });
  }

  @Test
  void goodUpgrade_takesEachRegionHighestOrdinalFirst_blockProducerLast() {
    ControlSim sim = healthyPool();
    runRollout(sim);

    assertThat(sim.nodes.calls).containsExactly(
        "restart relay-a-2 10.6.0", "restart relay-a-1 10.6.0", "restart relay-a-0 10.6.0",
        "restart relay-b-1 10.6.0", "restart relay-b-0 10.6.0", "restart block-producer 10.6.0");
    assertThat(sim.state.poolVersion()).isEqualTo(V2);
  }

  @Test
  void failureInsideARegion_restoresTheFailedNodeFirst_thenTheRestOfItsRegionLowestFirst() {
    ControlSim sim = healthyPool();
    sim.nodes.neverReady = (n, v) -> v.equals(V2) && n.equals("relay-a-1");
    runRollout(sim);

    assertThat(sim.nodes.calls).containsExactly(
        "restart relay-a-2 10.6.0", "restart relay-a-1 10.6.0",
        "restart relay-a-1 10.5.3", "restart relay-a-2 10.5.3");
    assertThat(sim.state.members()).allMatch(m -> m.version().equals(V1));
    assertThat(sim.state.failure(V2)).hasValueSatisfying(f -> assertThat(f.node()).isEqualTo("relay-a-1"));
  }

  @Test
  void failureInALaterRegion_restoresEarlierRegionsHighestOrdinalFirst() {
    ControlSim sim = healthyPool();
    sim.nodes.neverReady = (n, v) -> v.equals(V2) && n.equals("relay-b-0");
    runRollout(sim);

    assertThat(sim.nodes.calls).containsExactly(
        "restart relay-a-2 10.6.0", "restart relay-a-1 10.6.0", "restart relay-a-0 10.6.0",
        "restart relay-b-1 10.6.0", "restart relay-b-0 10.6.0",
        "restart relay-b-0 10.5.3", "restart relay-b-1 10.5.3",
        "restart relay-a-2 10.5.3", "restart relay-a-1 10.5.3", "restart relay-a-0 10.5.3");
    assertThat(sim.state.members()).allMatch(m -> m.version().equals(V1));
  }

  @Test
  void failureOnTheBlockProducer_restoresIt_thenEveryRegionHighestOrdinalFirst() {
    ControlSim sim = healthyPool();
    sim.nodes.neverReady = (n, v) -> v.equals(V2) && n.equals("block-producer");
    runRollout(sim);

    assertThat(sim.nodes.calls).endsWith(
        "restart block-producer 10.5.3",
        "restart relay-b-1 10.5.3", "restart relay-b-0 10.5.3",
        "restart relay-a-2 10.5.3", "restart relay-a-1 10.5.3", "restart relay-a-0 10.5.3");
  }

  @Test
  void defaultOrder_isUnchanged() {
    ControlSim sim = new ControlSim(PoolControllerTest.pool(BP, A0, A1), PoolControllerTest.HEALING,
        PoolControllerTest.T0);
    sim.runUntil(ControlSim::allReady, Duration.ofMinutes(1));
    sim.runFor(Duration.ofSeconds(2));
    sim.nodes.calls.clear();
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> !s.state.history().isEmpty(), Duration.ofMinutes(5));
    assertThat(sim.nodes.calls).containsExactly("restart relay-a-0 10.6.0", "restart relay-a-1 10.6.0",
        "restart block-producer 10.6.0");
  }
}
