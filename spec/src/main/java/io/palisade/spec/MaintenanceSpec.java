package io.palisade.spec;

import io.palisade.spec.binding.Doc;
import java.time.Duration;

/**
 * How planned maintenance of the block producer is fitted between its leader slots (leader-aware maintenance, see
 * docs/runtime.md). Every field is optional: absent, the runtime's default holds (it differs between a real
 * cardano-node and the simulated node, which replays in seconds).
 *
 * @param margin added to the producer's expected restart-to-forging time: the free window an action needs
 * @param waitLimit a wait for a free window longer than this is flagged for an operator (never forced through a slot)
 * @param clockTolerance how far the host clock and the producer's chain time (its tip) may disagree before no window
 *     is judged and planned actions wait
 */
public record MaintenanceSpec(
    @Doc(value = "Added to the block producer's expected restart-to-forging time: the free window a planned action"
        + " needs before the next leader slot. Default 1m (10s for simulated nodes).", example = "2m")
    Duration margin,
    @Doc(value = "A wait for a free window longer than this is flagged for an operator; the action stays queued and"
        + " is never forced through a leader slot. Default 6h.", example = "12h")
    Duration waitLimit,
    @Doc(value = "How far the host clock and the block producer's chain time (the slot of its tip) may disagree"
        + " before no window is judged and planned actions wait. Default 2m.", example = "2m")
    Duration clockTolerance) {
  /** The largest margin accepted: a window longer than this would rarely open on a pool with many slots. */
  public static final Duration MAX_MARGIN = Duration.ofHours(1);
  /** The shortest wait limit: less would ask an operator for every ordinary wait. */
  public static final Duration MIN_WAIT_LIMIT = Duration.ofMinutes(1);
  /** The longest wait limit: a KES period is 36 hours; a week of queued maintenance is a forgotten one. */
  public static final Duration MAX_WAIT_LIMIT = Duration.ofDays(7);
  /** The clock tolerance's bounds: tighter than a few seconds flags every block gap, looser trusts a stepped clock. */
  public static final Duration MIN_CLOCK_TOLERANCE = Duration.ofSeconds(10);
  /** See {@link #MIN_CLOCK_TOLERANCE}. */
  public static final Duration MAX_CLOCK_TOLERANCE = Duration.ofMinutes(30);
}
