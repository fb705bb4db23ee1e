package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.control.ControlState;
import io.palisade.control.HealthState;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PlannedAction;
import io.palisade.control.api.ActionResult;
import io.palisade.control.lease.ProducerStopRoute;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate in a pool with a standby that holds the lease while the block producer is down: the holder's restart still
 * waits for the leader slot (it used to be admitted at once, because the gate asked whether the block producer was
 * down); the keyless producer is not gated at all; what waits is shown under the node it was asked for.
 */
class MaintenanceGateProducersTest {
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";
  static final ChainClock CHAIN = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
  static final long TIP = 90_000_000;
  static final Instant T = CHAIN.startOfSlot(TIP);
  static final NodeVersion V = NodeVersion.parse("10.5.3");

  @TempDir Path dir;

  /** A leader slot 2 minutes ahead; a producer needs 3 minutes + 30 s; the standby holds the lease. */
  MaintenanceGate gate() throws Exception {
    LeaderScheduleSource schedule = now -> new LeaderCalendar(List.of(new LeaderCalendar.Slot(TIP + 120,
        CHAIN.startOfSlot(TIP + 120), CHAIN.startOfSlot(TIP + 121))), T.plus(Duration.ofDays(1)));
    Forgers standbyHolds = Forgers.of(() -> STANDBY,
        // The block producer is down: forging cannot move off the standby.
        (n, waited) -> ProducerStopRoute.withoutStandby(STANDBY, n),
        () -> new ActionResult(false, BP + " is not running", null), Optional.of(Duration.ofSeconds(5)));
    return new MaintenanceGate(new DataDir(dir), BP, schedule, new MaintenancePolicy(Duration.ofMinutes(3),
        Duration.ofSeconds(30), Duration.ofHours(1), 0.9, 3), CHAIN, OptionalLong::empty, standbyHolds);
  }

  static ControlState bothRunning() {
    List<MemberState> members = List.of(BP, STANDBY).stream().map(n -> MemberState.fresh(new NodeRef(n,
        NodeRole.BLOCK_PRODUCER, null, 0), V, true).withPhase(MemberState.Phase.RUNNING)).toList();
    return new ControlState(V, members, null, null, List.of(), List.of(), null);
  }

  /** The block producer's process is dead (its host down); the standby runs, synced, at the tip. */
  static Map<String, NodeObservation> producerDead() {
    return Map.of(BP, new NodeObservation(BP, T, false, false, false, false, HealthState.UNKNOWN, V, null, null,
        List.of("no process")), STANDBY, new NodeObservation(STANDBY, T, true, true, true, true, HealthState.SYNCED, V,
        TIP, 0L, List.of()));
  }

  @Test
  void theHoldersRestart_waitsForTheSlot_evenWhileTheBlockProducerIsDown() throws Exception {
    MaintenanceGate gate = gate();
    assertThat(gate.gates(STANDBY)).isTrue();
    assertThat(gate.gates(BP)).as("keyless: forges nothing").isFalse();
    assertThat(gate.holder()).isEqualTo(STANDBY);
    for (PlannedAction a : List.of(PlannedAction.RESTART, PlannedAction.KEY_ROTATION,
        PlannedAction.VOLUME_DELETION)) {
      assertThat(gate.verdict(a, STANDBY, bothRunning(), producerDead(), T).admitted()).as("%s", a).isFalse();
      assertThat(gate.verdict(a, BP, bothRunning(), producerDead(), T).admitted()).as("%s: down already", a)
          .isTrue();
    }
    // A rotation only has the holder re-read its credential links (a SIGHUP): 5 s + the 30 s margin fit before the
    // slot two minutes ahead, where a restart's 3 min + 30 s do not.
    assertThat(gate.rotationVerdict(STANDBY, bothRunning(), producerDead(), T).admitted()).isTrue();
    assertThat(gate.rotationVerdict(STANDBY, bothRunning(), producerDead(), T.plusSeconds(90)).admitted())
        .as("35 s from 90 s before the slot reach it").isFalse();
    gate.queueRestart(STANDBY, T);
    gate.queueRestart(STANDBY, T.plusSeconds(5));
    assertThat(gate.restartsQueued()).containsExactly(STANDBY);
    assertThat(gate.status(bothRunning(), producerDead(), T).waiting()).singleElement().asString()
        .startsWith("the restart of " + STANDBY + ": waiting for a free window: next leader slot in ");
    gate.restartDone(STANDBY);
    assertThat(gate.restartsQueued()).isEmpty();
    gate.close();
  }
}
