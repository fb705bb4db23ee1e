package io.palisade.control.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.control.ControlEvent;
import io.palisade.control.ForgingWindow;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.RestartTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lease's decisions: failover, switchover and the fence, one scenario each. */
class ProducerLeasesTest {
  static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");
  static final LeasePolicy POLICY = new LeasePolicy(Duration.ofSeconds(30), Duration.ofSeconds(15),
      Duration.ofSeconds(5));
  static final MaintenancePolicy MAINTENANCE = new MaintenancePolicy(Duration.ofSeconds(20), Duration.ofSeconds(10),
      Duration.ofHours(6), 0.9, 3);

  static ForgingWindow window(long... slotSecs) {
    List<LeaderCalendar.Slot> slots = java.util.Arrays.stream(slotSecs)
        .mapToObj(s -> new LeaderCalendar.Slot(s, T0.plusSeconds(s), T0.plusSeconds(s + 1))).toList();
    return new ForgingWindow(new LeaderCalendar(slots, T0.plusSeconds(100_000)), RestartTimes.none(), MAINTENANCE);
  }

  static ProducerFacts forging(String node, boolean fresh) {
    return new ProducerFacts(node, true, true, true, true, ForgingReading.ON, true, fresh);
  }

  static ProducerFacts standby(String node, boolean fresh) {
    return new ProducerFacts(node, true, true, false, false, ForgingReading.OFF, false, fresh);
  }

  static ProducerFacts dead(String node, boolean credentials, boolean fresh) {
    return new ProducerFacts(node, false, false, false, credentials, ForgingReading.UNKNOWN, false, fresh);
  }

  static Map<String, ProducerFacts> of(ProducerFacts... f) {
    Map<String, ProducerFacts> m = new LinkedHashMap<>();
    for (ProducerFacts x : f) {
      m.put(x.node(), x);
    }
    return m;
  }

  static List<String> reasons(ProducerLeases.Decision d) {
    return d.events().stream().map(ControlEvent::reason).toList();
  }

  @Test
  void aForgingHolder_keepsTheLease_andNothingHappens() {
    LeaseState s = LeaseState.first("bp", T0);
    ProducerLeases.Decision d = ProducerLeases.decide(s, of(forging("bp", false), standby("sb", false)), Elapsed.NONE,
        window(), POLICY, T0.plusSeconds(60));
    assertThat(d.state()).isEqualTo(s);
    assertThat(d.actions()).isEmpty();
    assertThat(d.status()).isEqualTo("bp forges (lease token 1, since 2026-12-03T14:00:00Z)");
  }

  @Test
  void failover_waitsForTheConfiguredTrouble_thenFencesTheDeadHolder_thenPromotesWithTheNextToken() {
    LeaseState s = LeaseState.first("bp", T0);
    Instant down = T0.plusSeconds(100);
    ProducerLeases.Decision early = ProducerLeases.decide(s, of(dead("bp", true, false),
        standby("sb", false)), Elapsed.holderTroubleFor(Duration.ofSeconds(29)), window(), POLICY, down.plusSeconds(29));
    assertThat(early.state()).isEqualTo(s);
    assertThat(early.actions()).isEmpty();

    Instant t1 = down.plusSeconds(30);
    ProducerLeases.Decision start = ProducerLeases.decide(s, of(dead("bp", true, false), standby("sb", false)),
        Elapsed.holderTroubleFor(Duration.ofSeconds(30)), window(), POLICY, t1);
    assertThat(reasons(start)).containsExactly("FailoverStarted");
    assertThat(start.actions()).containsExactly(new LeaseAction.TakeCredentials("bp"));
    assertThat(start.state().lease().holder()).isEqualTo("bp");
    assertThat(start.state().mayHoldCredentials("bp")).as("nobody gets credentials during a move").isFalse();

    Instant t2 = t1.plusSeconds(1);
    ProducerLeases.Decision done = ProducerLeases.decide(start.state(), of(dead("bp", false, true), standby("sb", true)),
        new Elapsed(Optional.of(Duration.ofSeconds(31)), Duration.ofSeconds(1)), window(), POLICY, t2);
    assertThat(reasons(done)).containsExactly("ProducerFenced", "ProducerPromoted");
    assertThat(done.actions()).containsExactly(new LeaseAction.GiveCredentials("sb"));
    assertThat(done.state().lease()).isEqualTo(new ProducerLease("sb", 2, t2));
    assertThat(done.state().handover()).isNull();
    assertThat(done.events().get(0).message()).contains("bp is gone");
  }

