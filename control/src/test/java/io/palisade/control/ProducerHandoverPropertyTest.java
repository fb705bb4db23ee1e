package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over any sequence of observations during an upgrade of a pool with a standby (producers killed, hung, failing the
 * new version, the lease moving by itself as a failover would, moves of forging that take any time or never end),
 * the lease holder is never stopped for the upgrade (or its rollback) while the other producer is ready and the
 * rollout's move of forging has not timed out.
 */
class ProducerHandoverPropertyTest {
  /** Something that happens at a second of the simulation. */
  record Happening(int second, String node, Kind kind) {}

  enum Kind { KILL, HANG, BAD_VERSION_ON_NODE, LEASE_MOVES_BY_ITSELF }

  static final String BP = PoolControllerTest.BP.name();
  static final String SB = ProducerHandoverStepTest.SB.name();

  @Provide
  Arbitrary<List<Happening>> happenings() {
    Arbitrary<Happening> h = Combinators.combine(Arbitraries.integers().between(0, 240),
        Arbitraries.of(BP, SB, PoolControllerTest.A0.name()), Arbitraries.of(Kind.class)).as(Happening::new);
    return h.list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<Duration> moveTimes() {
    return Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(12), Duration.ofSeconds(29),
        Duration.ofSeconds(45)).injectNull(0.25);
  }

  @Property(tries = 200)
  void theHolderIsNeverStoppedWhileTheOtherIsReadyAndTheMoveHasNotTimedOut(
      @ForAll("happenings") List<Happening> happenings, @ForAll("moveTimes") Duration moveTakes,
      @ForAll boolean standbyHoldsFirst) {
    ControlSim sim = ProducerHandoverStepTest.standbyPool(standbyHoldsFirst ? SB : BP);
    sim.moveTakes = moveTakes;
    NodeVersion v2 = PoolControllerTest.V2;
    Set<String> badOn = new HashSet<>();
    sim.nodes.neverReady = (n, v) -> v.equals(v2) && badOn.contains(n);
    sim.desired = sim.desired.withVersion(v2);
    int start = sim.decisions.size();
    for (int second = 0; second < 900; second++) {
      for (Happening h : happenings) {
        if (h.second() == second) {
          happen(sim, h, badOn);
        }
      }
      sim.pass();
    }
    for (int i = start; i < sim.decisions.size(); i++) {
      Decision d = sim.decisions.get(i);
      ForgingLease lease = sim.leases.get(i);
      Map<String, NodeObservation> seen = sim.observations.get(i);
      for (Action a : d.actions()) {
        if (!(a instanceof Action.RestartNode r) || !r.nodeName().equals(lease.holder())
            || !(r.reason().startsWith("rolling upgrade") || r.reason().startsWith("rollback"))) {
          continue;
        }
        String other = lease.holder().equals(BP) ? SB : BP;
        NodeObservation o = seen.get(other);
        boolean otherReady = o != null && o.ready();
        boolean timedOut = d.state().rollout() != null && d.state().rollout().forgingFallback() != null;
        assertThat(!otherReady || timedOut).as("%s restarted (%s) while it held the lease, %s was ready and no move"
            + " had timed out; events:%n%s", r.nodeName(), r.reason(), other, sim.eventText()).isTrue();
      }
    }
    // Every move asked for is either seen done, or given up, or still within its deadline at the end.
    long requested = sim.reasons().stream().filter("ForgingMoveRequested"::equals).count();
    long ended = sim.reasons().stream().filter(r -> r.equals("ForgingMoved") || r.equals("ForgingMoveTimedOut"))
        .count();
    boolean moving = sim.state.rollout() != null
        && sim.state.rollout().phase() == RolloutState.Phase.MOVING_FORGING;
    assertThat(requested).as(sim.eventText()).isEqualTo(ended + (moving ? 1 : 0));
  }

  private static void happen(ControlSim sim, Happening h, Set<String> badOn) {
    FakeNodes.Node n = sim.nodes.node(h.node());
    switch (h.kind()) {
      case KILL -> n.running = false;
      case HANG -> n.hung = true;
      case BAD_VERSION_ON_NODE -> badOn.add(h.node());
      case LEASE_MOVES_BY_ITSELF -> {
        if (h.node().equals(BP) || h.node().equals(SB)) {
          sim.lease = new ForgingLease(h.node(), sim.lease.token() + (sim.lease.holder().equals(h.node()) ? 0 : 1));
        }
      }
    }
  }
}
