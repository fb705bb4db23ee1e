package io.palisade.control;

import java.time.Instant;

/**
 * The relays rule of leader-aware maintenance, pure: a rollout never leaves the block producer with fewer ready relays
 * than it needs during one of its leader slots (its block must reach the network through them). Outside its leader
 * slots one ready relay is enough (the rollout's rule of old: never none); a relay step that would leave fewer than
 * {@link #needed()} ready relays waits for a free window (no leader slot inside [start, start + the time needed]),
 * the same window the producer's own maintenance waits for ({@link ForgingWindow}).
 *
 * <pre>{@code
 * RelayCover cover = RelayCover.forRelays(4);                  // 2 ready relays during a leader slot
 * RelayCover.Verdict v = cover.verdict("relay-a-1", true, 1, window, now);
 * if (!v.admitted()) return v.reason();
 * }</pre>
 *
 * @param needed how many ready relays the block producer needs during its leader slots
 */
public record RelayCover(int needed) {
  /** The ready relays a producer needs in a leader slot when the pool has enough: two paths to the network. */
  public static final int DEFAULT_NEEDED = 2;

  /** Checks the field. */
  public RelayCover {
    if (needed < 1) {
      throw new IllegalArgumentException("the block producer needs at least one ready relay, was " + needed);
    }
  }

  /**
   * The policy for a pool of {@code relays} relays: two ready relays during a leader slot, or, in a pool too small to
   * restart one of them and keep two, all but the one being restarted (at least one).
   */
  public static RelayCover forRelays(int relays) {
    return new RelayCover(Math.max(1, Math.min(DEFAULT_NEEDED, relays - 1)));
  }

  /**
   * Whether taking down {@code relay} may start now.
   *
   * @param relay the relay a rollout step would take down
   * @param relayReady whether that relay is ready itself (taking down one that is not loses no ready relay)
   * @param otherReady how many other relays are ready and in the producer's topology
   * @param window the producer's leader-slot window rule
   * @param now the clock's time
   * @return the verdict
   */
  public Verdict verdict(String relay, boolean relayReady, long otherReady, ForgingWindow window, Instant now) {
    if (otherReady == 0) {
      return new Verdict(false, "waiting: restarting " + relay + " now would leave the block producer without a"
          + " ready relay");
    }
    if (!relayReady || otherReady >= needed) {
      return new Verdict(true, "");
    }
    ForgingWindow.Verdict w = window.verdict(PlannedAction.UPGRADE_STEP, false, now);
    if (w.admitted()) {
      return new Verdict(true, "");
    }
    // The one wording: the window's own reason, with the relay count that makes the step wait.
    return new Verdict(false, w.reason(relay) + "; restarting it would leave the block producer " + otherReady
        + " ready relay" + (otherReady == 1 ? "" : "s") + " of the " + needed + " its leader slots need");
  }

  /**
   * What the rule decided.
   *
   * @param admitted whether the relay may be taken down now
   * @param reason why it waits (the rollout's waiting reason), empty when admitted
   */
  public record Verdict(boolean admitted, String reason) {}
}