  @Test
  void failover_startsEarly_whenWaitingTheFullTimeWouldRunIntoTheNextLeaderSlot() {
    LeaseState s = LeaseState.first("bp", T0);
    Instant t = T0.plusSeconds(10);
    ProducerLeases.Decision d = ProducerLeases.decide(s, of(dead("bp", true, false), standby("sb", false)),
        Elapsed.holderTroubleFor(Duration.ofSeconds(10)), window(20), POLICY, t);
    assertThat(reasons(d)).containsExactly("FailoverStarted");
    ProducerLeases.Decision noSlot = ProducerLeases.decide(s, of(dead("bp", true, false), standby("sb", false)),
        Elapsed.holderTroubleFor(Duration.ofSeconds(10)), window(), POLICY, t);
    assertThat(noSlot.events()).isEmpty();
  }

  @Test
  void failover_isRefused_withTheReason_whenTheStandbyIsNotSynced() {
    LeaseState s = LeaseState.first("bp", T0);
    Instant t = T0.plusSeconds(60);
    ProducerFacts syncing = new ProducerFacts("sb", true, false, false, false, ForgingReading.OFF, false, false);
    ProducerLeases.Decision d = ProducerLeases.decide(s, of(dead("bp", true, false), syncing),
        Elapsed.holderTroubleFor(Duration.ofSeconds(60)), window(), POLICY, t);
    assertThat(d.state()).isEqualTo(s);
    assertThat(d.actions()).isEmpty();
    assertThat(reasons(d)).containsExactly("PromotionRefused");
    assertThat(d.status()).contains("sb is not synced");
  }

  @Test
  void aRunningFormerHolder_mustReadForgingZero_afterItsCredentialsWereTaken_elseItIsKilledAfterTheTimeout() {
    LeaseState moving = LeaseState.first("bp", T0).withHandover(new Handover("bp", "sb", Handover.Kind.SWITCHOVER,
        T0.plusSeconds(10)));
    Instant t = T0.plusSeconds(11);
    ProducerFacts stale = new ProducerFacts("bp", true, true, false, false, ForgingReading.OFF, false, false);
    assertThat(ProducerLeases.decide(moving, of(stale, standby("sb", false)),
        Elapsed.moveFor(Duration.ofSeconds(1)), window(), POLICY, t)
        .state().lease().holder()).as("a reading from before the credentials were taken confirms nothing")
        .isEqualTo("bp");

    ProducerFacts stillOn = new ProducerFacts("bp", true, true, true, false, ForgingReading.ON, false, true);
    ProducerLeases.Decision waiting = ProducerLeases.decide(moving, of(stillOn, standby("sb", false)),
        Elapsed.moveFor(Duration.ofSeconds(1)),
        window(), POLICY, t);
    assertThat(waiting.actions()).isEmpty();
    assertThat(waiting.status()).contains("not promoting sb yet: bp still runs and its forging_enabled still reads 1");

    Instant late = T0.plusSeconds(25);
    ProducerFacts stopped = new ProducerFacts("bp", true, false, false, false, ForgingReading.UNKNOWN, false, true);
    ProducerLeases.Decision kill = ProducerLeases.decide(moving, of(stopped, standby("sb", true)),
        Elapsed.moveFor(Duration.ofSeconds(15)),
        window(), POLICY, late);
    assertThat(kill.actions()).containsExactly(new LeaseAction.KillProcess("bp"));
    assertThat(reasons(kill)).containsExactly("ProducerKilled");
    assertThat(kill.state().lease().holder()).isEqualTo("bp");

    ProducerFacts off = new ProducerFacts("bp", true, true, false, false, ForgingReading.OFF, false, true);
    ProducerLeases.Decision promoted = ProducerLeases.decide(moving, of(off, standby("sb", false)),
        Elapsed.moveFor(Duration.ofSeconds(1)),
        window(), POLICY, t);
    assertThat(promoted.state().lease().holder()).isEqualTo("sb");
    assertThat(promoted.events().get(0).message()).contains("bp is keyless");
  }

