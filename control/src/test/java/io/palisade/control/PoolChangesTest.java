package io.palisade.control;

import static io.palisade.control.PoolControllerTest.A0;
import static io.palisade.control.PoolControllerTest.A1;
import static io.palisade.control.PoolControllerTest.B0;
import static io.palisade.control.PoolControllerTest.BP;
import static io.palisade.control.PoolControllerTest.V1;
import static io.palisade.control.PoolControllerTest.V2;
import static io.palisade.control.PoolControllerTest.healthyPool;
import static io.palisade.control.PoolControllerTest.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.spec.NodeRef;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The operator's destructive changes, decided purely, on the fake clock with fake nodes. */
class PoolChangesTest {
  private static PoolChanges.Outcome remove(ControlSim sim, String node, boolean mainnet) {
    return PoolChanges.removeNode(sim.state, sim.nodes.observe(), node, mainnet, sim.now());
  }

  /** Applies an accepted outcome as the runtime does: state first, then the actions in order. */
  private static void apply(ControlSim sim, PoolChanges.Outcome o) {
    assertThat(o.accepted()).as(o.message()).isTrue();
    sim.state = o.decision().state();
    sim.events.addAll(o.decision().events());
    o.decision().actions().forEach(a -> a.applyTo(sim.nodes));
  }

  @Test
  void removingARelay_dropsItFromEveryTopologyFirst_thenStopsIt_andItStaysOut() {
    ControlSim sim = healthyPool(BP, A0, A1, B0);
    sim.nodes.calls.clear();
    PoolChanges.Outcome o = remove(sim, "relay-a-0", false);
    assertThat(o.decision().actions()).extracting(a -> a.getClass().getSimpleName() + " " + a.nodeName())
        .containsExactly("SetTopology block-producer", "SetTopology relay-a-1", "SetTopology relay-b-0",
            "StopNode relay-a-0");
    assertThat(((Action.SetTopology) o.decision().actions().get(0)).peers()).containsExactly("relay-a-1",
        "relay-b-0");
    assertThat(o.decision().events()).extracting(ControlEvent::reason).containsExactly("TopologyUpdated",
        "TopologyUpdated", "TopologyUpdated", "NodeRemoved");
    apply(sim, o);
    sim.desired = pool(BP, A1, B0);
    sim.nodes.calls.clear();
    sim.runFor(Duration.ofMinutes(2));

    // The controller agrees with the topologies it was given, never starts the removed relay again, and the other
    // relays keep their names.
    assertThat(sim.nodes.calls).isEmpty();
    assertThat(sim.state.members()).extracting(MemberState::name)
        .containsExactly("block-producer", "relay-a-1", "relay-b-0");
    assertThat(sim.nodes.peersOf("block-producer")).containsExactly("relay-a-1", "relay-b-0");
    assertThat(sim.nodes.node("relay-a-0").running).isFalse();
    assertThat(sim.state.members()).allSatisfy(m -> assertThat(sim.nodes.observe().get(m.name()).ready()).isTrue());
  }

