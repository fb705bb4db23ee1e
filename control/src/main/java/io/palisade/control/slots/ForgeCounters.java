package io.palisade.control.slots;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block producer's cumulative forge counters at one reading, as its agent reports them (the node's {@code Forge_*}
 * metrics; both tracing systems). Each is null when the node does not expose it: unknown, never 0. They count from
 * the node's start, so a counter lower than at an earlier reading means the node restarted in between.
 *
 * @param adopted forged blocks the node adopted ({@code Forge_adopted})
 * @param didntAdopt forged blocks it did not adopt: another block of the slot won ({@code Forge_didnt_adopt})
 * @param forgedInvalid forged blocks its own ledger refused ({@code Forge_forged_invalid})
 * @param couldNotForge leader slots it could not forge in ({@code Forge_could_not_forge})
 * @param blockFromFuture leadership checks stopped by a block from the future ({@code Forge_block_from_future})
 * @param nodeIsLeader slots it led ({@code Forge_node_is_leader})
 */
public record ForgeCounters(Long adopted, Long didntAdopt, Long forgedInvalid, Long couldNotForge,
    Long blockFromFuture, Long nodeIsLeader) {
  /** Nothing known: no reading, or a node that exposes no forge counter. */
  public static final ForgeCounters UNKNOWN = new ForgeCounters(null, null, null, null, null, null);

  /** One counter: its metric's name (legacy tracing's, as the sources of a slot's evidence name it). */
  public enum Kind {
    /** {@link ForgeCounters#adopted()}. */
    ADOPTED("Forge_adopted"),
    /** {@link ForgeCounters#didntAdopt()}. */
    DIDNT_ADOPT("Forge_didnt_adopt"),
    /** {@link ForgeCounters#forgedInvalid()}. */
    FORGED_INVALID("Forge_forged_invalid"),
    /** {@link ForgeCounters#couldNotForge()}. */
    COULD_NOT_FORGE("Forge_could_not_forge"),
    /** {@link ForgeCounters#blockFromFuture()}. */
    BLOCK_FROM_FUTURE("Forge_block_from_future"),
    /** {@link ForgeCounters#nodeIsLeader()}. */
    NODE_IS_LEADER("Forge_node_is_leader");

    private final String metric;

    Kind(String metric) {
      this.metric = metric;
    }

    /** The metric's name, e.g. {@code Forge_adopted}. */
    public String metric() {
      return metric;
    }
  }

  /** The value of one counter, or null when unknown. */
  public Long get(Kind kind) {
    return switch (kind) {
      case ADOPTED -> adopted;
      case DIDNT_ADOPT -> didntAdopt;
      case FORGED_INVALID -> forgedInvalid;
      case COULD_NOT_FORGE -> couldNotForge;
      case BLOCK_FROM_FUTURE -> blockFromFuture;
      case NODE_IS_LEADER -> nodeIsLeader;
    };
  }

  /** Whether no counter is known. */
  public boolean isUnknown() {
    return equals(UNKNOWN);
  }

  /** The known counters by metric name, in {@link Kind} order (for a slot's evidence and the status). */
  public Map<String, Long> known() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      if (get(k) != null) {
        out.put(k.metric(), get(k));
      }
    }
    return out;
  }
}
