package io.palisade.control;

import static io.palisade.control.PoolControllerTest.A0;
import static io.palisade.control.PoolControllerTest.A1;
import static io.palisade.control.PoolControllerTest.B0;
import static io.palisade.control.PoolControllerTest.BP;
import static io.palisade.control.PoolControllerTest.V2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relays rule: a rollout never leaves the block producer with too few ready relays in one of its leader slots. */
class RelayCoverTest {
  static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");
  static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(10), Duration.ofSeconds(5),
      Duration.ofHours(1), 0.9, 3);

  static ForgingWindow slotIn(long seconds) {
    Instant start = T0.plusSeconds(seconds);
    return new ForgingWindow(new LeaderCalendar(List.of(new LeaderCalendar.Slot(500, start, start.plusSeconds(1))),
        T0.plus(Duration.ofDays(1))), RestartTimes.none(), POLICY);
  }

  @Test
  void twoReadyRelaysInALeaderSlot_whenThePoolHasThem_oneOtherwise() {
    assertThat(RelayCover.forRelays(1).needed()).isEqualTo(1);
    assertThat(RelayCover.forRelays(2).needed()).isEqualTo(1);
    assertThat(RelayCover.forRelays(3).needed()).isEqualTo(2);
    assertThat(RelayCover.forRelays(10).needed()).isEqualTo(2);
  }

  @Test
  void aStepThatWouldDropBelowTheNeed_waitsForAFreeWindow_inTheWindowsWords() {
    RelayCover cover = RelayCover.forRelays(3);
    RelayCover.Verdict v = cover.verdict("relay-a-0", true, 1, slotIn(8), T0);
    assertThat(v.admitted()).isFalse();
    assertThat(v.reason()).isEqualTo("waiting for a free window before the upgrade of relay-a-0: next leader slot 500"
        + " at 2026-12-03T14:00:08Z, window opens at 2026-12-03T14:00:09Z (it needs 15s without a leader slot);"
        + " restarting it would leave the block producer 1 ready relay of the 2 its leader slots need");
    // Enough others ready, or the relay not ready itself (nothing lost), or no slot near: it goes.
    assertThat(cover.verdict("relay-a-0", true, 2, slotIn(8), T0).admitted()).isTrue();
    assertThat(cover.verdict("relay-a-0", false, 1, slotIn(8), T0).admitted()).isTrue();
    assertThat(cover.verdict("relay-a-0", true, 1, slotIn(60), T0).admitted()).isTrue();
    // Never the last ready relay, slot or not.
    assertThat(cover.verdict("relay-a-0", true, 0, slotIn(600), T0).reason()).isEqualTo("waiting: restarting"
        + " relay-a-0 now would leave the block producer without a ready relay");
  }

  @Test
  void aRollout_withOneRelayDown_upgradesTheOthersOnlyInFreeWindows() {
    ControlSim sim = PoolControllerTest.healthyPool(BP, A0, A1, B0);
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Instant start = sim.now().plusSeconds(17L * i + 7);
      slots.add(new LeaderCalendar.Slot(i, start, start.plusSeconds(1)));
    }
    LeaderCalendar calendar = new LeaderCalendar(slots, sim.now().plus(Duration.ofHours(1)));
    sim.window = new ForgingWindow(calendar, RestartTimes.none(), POLICY);
    // relay-b-0 stops being ready: each of the other two is then one of only two ready relays.
    sim.nodes.neverReady = (n, v) -> n.equals(B0.name());
    sim.desired = sim.desired.withVersion(V2);

    List<Instant> relayRestarts = new ArrayList<>();
    sim.runUntil(s -> {
      relayRestarts.clear();
      for (Decision d : s.decisions) {
        d.actions().stream().filter(a -> a instanceof Action.RestartNode && !a.nodeName().equals(B0.name())
            && !a.nodeName().equals(BP.name())).filter(a -> !d.events().isEmpty()).forEach(a -> relayRestarts.add(d.events().get(0).time()));
      }
      return relayRestarts.size() >= 2;
    }, Duration.ofMinutes(10));

    assertThat(relayRestarts).allSatisfy(at -> assertThat(calendar.firstOverlapping(at, at.plusSeconds(15)))
        .isEmpty());
    assertThat(sim.events).anySatisfy(e -> {
      assertThat(e.reason()).isEqualTo("RolloutWaiting");
      assertThat(e.message()).startsWith("waiting for a free window before the upgrade of relay-a-")
          .endsWith("restarting it would leave the block producer 1 ready relay of the 2 its leader slots need");
    });
  }
}
