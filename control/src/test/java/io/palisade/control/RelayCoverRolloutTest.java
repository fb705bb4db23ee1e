package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's relay rule inside a rollout, on the one pure controller both runtimes run (the single host's loop and the
 * operator's StatefulSet passes): a relay's step never leaves the block producer fewer ready relays than its leader
 * slots need ({@link RelayCover}) while a leader slot is near; it runs once the slot has passed.
 */
class RelayCoverRolloutTest {
  @Test
  void aRelayStep_thatWouldLeaveTheProducerOneReadyRelayInALeaderSlot_waitsForTheSlotToPass() {
    ControlSim sim = PoolControllerTest.healthyPool(PoolControllerTest.BP, PoolControllerTest.A0,
        PoolControllerTest.A1, PoolControllerTest.B0);
    // Three relays: the producer's leader slots need two ready. relay-b-0 is down for good.
    sim.nodes.neverReady = (n, v) -> n.equals("relay-b-0");
    sim.nodes.node("relay-b-0").running = false;
    sim.pass();
    Instant slotStart = sim.nodes.now.plusSeconds(90);
    LeaderCalendar calendar = new LeaderCalendar(List.of(new LeaderCalendar.Slot(1_000, slotStart,
        slotStart.plusSeconds(1))), slotStart.plus(Duration.ofDays(1)));
    sim.window = new ForgingWindow(calendar, RestartTimes.none(), MaintenancePolicy.DEFAULT);
    sim.nodes.calls.clear();
    sim.desired = sim.desired.withVersion(PoolControllerTest.V2);

    sim.runFor(Duration.ofSeconds(80));
    assertThat(sim.nodes.calls).as("no relay of region a is restarted before the slot")
        .noneMatch(c -> c.startsWith("restart relay-a"));
    assertThat(sim.events).anySatisfy(e -> {
      assertThat(e.reason()).isEqualTo("RolloutWaiting");
      assertThat(e.message()).contains("would leave the block producer 1 ready relay of the 2 its leader slots need");
    });

    // Past the slot (and with no later one known to be near), the relay's step runs although relay-b-0 is still down:
    // one ready relay is enough between leader slots.
    sim.runUntil(s -> s.nodes.calls.stream().anyMatch(c -> c.startsWith("restart relay-a")), Duration.ofMinutes(10));
    assertThat(sim.nodes.now).isAfter(slotStart);
  }
}
