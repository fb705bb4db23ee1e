package io.palisade.control.api;

import java.time.Instant;

/**
 * The block producer's hot keys in {@code GET /v1/status}: installed (and which), revoked, or none. Public facts only.
 *
 * @param state {@code INSTALLED}, {@code REVOKED} or {@code NONE}
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
    String state,
    String poolId,
    String poolIdBech32,
    Long opcertCounter,
    Long kesStartPeriod,
    Long kesPeriodsLeft,
    Instant kesExpiry,
    boolean demo,
    String detail) {}
