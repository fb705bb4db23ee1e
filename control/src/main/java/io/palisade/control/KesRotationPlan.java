package io.palisade.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * When the block producer's next KES rotation is due and the free windows before it (leader-aware maintenance: a
 * rotation restarts the producer, so it is applied between its leader slots), in {@link io.palisade.control.api.MaintenanceStatus}.
 *
 * @param currentKesPeriod the KES period now
 * @param kesStartPeriod the KES period the installed operational certificate starts at
 * @param periodsLeft KES periods before the certificate expires
 * @param expiresAt when the certificate expires (the producer forges nothing after)
 * @param dueBy rotate before this: one KES period before the expiry, so a failed rotation still has a period to retry
 * @param freeWindows the first free windows from now (each a span of instants at which a rotation may start), as
 *     far as the leader schedule is known
 * @param windowsKnownUntil the windows are complete up to this instant (the end of the known leader schedule, or
 *     {@code dueBy} if sooner)
 */
public record KesRotationPlan(long currentKesPeriod, long kesStartPeriod, long periodsLeft, Instant expiresAt,
    Instant dueBy, List<Window> freeWindows, Instant windowsKnownUntil) {
  /** Checks the fields, copies the list. */
  public KesRotationPlan {
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(dueBy, "dueBy");
    freeWindows = freeWindows == null ? List.of() : List.copyOf(freeWindows);
  }

  /**
   * A free window: a rotation starting at any instant in [opens, closes] is back to forging before the next leader
   * slot.
   *
   * @param opens the first instant
   * @param closes the last instant
   */
  public record Window(Instant opens, Instant closes) {
    /** Checks the fields. */
    public Window {
      Objects.requireNonNull(opens, "opens");
      Objects.requireNonNull(closes, "closes");
    }
  }
}
