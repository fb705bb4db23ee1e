package io.palisade.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision or event of the runtime (a restart, a rollout step, a rollback).
 *
 * @param at when
 * @param node the node concerned; empty for the pool as a whole
 * @param kind a short machine word ({@code restart}, {@code rollout-step}, ...)
 * @param message the reason, for the operator
 */
public record PoolEvent(Instant at, String node, String kind, String message) {
  /** Rejects nulls. */
  public PoolEvent {
    Objects.requireNonNull(at, "at");
    node = node == null ? "" : node;
    Objects.requireNonNull(kind, "kind");
    message = message == null ? "" : message;
  }
}
