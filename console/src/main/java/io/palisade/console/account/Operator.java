package io.palisade.console.account;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator of the console (there are at most two). Holds no secret.
 *
 * @param username the login name
 * @param slot 1 or 2
 * @param createdAt when enrolled
 * @param invitedBy who invited them; empty for the first operator
 * @param hasTotp whether a TOTP authenticator is set up
 */
public record Operator(String username, int slot, Instant createdAt, String invitedBy, boolean hasTotp) {
  /** Rejects nulls. */
  public Operator {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(createdAt, "createdAt");
    invitedBy = invitedBy == null ? "" : invitedBy;
  }
}