  @Test
  void theBlockProducersLastReadyRelay_isNeverTakenAway() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.node("relay-b-0").running = false;
    PoolChanges.Outcome last = remove(sim, "relay-a-0", false);
    assertThat(last.accepted()).isFalse();
    assertThat(last.message()).contains("last ready relay");
    assertThat(PoolChanges.deleteVolume(sim.state, sim.nodes.observe(), "relay-a-0", sim.now()).message())
        .contains("last ready relay");
    // The relay that is down costs the block producer nothing.
    assertThat(remove(sim, "relay-b-0", false).accepted()).isTrue();
  }

  @Test
  void theLastRelay_theBlockProducer_andUnknownNodes_areRefused() {
    ControlSim one = healthyPool(BP, A0);
    assertThat(remove(one, "relay-a-0", false).message()).contains("last relay");
    assertThat(remove(one, "block-producer", false).message()).contains("is the block producer");
    assertThatThrownBy(() -> remove(one, "relay-z-9", false)).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> PoolChanges.deleteVolume(one.state, one.nodes.observe(), "relay-z-9", one.now()))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void onMainnet_theSpecsFloorsHold_twoRelaysInTwoRegions() {
    ControlSim sim = healthyPool(BP, A0, A1, B0);
    PoolChanges.Outcome lastOfRegion = remove(sim, "relay-b-0", true);
    assertThat(lastOfRegion.accepted()).isFalse();
    assertThat(lastOfRegion.message()).contains("on mainnet").contains("1 region");
    assertThat(remove(sim, "relay-b-0", false).accepted()).as("not on a test network").isTrue();
    apply(sim, remove(sim, "relay-a-1", true));
    assertThat(remove(sim, "relay-a-0", true).message()).contains("on mainnet").contains("1 relay(s)");
  }

  @Test
  void nothingIsRemovedOrWipedDuringARollout() {
    ControlSim sim = healthyPool(BP, A0, A1, B0);
    sim.desired = sim.desired.withVersion(V2);
    sim.pass();
    assertThat(sim.state.rollout()).isNotNull();
    assertThat(remove(sim, "relay-a-1", false).message()).contains("rollout to " + V2);
    assertThat(PoolChanges.deleteVolume(sim.state, sim.nodes.observe(), "relay-a-1", sim.now()).accepted())
        .isFalse();
  }

  @Test
  void deletingAVolume_stopsWipesAndStartsTheNode_whichComesBackReady() {
    ControlSim sim = healthyPool(BP, A0, B0);
    sim.nodes.calls.clear();
    PoolChanges.Outcome o = PoolChanges.deleteVolume(sim.state, sim.nodes.observe(), "relay-a-0", sim.now());
    assertThat(o.decision().actions()).containsExactly(new Action.WipeVolume(A0, V1,
        "volume deleted at the operator's request"));
    assertThat(o.decision().events()).extracting(ControlEvent::reason).containsExactly("VolumeDeleted");
    apply(sim, o);
    sim.nodes.now = sim.nodes.now.plusSeconds(1);
    sim.runUntil(ControlSim::allReady, Duration.ofMinutes(1));
    assertThat(sim.nodes.calls).containsExactly("wipe relay-a-0 " + V1);
    assertThat(sim.state.member("relay-a-0").orElseThrow().restarts()).isZero();
    assertThat(sim.reasons()).doesNotContain("NodeRestarted");
    // The block producer's volume may go too: it has no relay to lose.
    assertThat(PoolChanges.deleteVolume(sim.state, sim.nodes.observe(), "block-producer", sim.now()).accepted())
        .isTrue();
  }

  @Test
  void keysChanged_restartsARunningBlockProducer_andStartsAFailedOne() {
    ControlSim sim = healthyPool(BP, A0, B0);
    Decision running = PoolChanges.restartBlockProducer(sim.state, ControlEvent.Reason.KEYS_ROTATED, "new keys",
        sim.now());
    assertThat(running.actions()).containsExactly(new Action.RestartNode(BP, V1, "new keys"));
    assertThat(running.events()).extracting(ControlEvent::reason).containsExactly("KeysRotated");

    ControlState failed = sim.state.withMember("block-producer",
        m -> m.withPhase(MemberState.Phase.FAILED).withFailures(5, "gave up"));
    Decision started = PoolChanges.restartBlockProducer(failed, ControlEvent.Reason.KEYS_REVOKED, "keys wiped",
        sim.now());
    assertThat(started.actions()).containsExactly(new Action.StartNode(BP, V1, "keys wiped"));
    MemberState bp = started.state().member("block-producer").orElseThrow();
    assertThat(bp.phase()).isEqualTo(MemberState.Phase.RUNNING);
    assertThat(bp.consecutiveFailures()).isZero();
    assertThat(started.events().get(0).severity()).isEqualTo(ControlEvent.Severity.Warning);
  }

  @Test
  void aRemovedRelaysName_isNeverGivenToAnotherRelay() {
    DesiredPool p = pool(BP, A0, B0);
    NodeRef next = p.withRelayIn("a", List.of("relay-a-1", "relay-a-2")).lastRelayIn("a");
    assertThat(next.name()).isEqualTo("relay-a-3");
    assertThat(next.ordinal()).isEqualTo(3);
    assertThat(pool(BP, B0).withRelayIn("a", List.of("relay-a-0")).lastRelayIn("a").name()).isEqualTo("relay-a-1");
  }
}
