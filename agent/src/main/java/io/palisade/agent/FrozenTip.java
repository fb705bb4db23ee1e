package io.palisade.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A tip that has stayed on one slot longer than {@link AgentConfig#stuckAfter()}, and why. At f = 0.05 a node at the
 * tip goes 30 minutes without a block with a chance of about e^-90: the tip is frozen. Only one cause is the
 * process's: the node has hot peers and another node of the pool got past the frozen slot, so blocks were there to
 * fetch. With no hot peer there is nothing to fetch from; with no node of the pool past it, the pool's upstream or
 * the whole chain has stalled. Restarting the node in those cases costs a ledger replay and fixes nothing (in a
 * chain-wide stall it would restart every node), so they make the node not ready, never dead. Pure.
 *
 * @param cause why the tip is frozen
 * @param slot the frozen slot
 * @param since since when
 * @param text the reason, for people
 */
public record FrozenTip(Cause cause, long slot, Instant since, String text) {
  /** Why a tip is frozen. */
  public enum Cause {
    /** The node has no hot peer: nothing to fetch blocks from. */
    NO_HOT_PEER,
    /** No other node of the pool is past the frozen slot: the pool's upstream or the chain has stalled. */
    POOL_STALLED,
    /** Hot peers, but no view of the pool: a stuck process cannot be told from a stall, so it is not assumed. */
    NO_POOL_VIEW,
    /** Another node of the pool got past the frozen slot: the process is stuck. */
    PROCESS_STUCK
  }

  /** Requires the values. */
  public FrozenTip {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(text, "text");
  }

  /** Whether the cause is the process (liveness fails), rather than outside it (not ready only). */
  public boolean processStuck() {
    return cause == Cause.PROCESS_STUCK;
  }

  /**
   * Judges a tip's progress.
   *
   * @param progress the tip slot and since when it has not moved
   * @param at now
   * @param stuckAfter how long a tip may stay on one slot
   * @param hotPeers the node's hot peers, if known
   * @param pool the controller's view of the other nodes, if any; ignored when older than {@code stuckAfter}
   * @return the frozen tip, or empty if the tip moved within {@code stuckAfter}
   */
  public static Optional<FrozenTip> judge(
      TipProgress progress, Instant at, Duration stuckAfter, OptionalLong hotPeers, Optional<PoolView> pool) {
    Duration frozen = Duration.between(progress.since(), at);
    if (frozen.compareTo(stuckAfter) <= 0) {
      return Optional.empty();
    }
    String base = "the tip has stayed at slot " + progress.slot() + " since " + progress.since() + " ("
        + frozen.toMinutes() + " min, longer than " + stuckAfter.toMinutes() + " min)";
    Optional<PoolView> view = pool.filter(PoolView::informative)
        .filter(v -> Duration.between(v.observedAt(), at).abs().compareTo(stuckAfter) <= 0);
    Cause cause;
    String text;
    if (hotPeers.isPresent() && hotPeers.getAsLong() == 0) {
      cause = Cause.NO_HOT_PEER;
      text = base + " and the node has no hot peer to fetch blocks from: the cause is outside the process (network,"
          + " firewall, topology); a restart would not help";
    } else if (view.isPresent() && view.get().highestTip().getAsLong() > progress.slot()) {
      cause = Cause.PROCESS_STUCK;
      text = base + " while another node of the pool reached slot " + view.get().highestTip().getAsLong()
          + ": the process is stuck";
    } else if (view.isPresent()) {
      cause = Cause.POOL_STALLED;
      text = base + " and no other node of the pool is past it (" + view.get().nodesWithTip() + " nodes, highest slot "
          + view.get().highestTip().getAsLong() + "): the pool's upstream or the whole chain has stalled; a restart"
          + " would not help";
    } else {
      cause = Cause.NO_POOL_VIEW;
      text = base + (hotPeers.isPresent() ? " with " + hotPeers.getAsLong() + " hot peers" : "")
          + "; without the pool's view of its other nodes the agent cannot tell a stuck process from a stall of the"
          + " pool's upstream or of the chain, so it does not fail liveness on this alone";
    }
    return Optional.of(new FrozenTip(cause, progress.slot(), progress.since(), text));
  }
}