  /**
   * A former holder cut off the network (a partition): it runs, but its forging_enabled cannot be read, however fresh the
   * facts and however long the move has waited. That never confirms the fence: it is killed once the fence timeout is
   * up (and again at every pass while it still runs), and only its death promotes the standby.
   */
  @Test
  void aFormerHolderWhoseMetricsCannotBeRead_isNeverTakenForKeyless_onlyItsDeathPromotes() {
    LeaseState moving = LeaseState.first("bp", T0).withHandover(new Handover("bp", "sb", Handover.Kind.FAILOVER, T0));
    ProducerFacts cutOff = new ProducerFacts("bp", true, false, false, false, ForgingReading.UNKNOWN, false, true);
    for (int s = 0; s <= 120; s += 5) {
      ProducerLeases.Decision d = ProducerLeases.decide(moving, of(cutOff, standby("sb", true)),
          new Elapsed(Optional.of(Duration.ofSeconds(s + 30)), Duration.ofSeconds(s)), window(), POLICY,
          T0.plusSeconds(s));
      assertThat(d.state().lease().holder()).as("%d s into the fence", s).isEqualTo("bp");
      assertThat(d.actions()).doesNotContain(new LeaseAction.GiveCredentials("sb"))
          .isEqualTo(s >= 15 ? List.of(new LeaseAction.KillProcess("bp")) : List.of());
      assertThat(d.status()).contains("forging_enabled cannot be read");
    }
    ProducerLeases.Decision gone = ProducerLeases.decide(moving, of(dead("bp", false, true), standby("sb", true)),
        Elapsed.moveFor(Duration.ofSeconds(16)), window(), POLICY, T0.plusSeconds(16));
    assertThat(gone.state().lease()).isEqualTo(new ProducerLease("sb", 2, T0.plusSeconds(16)));
    assertThat(gone.events().get(0).message()).contains("bp is gone");
  }

  /**
   * The waits are measured, not read off the wall clock: a wall clock hours ahead of the trouble's start (a stepped
   * host clock) neither starts a failover nor kills a former holder before the measured time is up.
   */
  @Test
  void aWallClockJumpedAheadByHours_startsNoFailover_andKillsNoFormerHolder_beforeTheMeasuredWait() {
    LeaseState s = LeaseState.first("bp", T0);
    Instant jumped = T0.plusSeconds(5 * 3600);
    ProducerLeases.Decision d = ProducerLeases.decide(s, of(dead("bp", true, false), standby("sb", false)),
        Elapsed.holderTroubleFor(Duration.ofSeconds(5)), window(), POLICY, jumped);
    assertThat(d.events()).isEmpty();
    assertThat(d.state()).isEqualTo(s);

    LeaseState moving = s.withHandover(new Handover("bp", "sb", Handover.Kind.FAILOVER, T0));
    ProducerFacts stillOn = new ProducerFacts("bp", true, true, true, false, ForgingReading.ON, false, true);
    ProducerLeases.Decision waiting = ProducerLeases.decide(moving, of(stillOn, standby("sb", true)),
        Elapsed.moveFor(Duration.ofSeconds(2)), window(), POLICY, jumped);
    assertThat(waiting.actions()).as("no kill 2 s into the fence, whatever the wall clock says").isEmpty();
  }

  @Test
  void switchover_isRefusedWithoutAStandby_orToAStandbyNotRunning() {
    LeaseState s = LeaseState.first("bp", T0);
    assertThat(ProducerLeases.requestSwitchover(s, of(forging("bp", false)), T0).message())
        .contains("no standby block producer");
    ProducerLeases.SwitchoverAnswer down = ProducerLeases.requestSwitchover(s, of(forging("bp", false),
        dead("sb", false, false)), T0);
    assertThat(down.accepted()).isFalse();
    assertThat(down.message()).isEqualTo("cannot switch over to sb: sb is not running");
  }

