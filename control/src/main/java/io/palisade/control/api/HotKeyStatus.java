package io.palisade.control.api;

import java.time.Instant;

/**
 * The block producer's hot keys in {@code GET /v1/status}: installed (and which), revoked, or none. Public facts only.
 *
 * @param state installed, revoked or none (JSON: {@code INSTALLED}, {@code REVOKED}, {@code NONE})
 * @param poolId the pool id (hex), or null
 * @param poolIdBech32 the pool id ({@code pool1...}), or null
 * @param opcertCounter the installed operational certificate's counter (the revoked one's when revoked), or null
 * @param kesStartPeriod the KES period the installed certificate starts at, or null
 * @param kesPeriodsLeft KES periods before it expires, or null
 * @param kesExpiry when it expires, or null
 * @param demo whether it is a throwaway DEMO key set
 * @param detail one line for people (for a revocation: when and why)
 */
public record HotKeyStatus(
    State state,
    String poolId,
    String poolIdBech32,
    Long opcertCounter,
    Long kesStartPeriod,
    Long kesPeriodsLeft,
    Instant kesExpiry,
    boolean demo,
    String detail) {

  /** Whether the block producer holds hot keys. */
  public enum State {
    /** Keys are installed: the block producer can forge. */
    INSTALLED,
    /** The keys were revoked and not rotated since: the block producer does not forge. */
    REVOKED,
    /** No keys: the block producer does not forge. */
    NONE
  }
}
