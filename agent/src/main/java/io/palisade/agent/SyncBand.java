package io.palisade.agent;

import io.palisade.chain.GenesisParameters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sync state of a node whose tip is known, from its gap to the chain clock: SYNCED, LAGGING or SYNCING, with
 * hysteresis (a better state is entered strictly and left only past its hold), and, when there is no sync history to
 * hold a state, the block interval: a node between two blocks is often well past 20 slots. Pure.
 */
public final class SyncBand {
  /**
   * The chance, on one observation, of calling a node at the tip lagging because it is between two blocks: 1 in
   * 1,000. At f = 0.05 that accepts gaps up to 134 slots as SYNCED on a first observation.
   */
  public static final double SINGLE_OBSERVATION_TAIL = 1e-3;

  private final AgentConfig config;

  /**
   * @param config the thresholds
   */
  public SyncBand(AgentConfig config) {
    this.config = config;
  }

  /**
   * The sync state of a served tip, adding its {@code state:} reason.
   *
   * @param gap expected slot minus tip slot
   * @param tip the tip slot
   * @param expected the slot the chain clock expects
   * @param previous the previous verdict's state, empty on a first observation
   * @param genesis the network (its active slot coefficient)
   * @param reasons where the reason goes
   * @return the state
   */
  public NodeState state(long gap, long tip, long expected, Optional<NodeState> previous,
      GenesisParameters genesis, List<String> reasons) {
    NodeState before = previous.orElse(NodeState.STARTING);
    NodeState state = band(Math.max(0, gap), before);
    String thresholds = " (SYNCED within " + config.syncedWithinSlots() + ", held to " + config.syncedHoldSlots()
        + "; LAGGING within " + config.laggingWithinSlots() + ", held to " + config.laggingHoldSlots() + ")";
    // No sync history: the previous verdict cannot hold SYNCED, so the block interval decides whether this gap is a
    // node between two blocks (likely) or one behind.
    boolean noHistory = before == NodeState.STARTING || before == NodeState.DOWN;
    String single = "";
    if (noHistory && gap > config.syncedWithinSlots()) {
      BlockInterval blocks = BlockInterval.of(genesis);
      long plausible = Math.min(config.syncedHoldSlots(), blocks.plausibleGap(SINGLE_OBSERVATION_TAIL));
      double chance = blocks.chanceOfNoBlockFor(gap);
      if (gap <= plausible) {
        state = NodeState.SYNCED;
      }
      single = String.format(Locale.ROOT, "; judged on one observation of the tip: a node at the tip goes %d slots"
          + " without a block with a chance of %s at f = %s, so up to %d slots counts as SYNCED until the next"
          + " observation", gap, chance(chance), blocks.activeSlotsCoeff(), plausible);
    } else if (previous.isEmpty()) {
      single = "; judged on one observation";
    }
    reasons.add("state: " + state + ": tip slot " + tip + " is " + describeGap(gap) + " the expected slot " + expected
        + thresholds + single);
    if (gap < -config.syncedWithinSlots()) {
      reasons.add("warning: the tip is " + (-gap) + " slots ahead of this machine's clock: check the clock (NTP)");
    }
    return state;
  }

  /** The sync band of a gap, with hysteresis: a better state is entered strictly, left only past its hold. */
  private NodeState band(long gap, NodeState previous) {
    if (gap <= config.syncedWithinSlots()) {
      return NodeState.SYNCED;
    }
    if (previous == NodeState.SYNCED && gap <= config.syncedHoldSlots()) {
      return NodeState.SYNCED;
    }
    if (gap <= config.laggingWithinSlots()) {
      return NodeState.LAGGING;
    }
    if ((previous == NodeState.SYNCED || previous == NodeState.LAGGING) && gap <= config.laggingHoldSlots()) {
      return NodeState.LAGGING;
    }
    return NodeState.SYNCING;
  }

  private static String describeGap(long gap) {
    if (gap >= 0) {
      return gap + (gap == 1 ? " slot behind" : " slots behind");
    }
    return (-gap) + (gap == -1 ? " slot ahead of" : " slots ahead of");
  }

  private static String chance(double p) {
    return p >= 0.01 ? String.format(Locale.ROOT, "%.0f %%", p * 100) : String.format(Locale.ROOT, "%.2g", p);
  }
}
