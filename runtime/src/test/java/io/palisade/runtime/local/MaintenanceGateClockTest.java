package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.control.ControlState;
import io.palisade.control.ForgingWindow;
import io.palisade.control.HealthState;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PlannedAction;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's gate checks its window against the chain's time from the block producer's observed tip: the host
 * clock moved by minutes (the instant the gate is asked at) does not let a restart land on a leader slot.
 */
class MaintenanceGateClockTest {
  static final String BP = "block-producer";
  static final ChainClock CHAIN = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
  /** The true time: the start of a slot. */
  static final long TIP = 90_000_000;
  static final Instant T = CHAIN.startOfSlot(TIP);

  @TempDir Path dir;

  MaintenanceGate gate() throws Exception {
    // A leader slot 2 minutes ahead in true time; the producer needs 3 minutes + 30 s.
    LeaderScheduleSource schedule = now -> new LeaderCalendar(List.of(new LeaderCalendar.Slot(TIP + 120,
        CHAIN.startOfSlot(TIP + 120), CHAIN.startOfSlot(TIP + 121))), T.plus(Duration.ofDays(1)));
    return new MaintenanceGate(new DataDir(dir), BP, schedule, new MaintenancePolicy(Duration.ofMinutes(3),
        Duration.ofSeconds(30), Duration.ofHours(1), 0.9, 3), CHAIN);
  }

  static ControlState running() {
    MemberState m = MemberState.fresh(new NodeRef(BP, NodeRole.BLOCK_PRODUCER, null, 0), NodeVersion.parse("10.5.3"),
        true).withPhase(MemberState.Phase.RUNNING);
    return new ControlState(NodeVersion.parse("10.5.3"), List.of(m), null, null, List.of(), List.of(), null);
  }

  /** The producer observed at host time {@code host}, its tip at the true time's slot. */
  static Map<String, NodeObservation> tipAt(Instant host) {
    return Map.of(BP, new NodeObservation(BP, host, true, true, true, true, HealthState.SYNCED,
        NodeVersion.parse("10.5.3"), TIP, 0L, List.of()));
  }

  @Test
  void aHostClockMovedForwardOrBackByMinutes_doesNotLetARestartLandOnTheLeaderSlot() throws Exception {
    for (Duration moved : List.of(Duration.ofMinutes(5), Duration.ofMinutes(-5), Duration.ofMinutes(-3))) {
      MaintenanceGate gate = gate();
      Instant host = T.plus(moved);
      // On the host clock alone the window looks free: the slot passed (forward) or is beyond the restart (back).
      assertThat(gate.window(host).verdict(PlannedAction.RESTART, false, host).admitted()).as("moved %s", moved)
          .isTrue();
      ForgingWindow.Verdict v = gate.verdict(PlannedAction.RESTART, BP, running(), tipAt(host), host);
      assertThat(v.admitted()).as("moved %s", moved).isFalse();
      assertThat(v.describe(host)).contains("no window is judged until they agree");
      // The loop's own pass (the upgrade step) is judged the same way once the gate has seen the tip.
      assertThat(gate.window(host).verdict(PlannedAction.UPGRADE_STEP, false, host).admitted()).isFalse();
      gate.close();
    }
  }

  @Test
  void agreeingClocks_stillWaitForTheSlot_thenAdmitRightAfterIt() throws Exception {
    MaintenanceGate gate = gate();
    assertThat(gate.verdict(PlannedAction.RESTART, BP, running(), tipAt(T), T).admitted()).isFalse();
    Instant after = CHAIN.startOfSlot(TIP + 121);
    Map<String, NodeObservation> later = Map.of(BP, new NodeObservation(BP, after, true, true, true, true,
        HealthState.SYNCED, NodeVersion.parse("10.5.3"), TIP + 121, 0L, List.of()));
    assertThat(gate.verdict(PlannedAction.RESTART, BP, running(), later, after).admitted()).isTrue();
    gate.close();
  }

  @Test
  void aClockSteppedBetweenTwoSightingsOfTheSameTip_isSeenAtOnce_theElapsedTimeIsMonotonic() throws Exception {
    MaintenanceGate gate = gate();
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    gate.useTicks(nanos::get);
    // The tip is seen at the true time, then one second passes and the host clock is stepped 5 minutes forward; no
    // new block yet: the observation still names the same tip, as a real node's does between blocks.
    gate.observed(tipAt(T));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    Instant stepped = T.plus(Duration.ofMinutes(5)).plusSeconds(1);
    ForgingWindow.Verdict v = gate.verdict(PlannedAction.RESTART, BP, running(), tipAt(stepped), stepped);
    assertThat(v.admitted()).isFalse();
    assertThat(v.describe(stepped)).contains("the host clock is ahead of the block producer's chain");
    // Unstepped, the same second later: the slot 2 minutes ahead still blocks, the window opens after it.
    ForgingWindow.Verdict honest = gate.verdict(PlannedAction.RESTART, BP, running(), tipAt(T.plusSeconds(1)),
        T.plusSeconds(1));
    assertThat(honest.kind()).isEqualTo(ForgingWindow.Verdict.Kind.WAIT);
    assertThat(honest.opensAt()).isEqualTo(CHAIN.startOfSlot(TIP + 121));
    gate.close();
  }
}
