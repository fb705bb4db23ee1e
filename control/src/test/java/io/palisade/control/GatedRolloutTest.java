package io.palisade.control;

import static io.palisade.control.PoolControllerTest.A0;
import static io.palisade.control.PoolControllerTest.B0;
import static io.palisade.control.PoolControllerTest.BP;
import static io.palisade.control.PoolControllerTest.T0;
import static io.palisade.control.PoolControllerTest.V2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rollout whose block-producer step is fitted between the producer's leader slots. */
class GatedRolloutTest {
  @Test
  void theProducersStep_waitsForAFreeWindow_relaysDoNot_andTheRolloutSucceeds() {
    ControlSim sim = PoolControllerTest.healthyPool(BP, A0, B0);
    // A one-second leader slot every 17 s; the producer needs 10 s + 5 s without one: a free start once in 17 s.
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Instant start = sim.now().plusSeconds(17L * i + 7);
      slots.add(new LeaderCalendar.Slot(i, start, start.plusSeconds(1)));
    }
    LeaderCalendar calendar = new LeaderCalendar(slots, sim.now().plus(Duration.ofHours(1)));
    sim.window = new ForgingWindow(calendar, RestartTimes.none(), new MaintenancePolicy(Duration.ofSeconds(10),
        Duration.ofSeconds(5), Duration.ofHours(1), 0.9, 3));
    sim.desired = sim.desired.withVersion(V2);

    sim.runUntil(s -> s.state.rollout() == null && s.state.poolVersion().equals(V2), Duration.ofMinutes(10));

    List<Instant> producerRestarts = new ArrayList<>();
    List<Instant> relayRestarts = new ArrayList<>();
    for (Decision d : sim.decisions) {
      d.actions().stream().filter(a -> a instanceof Action.RestartNode).forEach(a -> (a.nodeName().equals(BP.name())
          ? producerRestarts : relayRestarts).add(d.events().isEmpty() ? null : d.events().get(0).time()));
    }
    assertThat(relayRestarts).hasSize(2);
    assertThat(producerRestarts).singleElement().satisfies(at -> {
      assertThat(calendar.firstOverlapping(at, at.plusSeconds(15))).isEmpty();
      // Right after a slot ended: the first pass (1 s tick) at or after the window opened.
      assertThat(calendar.slots()).anySatisfy(s -> assertThat(Duration.between(s.end(), at))
          .isBetween(Duration.ZERO, Duration.ofSeconds(1)));
    });
    assertThat(sim.events).filteredOn(e -> e.reason().equals("RolloutWaiting") && BP.name().equals(e.node()))
        .isNotEmpty().allSatisfy(e -> assertThat(e.message()).startsWith("waiting for a free window before the"
            + " upgrade of block-producer: next leader slot"));
  }

  @Test
  void ungated_theSameRollout_neverWaitsForAWindow() {
    ControlSim sim = PoolControllerTest.healthyPool(BP, A0, B0);
    sim.desired = sim.desired.withVersion(V2);
    sim.runUntil(s -> s.state.rollout() == null && s.state.poolVersion().equals(V2), Duration.ofMinutes(10));
    assertThat(sim.events).noneSatisfy(e -> assertThat(e.message()).contains("free window"));
  }
}
