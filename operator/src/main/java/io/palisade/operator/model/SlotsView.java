package io.palisade.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * The slot ledger of a StakePool, in its status ({@code status.slots}): the previous and the current epoch's leader
 * slots, each with its verdict and the evidence it was decided on, and what the next pass needs to decide the slots
 * to come (the last reading of the forging producer's forge counters, its recent condition changes, Palisade's recent
 * actions). Kept small, since the status is in etcd: two epochs, at most {@link SlotBook#MAX_SLOTS} slots an epoch,
 * {@link SlotBook#MAX_CHANGES} condition changes and {@link SlotBook#MAX_ACTIONS} actions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlotsView {
  /** The current epoch in one line. */
  @JsonPropertyDescription("The current epoch's leader slots in one line, as 'palisade slots' prints it: 'epoch 612:"
      + " 7 scheduled, 5 adopted, 1 lost slot battle, 1 missed (node down 14:02–14:09)'.")
  public String summary;
  /** The next leader slot of the current epoch. */
  public StakePoolStatus.LeaderSlotView nextLeaderSlot;
  /** The producer whose slots these are (the lease holder with a standby). */
  public String producer;
  /** The previous and the current epoch, oldest first. */
  @JsonPropertyDescription("The previous and the current epoch: each leader slot with its verdict (a closed set:"
      + " ADOPTED, LOST_SLOT_BATTLE, ..., UNKNOWN; absent while to come), why, and its evidence.")
  public List<EpochView> epochs;
  /** The summary lines of older epochs, oldest first (at most {@link SlotBook#MAX_COMPACTED}). */
  public List<String> compacted;
  /** A digest of the producer's public operational certificate: its change is a change of the hot keys. */
  public String hotKeys;
  /** The forging producer's last reading that brackets the slots to come. */
  public ReadingView lastReading;
  /** The forging producer's condition changes, oldest first. */
  public List<ConditionView> timeline;
  /** Palisade's actions on the pool, oldest first. */
  public List<ActionView> actions;

  /** One epoch. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EpochView {
    /** The epoch. */
    public Long epoch;
    /** Whether {@code slots} is the whole published schedule. */
    public Boolean scheduleKnown;
    /** The epoch in one line. */
    public String summary;
    /** Decided slots by verdict name (every verdict, 0 included). */
    public Map<String, Integer> counts;
    /** Slots still to come or not decided yet. */
    public Integer pending;
    /** The leader slots, ascending. */
    public List<SlotView> slots;
  }

  /** One leader slot. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SlotView {
    /** The absolute slot. */
    public Long slot;
    /** When it starts (UTC). */
    public String at;
    /** Its verdict's name; absent while to come or not decided. */
    public String verdict;
    /** Why, in one line. */
    public String because;
    /** The evidence in one line. */
    public String evidence;
    /** The forge outcome the counters gave (a {@code ForgeOutcome} name). */
    public String forge;
    /** The counters that moved, or why none could say. */
    public List<String> forgeSources;
    /** The producer's condition at the slot (a {@code ProducerCondition} name). */
    public String condition;
    /** The reasons of that condition. */
    public String conditionDetail;
    /** The Palisade actions in progress at the slot. */
    public List<String> actions;
    /** When it was decided. */
    public String decidedAt;
    /** Whether the block was on the relays' chain an hour after the slot (a {@code ChainCheck} name; absent: not yet). */
    @JsonPropertyDescription("An adopted block looked for on the pool's relays' chain an hour after its slot: ON_CHAIN,"
        + " NOT_ON_CHAIN (the verdict is then LOST_HEIGHT_BATTLE); absent while unchecked.")
    public String chain;
    /** The adopted block's header hash, from the producer's log (64 lower-case hex digits); absent when unnamed. */
    @JsonPropertyDescription("The adopted block's header hash, as the producer's node logged it ('Chain extended, new"
        + " tip: HASH at slot S'); absent when its log did not name it (then the chain is not checked).")
    public String blockHash;
    /** When the relays were last asked and none could tell; absent otherwise. */
    public String chainAskedAt;
    /** How many reads of the producer's log did not name the adopted block (it is read again); absent otherwise. */
    @JsonPropertyDescription("How many reads of the producer's log did not name the adopted block (failed, or the"
        + " line was not there); it is read again two minutes later, three times at most; absent once named.")
    public Integer logReads;
    /** When the log was last read without naming the block; absent otherwise. */
    public String logReadAt;
  }

  /** A reading of the forging producer. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ReadingView {
    /** The latest its counters can have been sampled (slots that start from then on are bracketed by it). */
    public String at;
    /** The producer read. */
    public String node;
    /** Its pod's uid (absent: no pod ran); another pod's counters start from 0. */
    public String podUid;
    /** Its forge counters by metric name (absent ones are unknown). */
    public Map<String, Long> counters;
  }

  /** A condition change. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ConditionView {
    /** When it was first seen. */
    public String at;
    /** A {@code ProducerCondition} name. */
    public String condition;
    /** Its reasons. */
    public String detail;
  }

  /** A Palisade action. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ActionView {
    /** The action in words (its event). */
    public String what;
    /** When it started. */
    public String since;
    /** When it ended; absent while it runs. */
    public String until;
    /** Whether it stops the producer or changes its keys. */
    public Boolean affectsForging;
  }
}
