package io.palisade.simnode.forge;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.palisade.ouroboros.n2c.PoolId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A slot the pool leads in which the node did not forge, as its missed-leader-slot record keeps it (one JSON object a
 * line in {@code DB/missed-leader-slots.jsonl}): why, in cardano-node's words, and the node's state that explains it.
 *
 * @param slot the slot
 * @param epoch the slot's epoch
 * @param pool the pool id (hex)
 * @param reason why no block was forged
 * @param trace the forge loop's trace, in the new tracing system's namespace ({@code Forge.Loop.ForgeStateUpdateError};
 *     the legacy system's constructor is {@code Trace} + the last part); one of the reason's
 * @param kesPeriod the slot's KES period
 * @param opcertStartKesPeriod the first KES period the node's operational certificate is valid in
 * @param opcertExpiryKesPeriod the first KES period it is no longer valid in
 * @param tipSlot the slot of the node's tip when its clock reached the slot, or -1 (none, or not known)
 */
@JsonPropertyOrder({"slot", "epoch", "pool", "reason", "trace", "kesPeriod", "opcertStartKesPeriod",
    "opcertExpiryKesPeriod", "tipSlot"})
public record MissedLeaderSlot(long slot, long epoch, String pool, MissReason reason, String trace, long kesPeriod,
    long opcertStartKesPeriod, long opcertExpiryKesPeriod, long tipSlot) {

  /** Checks the fields: a line that breaks any of these is refused by the reader. */
  public MissedLeaderSlot {
    if (slot < 0 || epoch < 0 || kesPeriod < 0 || opcertStartKesPeriod < 0) {
      throw new IllegalArgumentException("slot, epoch and KES periods must be >= 0");
    }
    if (opcertExpiryKesPeriod <= opcertStartKesPeriod) {
      throw new IllegalArgumentException("the opcert's expiry period " + opcertExpiryKesPeriod
          + " must be after its start period " + opcertStartKesPeriod);
    }
    if (tipSlot < -1) {
      throw new IllegalArgumentException("tipSlot must be >= -1");
    }
    pool = new PoolId(Objects.requireNonNull(pool, "pool")).hex();
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(trace, "trace");
    String t = trace;
    if (reason.events().stream().noneMatch(e -> e.namespace().equals(t))) {
      throw new IllegalArgumentException("trace " + (t.length() > 64 ? t.substring(0, 64) + "..." : t)
          + " is not one of " + reason + "'s: " + Arrays.toString(reason.events().stream().map(ForgeEvent::namespace)
          .sorted().toArray()));
    }
  }

  /**
   * The miss of a check that ended with {@code event}.
   *
   * @param slot the slot
   * @param epoch its epoch
   * @param event how the check ended; a {@link MissReason} event
   * @param key the node's credentials
   * @param tipSlot the node's tip then, or -1
   * @return the miss
   * @throws IllegalArgumentException if the event is not a reason to miss a slot
   */
  public static MissedLeaderSlot of(long slot, long epoch, ForgeEvent event, ForgingKey key, long tipSlot) {
    MissReason reason = MissReason.of(event).orElseThrow(() -> new IllegalArgumentException(event
        + " is not a reason to miss a slot"));
    return new MissedLeaderSlot(slot, epoch, key.pool().hex(), reason, event.namespace(), key.kesPeriodOf(slot),
        key.kesStartPeriod(), key.expiryPeriod(), Math.max(-1, tipSlot));
  }
}