  @Test
  void switchover_waitsForAFreeWindow_thenMovesTheLease() {
    LeaseState s = LeaseState.first("bp", T0);
    ProducerLeases.SwitchoverAnswer a = ProducerLeases.requestSwitchover(s, of(forging("bp", false),
        standby("sb", false)), T0);
    assertThat(a.accepted()).isTrue();
    // A leader slot at +15 s: a switchover's window needs its promotion time (5 s) + the 10 s margin, not the
    // restart-to-forging time (20 s), so it opens after the slot (at +16 s).
    ProducerLeases.Decision wait = ProducerLeases.decide(a.state(), of(forging("bp", false), standby("sb", false)),
        Elapsed.NONE, window(15), POLICY, T0);
    assertThat(reasons(wait)).containsExactly("SwitchoverWaiting");
    assertThat(wait.actions()).isEmpty();
    assertThat(wait.status()).contains("window opens at 2026-12-03T14:00:16Z");

    Instant t = T0.plusSeconds(16);
    ProducerLeases.Decision go = ProducerLeases.decide(wait.state(), of(forging("bp", false), standby("sb", false)),
        Elapsed.NONE, window(15), POLICY, t);
    assertThat(reasons(go)).containsExactly("SwitchoverStarted");
    assertThat(go.actions()).containsExactly(new LeaseAction.TakeCredentials("bp"));
    assertThat(go.state().switchoverRequestedAt()).isNull();
    // With a leader slot 16 s away the switchover goes now (a restart would have to wait: 30 s).
    ProducerLeases.Decision soon = ProducerLeases.decide(a.state(), of(forging("bp", false), standby("sb", false)),
        Elapsed.NONE, window(16), POLICY, T0);
    assertThat(reasons(soon)).containsExactly("SwitchoverStarted");
  }

  @Test
  void aMoveWhoseTargetStopsBeingReady_isCalledOff_andTheHolderGetsItsCredentialsBack() {
    LeaseState moving = LeaseState.first("bp", T0).withHandover(new Handover("bp", "sb", Handover.Kind.SWITCHOVER,
        T0));
    Instant t = T0.plusSeconds(2);
    ProducerFacts keyless = new ProducerFacts("bp", true, true, false, false, ForgingReading.OFF, false, true);
    ProducerLeases.Decision d = ProducerLeases.decide(moving, of(keyless, dead("sb", false, false)), Elapsed.NONE,
        window(), POLICY, t);
    assertThat(d.state()).isEqualTo(new LeaseState(moving.lease(), null, null));
    assertThat(d.actions()).containsExactly(new LeaseAction.GiveCredentials("bp"));
    assertThat(reasons(d)).containsExactly("PromotionRefused");
  }

  /** A control plane killed after the lease passed but before it gave the credentials: the next one gives them. */
  @Test
  void aRunningHolderWithoutCredentials_getsThem() {
    LeaseState s = LeaseState.first("bp", T0).promoted("sb", T0);
    ProducerFacts keyless = new ProducerFacts("sb", true, true, false, false, ForgingReading.OFF, true, false);
    assertThat(ProducerLeases.decide(s, of(standby("bp", false), keyless), Elapsed.NONE, window(), POLICY, T0)
        .actions()).containsExactly(new LeaseAction.GiveCredentials("sb"));
  }

  @Test
  void aNonHolderWithCredentials_losesThem() {
    LeaseState s = LeaseState.first("bp", T0);
    ProducerFacts wrong = new ProducerFacts("sb", true, true, true, true, ForgingReading.ON, false, false);
    assertThat(ProducerLeases.decide(s, of(forging("bp", false), wrong), Elapsed.NONE, window(), POLICY, T0)
        .actions()).containsExactly(new LeaseAction.TakeCredentials("sb"));
  }

  @Test
  void theToken_onlyGrows_andNeverPassesToItsHolder() {
    ProducerLease l = ProducerLease.first("bp", T0).passTo("sb", T0).passTo("bp", T0);
    assertThat(l.token()).isEqualTo(3);
    assertThatThrownBy(() -> l.passTo("bp", T0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProducerLease("bp", 0, T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStopMayCostASlot_onlyForTheHolder_orEitherEndOfAMove() {
    Instant t = Instant.parse("2026-12-05T12:00:00Z");
    LeaseState s = LeaseState.first("bp", t);
    assertThat(s.mayForge("bp")).isTrue();
    assertThat(s.mayForge("standby")).as("keyless").isFalse();
    LeaseState moving = s.withHandover(new Handover("bp", "standby", Handover.Kind.SWITCHOVER, t));
    assertThat(moving.mayForge("bp")).isTrue();
    assertThat(moving.mayForge("standby")).isTrue();
    assertThat(moving.mayForge("relay")).isFalse();
    LeaseState moved = moving.promoted("standby", t);
    assertThat(moved.mayForge("standby")).isTrue();
    assertThat(moved.mayForge("bp")).isFalse();
  }
}
