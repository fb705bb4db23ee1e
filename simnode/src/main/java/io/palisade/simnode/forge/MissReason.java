package io.palisade.simnode.forge;

import java.util.Optional;
import java.util.Set;

/**
 * Why the block producer did not forge in a slot it leads: a closed set, each with the forge-loop traces of
 * cardano-node that say it ({@link ForgeEvent}). A block forged and then refused ({@code ForgedInvalidBlock}) is not a
 * miss of this kind: it is in the forged-block record with the outcome {@code INVALID}.
 */
public enum MissReason {
  /**
   * The KES key could not be evolved to the slot's period (the operational certificate expired, or the
   * {@code kesExpired} fault): {@code ForgeStateUpdateError}; or the pool leads the slot but its KES key is valid only
   * from a later period (the operational certificate is not valid yet): {@code NodeCannotForge}.
   */
  KES_INVALID(Set.of(ForgeEvent.FORGE_STATE_UPDATE_ERROR, ForgeEvent.NODE_CANNOT_FORGE)),
  /** The tip was already in a later slot when the node's clock reached the slot (its clock is behind, or load). */
  BLOCK_FROM_FUTURE(Set.of(ForgeEvent.BLOCK_FROM_FUTURE)),
  /** The node's tip was too far behind to forecast the slot's ledger view: it was not synced. */
  NO_LEDGER_VIEW(Set.of(ForgeEvent.NO_LEDGER_VIEW));

  private final Set<ForgeEvent> events;

  MissReason(Set<ForgeEvent> events) {
    this.events = events;
  }

  /** The forge-loop events that are this reason. */
  public Set<ForgeEvent> events() {
    return events;
  }

  /** The reason a check that ended with {@code event} missed a slot the pool leads; empty for any other event. */
  public static Optional<MissReason> of(ForgeEvent event) {
    for (MissReason r : values()) {
      if (r.events.contains(event)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
