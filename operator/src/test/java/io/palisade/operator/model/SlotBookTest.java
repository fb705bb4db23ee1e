package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.operator.testing.PublishedSchedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The slot ledger's pass on Kubernetes, pure: readings bracketing a leader slot give its verdict and evidence. */
class SlotBookTest {
  static final String BP = "block-producer";
  static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
  final ChainClock chain = new ChainClock(PublishedSchedules.GENESIS, Clock.fixed(T0, ZoneOffset.UTC));
  final long slot = chain.slotAt(T0.plus(Duration.ofMinutes(2)));
  final long epoch = chain.epochOf(slot);
  final Instant slotEnd = chain.startOfSlot(slot + 1);
  final Map<Long, List<Long>> schedule = Map.of(epoch, List.of(slot));

  static ForgeCounters counters(long adopted, long didntAdopt) {
    return new ForgeCounters(adopted, didntAdopt, 0L, 0L, 0L, adopted + didntAdopt);
  }

  static SlotReading forging(Instant at, ForgeCounters c) {
    return new SlotReading(at, BP, "uid-1", ProducerCondition.FORGING, "state: SYNCED, ready", c, true);
  }

  static SlotReading down(Instant at) {
    return new SlotReading(at, BP, null, ProducerCondition.DOWN, "no pod of block-producer runs", null, false);
  }

  SlotBook.Step step(SlotsView before, SlotReading r, List<ControlEvent> events) {
    return SlotBook.step(before, r, schedule, events, "cert-1", chain);
  }

  /** Through JSON, as the status stores it: what a restarted operator reads. */
  static SlotsView stored(SlotsView v) {
    return Serialization.unmarshal(Serialization.asJson(v), SlotsView.class);
  }

  SlotsView.SlotView theSlot(SlotsView v) {
    return v.epochs.get(v.epochs.size() - 1).slots.stream().filter(s -> s.slot == slot).findFirst().orElseThrow();
  }

  @Test
  void adoptedCounterUp_isAdopted_onceTheGraceAfterTheSlotPassed() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    assertThat(first.view().summary).isEqualTo("epoch " + epoch + ": 1 scheduled, 1 to come");
    assertThat(first.view().nextLeaderSlot.slot).isEqualTo(slot);
    assertThat(first.wakeAt()).contains(slotEnd.plus(SlotBook.GRACE));

    // Within the grace: not decided yet, the bracket's reading stays the one before the slot.
    SlotBook.Step early = step(stored(first.view()), forging(slotEnd, counters(6, 0)), List.of());
    assertThat(theSlot(early.view()).verdict).isNull();
    assertThat(early.view().lastReading.at).isEqualTo(T0.toString());

