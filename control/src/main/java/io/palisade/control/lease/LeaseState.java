package io.palisade.control.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * The lease's durable state: the lease, a move in progress (null when none), and a switchover the operator asked for
 * that waits for its window (null when none).
 *
 * @param lease who may forge
 * @param handover the move in progress, or null
 * @param switchoverRequestedAt when a waiting switchover was asked for, or null
 */
public record LeaseState(ProducerLease lease, Handover handover, Instant switchoverRequestedAt) {
  /** Checks the fields. */
  public LeaseState {
    Objects.requireNonNull(lease, "lease");
  }

  /** A pool's first state: {@code holder} holds token 1, nothing in progress. */
  public static LeaseState first(String holder, Instant now) {
    return new LeaseState(ProducerLease.first(holder, now), null, null);
  }

  /**
   * Whether {@code node} may have the forging credentials now: the holder, while no move is in progress (during a
   * move nobody gets them, so a restart of either producer comes up non-producing).
   */
  public boolean mayHoldCredentials(String node) {
    return handover == null && lease.holder().equals(node);
  }

  /**
   * Whether a stop of {@code node} may cost a leader slot: it holds the lease, or forging is moving from or to it
   * (its credentials may be given, or not yet taken). The other producer is keyless and forges nothing, so a planned
   * action on it waits for no free window.
   */
  public boolean mayForge(String node) {
    return lease.holder().equals(node) || (handover != null && (handover.from().equals(node)
        || handover.to().equals(node)));
  }

  /** With a move in progress (or none). */
  public LeaseState withHandover(Handover h) {
    return new LeaseState(lease, h, h == null ? switchoverRequestedAt : null);
  }

  /** With a switchover asked for at {@code at} (or none). */
  public LeaseState withSwitchoverRequested(Instant at) {
    return new LeaseState(lease, handover, at);
  }

  /** The lease passed to {@code to}: the next token, nothing in progress. */
  public LeaseState promoted(String to, Instant now) {
    return new LeaseState(lease.passTo(to, now), null, null);
  }
}
