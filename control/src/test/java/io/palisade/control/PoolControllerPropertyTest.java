package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Safety rules of the control logic under random faults during an upgrade. */
class PoolControllerPropertyTest {
  /** A fault at a second of the simulation. */
  record Fault(int second, String node, Kind kind) {}

  enum Kind { KILL, HANG, BAD_VERSION_ON_NODE }

  static final List<String> NAMES = List.of("block-producer", "relay-a-0", "relay-b-0");

  @Provide
  Arbitrary<List<Fault>> faults() {
    Arbitrary<Fault> fault = Combinators.combine(
        Arbitraries.integers().between(0, 60), Arbitraries.of(NAMES), Arbitraries.of(Kind.class)).as(Fault::new);
    return fault.list().ofMaxSize(6);
  }

  @Property(tries = 200)
  void upgradeUnderFaults_keepsTheRules(@ForAll("faults") List<Fault> faults) {
    // Two relays: a single fault on one of them is enough to test the block producer's last-relay rule.
    ControlSim sim = PoolControllerTest.healthyPool(PoolControllerTest.BP, PoolControllerTest.A0,
        PoolControllerTest.B0);
    NodeVersion v2 = PoolControllerTest.V2;
    java.util.Set<String> badOn = new java.util.HashSet<>();
    sim.nodes.neverReady = (n, v) -> v.equals(v2) && badOn.contains(n);
    sim.desired = sim.desired.withVersion(v2);
    int start = sim.decisions.size();
    for (int second = 0; second < 600; second++) {
      for (Fault f : faults) {
        if (f.second() == second) {
          apply(sim, f, badOn);
        }
      }
      sim.pass();
    }
    String upgrading = null;
    for (int i = start; i < sim.decisions.size(); i++) {
      Decision d = sim.decisions.get(i);
      Map<String, NodeObservation> seen = sim.observations.get(i);
      for (ControlEvent e : d.events()) {
        switch (e.reason()) {
          case "NodeUpgrading" -> {
            // One node at a time.
            assertThat(upgrading).as("upgrading %s while %s is unfinished", e.node(), upgrading).isNull();
            upgrading = e.node();
            // Never leave the block producer without a ready relay.
            if (!e.node().equals("block-producer")) {
              assertThat(NAMES.stream().filter(n -> n.startsWith("relay") && !n.equals(e.node()))
                  .anyMatch(n -> seen.get(n) != null && seen.get(n).ready())).as(sim.eventText()).isTrue();
            }
          }
          case "NodeUpgraded", "VersionFailed" -> upgrading = null;
          default -> { }
        }
      }
      // The block producer only ever lists admitted relays.
      Set<String> admitted = new java.util.HashSet<>(d.state().members().stream()
          .filter(MemberState::admitted).map(MemberState::name).toList());
      d.actions().stream().filter(a -> a instanceof Action.SetTopology && a.nodeName().equals("block-producer"))
          .forEach(a -> assertThat(admitted).containsAll(((Action.SetTopology) a).peers()));
    }
    // A node that failed too often stays stopped for the operator; a rollout that needs it waits, and says why.
    List<String> failed = sim.state.members().stream().filter(m -> m.phase() == MemberState.Phase.FAILED)
        .map(MemberState::name).toList();
    if (!failed.isEmpty() && sim.state.rollout() != null) {
      assertThat(sim.state.rollout().waitingFor()).as(sim.eventText()).isNotNull();
      return;
    }
    // Otherwise, faults stop at 60 s and by 600 s the rollout has ended one way or the other, the pool homogeneous.
    assertThat(sim.state.rollout()).as(sim.eventText()).isNull();
    Set<NodeVersion> versions = new java.util.HashSet<>(sim.state.members().stream()
        .map(MemberState::version).toList());
    assertThat(versions).as(sim.eventText()).hasSize(1);
    if (sim.state.poolVersion().equals(v2)) {
      assertThat(sim.state.history()).last().extracting(RolloutRecord::outcome)
          .isEqualTo(RolloutRecord.Outcome.SUCCEEDED);
    } else {
      assertThat(sim.state.failure(v2)).isPresent();
    }
  }

  private static void apply(ControlSim sim, Fault f, Set<String> badOn) {
    FakeNodes.Node n = sim.nodes.node(f.node());
    switch (f.kind()) {
      case KILL -> n.running = false;
      case HANG -> n.hung = true;
      case BAD_VERSION_ON_NODE -> badOn.add(f.node());
    }
  }
}