    SlotBook.Step after = step(stored(early.view()), forging(slotEnd.plus(SlotBook.GRACE), counters(6, 0)),
        List.of());
    SlotsView.SlotView s = theSlot(after.view());
    assertThat(s.verdict).isEqualTo("ADOPTED");
    assertThat(s.because).isEqualTo("forged and adopted (Forge_adopted +1, Forge_node_is_leader +1)");
    assertThat(s.forge).isEqualTo("ADOPTED");
    assertThat(s.condition).isEqualTo("FORGING");
    assertThat(s.evidence).startsWith("forge ADOPTED (Forge_adopted +1").contains("producer FORGING");
    assertThat(after.events()).isEmpty();
    assertThat(after.wakeAt()).isEmpty();
    assertThat(after.view().summary).isEqualTo("epoch " + epoch + ": 1 scheduled, 1 adopted");
    assertThat(after.view().epochs.get(0).counts).containsEntry("ADOPTED", 1).containsEntry("UNKNOWN", 0);
    assertThat(after.view().lastReading.counters).containsEntry("Forge_adopted", 6L);
  }

  @Test
  void didntAdoptUp_isALostSlotBattle_notAMiss() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotBook.Step after = step(stored(first.view()), forging(slotEnd.plus(SlotBook.GRACE), counters(5, 1)),
        List.of());
    assertThat(theSlot(after.view()).verdict).isEqualTo("LOST_SLOT_BATTLE");
    assertThat(after.events()).isEmpty();
  }

  // A self-healing restart (the pod gone, no decision of the operator's) is no Palisade action: node down.
  @Test
  void aPodGoneOverTheSlot_isMissedNodeDown_withAWarningEvent() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotBook.Step gone = step(stored(first.view()), down(T0.plusSeconds(60)), List.of());
    SlotBook.Step after = step(stored(gone.view()), down(slotEnd.plus(SlotBook.GRACE)), List.of());
    SlotsView.SlotView s = theSlot(after.view());
    assertThat(s.verdict).isEqualTo("MISSED_NODE_DOWN");
    assertThat(s.because).isEqualTo("the block producer was down: no pod of block-producer runs");
    assertThat(after.events()).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("LeaderSlotMissed");
      assertThat(e.severity()).isEqualTo(ControlEvent.Severity.Warning);
      assertThat(e.message()).startsWith("leader slot " + slot + " (epoch " + epoch + ", ")
          .contains("missed: node down: the block producer was down");
    });
    assertThat(after.view().summary).startsWith("epoch " + epoch + ": 1 scheduled, 1 missed (node down ");
  }

  // The gate keeps the producer's planned actions out of its leader slots; a restart of a producer that is not
  // ready is never delayed. Here one ran over the slot: the slot is Palisade's, whatever the producer's condition.
  @Test
  void aRestartTheOperatorAskedForOverTheSlot_isMissedDuringAPalisadeAction() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    ControlEvent restart = ControlEvent.of(T0.plusSeconds(60), Reason.NODE_RESTART_REQUESTED, BP,
        "restart asked by palisade.io/restart");
    SlotBook.Step restarting = step(stored(first.view()), down(T0.plusSeconds(60)), List.of(restart));
    assertThat(restarting.view().actions).singleElement().satisfies(a -> {
      assertThat(a.what).startsWith("NodeRestartRequested block-producer: ");
      assertThat(a.until).isNull();
      assertThat(a.affectsForging).isTrue();
    });
    SlotBook.Step after = step(stored(restarting.view()), down(slotEnd.plus(SlotBook.GRACE)), List.of());
    SlotsView.SlotView s = theSlot(after.view());
    assertThat(s.verdict).isEqualTo("MISSED_PALISADE_ACTION");
    assertThat(s.actions).singleElement().asString().startsWith("NodeRestartRequested block-producer");
    // Forging again after it was seen down: the action ends.
    SlotBook.Step back = step(stored(after.view()), forging(slotEnd.plusSeconds(30), counters(0, 0)), List.of());
    assertThat(back.view().actions).singleElement().satisfies(a -> assertThat(a.until).isNotNull());
    // A relay's restart is no action on the producer.
    SlotBook.Step relay = step(null, forging(T0, counters(5, 0)), List.of(ControlEvent.of(T0,
        Reason.NODE_RESTART_REQUESTED, "relay-a-0", "restart")));
    assertThat(relay.view().actions).isEmpty();
  }

  @Test
  void aNewPodsCounters_countFromZero() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotReading newPod = new SlotReading(slotEnd.plus(SlotBook.GRACE), BP, "uid-2", ProducerCondition.FORGING, "",
        counters(1, 0), true);
    assertThat(theSlot(step(stored(first.view()), newPod, List.of()).view()).verdict).isEqualTo("ADOPTED");
  }

  @Test
  void anAgentThatDoesNotAnswer_leavesTheSlotUndecided_untilTheLimit_thenUnknown() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotReading silent = new SlotReading(slotEnd.plusSeconds(30), BP, "uid-1", ProducerCondition.UNOBSERVED,
        "its agent did not answer", null, false);
    SlotBook.Step mute = step(stored(first.view()), silent, List.of());
    assertThat(theSlot(mute.view()).verdict).isNull();
    SlotReading late = new SlotReading(slotEnd.plus(SlotBook.DECIDE_LIMIT), BP, "uid-1", ProducerCondition.UNOBSERVED,
        "its agent did not answer", null, false);
    SlotsView.SlotView s = theSlot(step(stored(mute.view()), late, List.of()).view());
    assertThat(s.verdict).isEqualTo("UNKNOWN");
    assertThat(s.forgeSources).singleElement().asString().startsWith("forge counters not known");
  }

  @Test
  void aVerdictIsFinal_andOnlyThePreviousAndCurrentEpochsStay() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotBook.Step after = step(stored(first.view()), forging(slotEnd.plus(SlotBook.GRACE), counters(6, 0)),
        List.of());
    SlotBook.Step later = step(stored(after.view()), forging(slotEnd.plusSeconds(60), counters(9, 4)), List.of());
    assertThat(theSlot(later.view()).verdict).isEqualTo("ADOPTED");
    assertThat(theSlot(later.view()).decidedAt).isEqualTo(theSlot(after.view()).decidedAt);

    Instant twoEpochsOn = chain.startOfSlot(chain.firstSlotOfEpoch(epoch + 2)).plusSeconds(1);
    SlotBook.Step far = SlotBook.step(stored(later.view()), forging(twoEpochsOn, counters(9, 4)), Map.of(), List.of(),
        "cert-1", chain);
    assertThat(far.view().epochs).extracting(e -> e.epoch).containsExactly(epoch + 2);
    assertThat(far.view().compacted).containsExactly("epoch " + epoch + ": 1 scheduled, 1 adopted");
  }

  @Test
  void aChangeOfTheHotKeys_isAnActionOnTheProducer() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotBook.Step rotated = SlotBook.step(stored(first.view()), forging(T0.plusSeconds(10), counters(5, 0)), schedule,
        List.of(), "cert-2", chain);
    assertThat(rotated.view().actions).singleElement().satisfies(a -> {
      assertThat(a.what).startsWith(SlotActions.HOT_KEYS_CHANGED + " block-producer");
      assertThat(a.affectsForging).isTrue();
    });
  }

  // With a standby the ledger follows the lease: the former holder's counters never explain the new holder's slot.
  @Test
  void anotherProducersCounters_sayNothing() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotReading standby = new SlotReading(slotEnd.plus(SlotBook.GRACE), "block-producer-standby", "uid-9",
        ProducerCondition.FORGING, "", counters(9, 0), true);
    SlotsView.SlotView s = theSlot(step(stored(first.view()), standby, List.of()).view());
    assertThat(s.verdict).isEqualTo("UNKNOWN");
    assertThat(s.forge).isEqualTo("NONE");
  }

  // A move the Lease records in progress is given to each pass beside its own event (an operator stopped between its
  // Lease write and its status write never records the event): one action per start, counted even by a pass whose
  // lease already moved to the new holder, and never opened again once ended.
  @Test
  void aMoveInProgress_givenAtEachPass_isOneAction() {
    String standby = "block-producer-standby";
    ControlEvent started = ControlEvent.of(T0, Reason.SWITCHOVER_STARTED, BP, "switchover from " + BP + " to "
        + standby + " in a free window: fencing " + BP);
    ControlEvent again = ControlEvent.of(T0, Reason.SWITCHOVER_STARTED, BP, "switchover from " + BP + " to "
        + standby + ", in progress in the Lease (started by an earlier pass)");
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of(started));
    SlotReading promoted = new SlotReading(T0.plusSeconds(1), standby, "uid-9", ProducerCondition.NOT_SYNCED,
        "state: SYNCING", counters(0, 0), true);
    SlotBook.Step second = step(stored(first.view()), promoted, List.of(again));
    assertThat(second.view().actions).singleElement().satisfies(a -> assertThat(a.what).isEqualTo(
        "SwitchoverStarted " + BP + ": " + started.message()));

    // A new operator that never saw the event: the pass that reads the move and promotes the standby opens it.
    SlotBook.Step resumed = step(null, promoted, List.of(again));
    assertThat(resumed.view().actions).singleElement().satisfies(a -> {
      assertThat(a.what).startsWith("SwitchoverStarted " + BP + ": ");
      assertThat(a.since).isEqualTo(T0.toString());
      assertThat(a.affectsForging).isTrue();
      assertThat(a.until).isNull();
    });
    SlotReading forgingAgain = new SlotReading(T0.plusSeconds(2), standby, "uid-9", ProducerCondition.FORGING, "",
        counters(0, 0), true);
    SlotBook.Step ended = step(stored(resumed.view()), forgingAgain, List.of(again));
    assertThat(ended.view().actions).singleElement().satisfies(a -> assertThat(a.until).isNotNull());
  }

  // Someone edited the status: what does not parse is left out, nothing throws.
  @Test
  void aHostileStatus_isReadDefensively() {
    SlotsView v = new SlotsView();
    SlotsView.EpochView e = new SlotsView.EpochView();
    e.epoch = epoch;
    SlotsView.SlotView bad = new SlotsView.SlotView();
    bad.slot = -4L;
    SlotsView.SlotView odd = new SlotsView.SlotView();
    odd.slot = slot;
    odd.verdict = "NOT_A_VERDICT";
    e.slots = java.util.Arrays.asList(null, bad, odd);
    SlotsView.ConditionView c = new SlotsView.ConditionView();
    c.at = "yesterday";
    c.condition = "FORGING";
    v.timeline = List.of(c);
    SlotsView.ActionView a = new SlotsView.ActionView();
    v.actions = List.of(a);
    v.epochs = java.util.Arrays.asList(e, null);
    v.lastReading = new SlotsView.ReadingView();
    v.lastReading.at = "not a time";
    SlotBook.Step after = step(v, forging(slotEnd.plus(SlotBook.GRACE), counters(6, 0)), List.of());
    assertThat(theSlot(after.view()).verdict).isEqualTo("UNKNOWN"); // no reading before it: the counters say nothing
    assertThat(after.view().timeline).singleElement().satisfies(x -> assertThat(x.condition).isEqualTo("FORGING"));
    assertThat(after.view().actions).isEmpty();
  }

  // The status is in etcd: a pass that saw nothing new leaves the ledger as it was, so the status is not rewritten.
  @Test
  void anIdlePass_changesNothing() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    SlotBook.Step idle = step(stored(first.view()), forging(T0.plusSeconds(60), counters(5, 0)), List.of());
    assertThat(Serialization.asJson(idle.view())).isEqualTo(Serialization.asJson(first.view()));
  }

  // A slot decided late without its counters (no pass observed the producer in time) lies inside the bracket of the
  // slot still waiting: what the counters moved for the first must never be read as the second's.
  @Test
  void aSlotDecidedWithoutItsCounters_breaksTheBracket_neverAWrongAdoption() {
    long second = chain.slotAt(slotEnd.plus(SlotBook.DECIDE_LIMIT).plusSeconds(30));
    Map<Long, List<Long>> both = Map.of(epoch, List.of(slot, second));
    SlotBook.Step first = SlotBook.step(null, forging(T0, counters(5, 0)), both, List.of(), null, chain);
    Instant inSecond = chain.startOfSlot(second).plusMillis(500);
    SlotBook.Step late = SlotBook.step(stored(first.view()), forging(inSecond, counters(6, 0)), both, List.of(), null,
        chain);
    assertThat(theSlot(late.view()).verdict).isEqualTo("UNKNOWN"); // decided on what is known: no counters
    Instant afterSecond = chain.startOfSlot(second + 1).plus(SlotBook.GRACE);
    SlotsView view = SlotBook.step(stored(late.view()), forging(afterSecond, counters(6, 0)), both, List.of(), null,
        chain).view();
    SlotsView.SlotView s = view.epochs.get(0).slots.stream().filter(x -> x.slot == second).findFirst().orElseThrow();
    assertThat(s.verdict).isEqualTo("UNKNOWN");
    assertThat(s.forge).isEqualTo("NONE");
  }
  static SlotReading sampled(Instant at, Instant from, Instant to, ForgeCounters c) {
    return new SlotReading(at, BP, "uid-1", ProducerCondition.FORGING, "state: SYNCED, ready", c, true, from, to);
  }

  // The race a CI run found: a pass began before the slot, the slot started while the pass asked the other agents,
  // and the forging agent answered after the node forged. Its counters are not a reading before the slot: kept as the
  // bracket, the slot read "no counter moved" (UNKNOWN). The older reading brackets it.
  @Test
  void countersSampledAfterASlotStarted_doNotBracketIt() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    Instant passStart = chain.startOfSlot(slot).minusMillis(200);
    SlotBook.Step straddling = step(stored(first.view()), sampled(passStart, passStart,
        chain.startOfSlot(slot).plusMillis(300), counters(6, 0)), List.of());
    assertThat(theSlot(straddling.view()).verdict).isNull();
    assertThat(straddling.view().lastReading.at).isEqualTo(T0.toString());
    assertThat(straddling.view().lastReading.counters).containsEntry("Forge_adopted", 5L);

    SlotBook.Step after = step(stored(straddling.view()), forging(slotEnd.plus(SlotBook.GRACE), counters(6, 0)),
        List.of());
    assertThat(theSlot(after.view()).verdict).isEqualTo("ADOPTED");
  }

  // A reading whose counters were sampled before the slot started brackets it, whenever the pass ran.
  @Test
  void countersSampledBeforeTheSlot_bracketIt_atTheLatestTimeTheyCanBeFrom() {
    SlotBook.Step first = step(null, forging(T0, counters(4, 0)), List.of());
    Instant sampledAt = chain.startOfSlot(slot).minusSeconds(3);
    SlotBook.Step before = step(stored(first.view()), sampled(sampledAt.minusSeconds(2), sampledAt, sampledAt,
        counters(5, 0)), List.of());
    assertThat(before.view().lastReading.at).isEqualTo(sampledAt.toString());
    SlotBook.Step after = step(stored(before.view()), forging(slotEnd.plus(SlotBook.GRACE), counters(6, 0)),
        List.of());
    assertThat(theSlot(after.view()).because).isEqualTo("forged and adopted (Forge_adopted +1, Forge_node_is_leader"
        + " +1)");
  }

  // An agent answers with its last observation, up to its poll interval (10 s) old: past the slot's end plus the
  // grace by the pass's clock, an observation from before then may not have the slot's block yet. Decided on it, an
  // adopted slot read "no block recorded"; the pass looks again soon, and the next observation decides.
  @Test
  void anAgentsObservationFromBeforeTheGrace_waitsForTheNextOne() {
    SlotBook.Step first = step(null, forging(T0, counters(5, 0)), List.of());
    Instant now = slotEnd.plus(SlotBook.GRACE).plusSeconds(2);
    Instant observed = slotEnd.minusMillis(300);
    SlotBook.Step old = step(stored(first.view()), sampled(now, observed, observed, counters(5, 0)), List.of());
    assertThat(theSlot(old.view()).verdict).isNull();
    assertThat(old.wakeAt()).contains(now.plus(SlotBook.AGAIN));
    assertThat(old.view().lastReading.at).isEqualTo(T0.toString());

    Instant later = now.plus(SlotBook.AGAIN);
    Instant next = slotEnd.plus(SlotBook.GRACE).plusSeconds(1);
    SlotBook.Step fresh = step(stored(old.view()), sampled(later, next, next, counters(6, 0)), List.of());
    assertThat(theSlot(fresh.view()).verdict).isEqualTo("ADOPTED");
    assertThat(fresh.view().lastReading.at).isEqualTo(next.toString());
  }

  @Test
  void countingTimes_mustBeInOrder() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sampled(T0, T0.plusSeconds(1), T0, counters(1, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counted from");
  }
}
