package io.palisade.console.delay;

import io.palisade.console.account.Operators;
import io.palisade.gateway.PoolAction;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an operator can change through the console: pool actions (through the gateway) and the console's own
 * guarded settings. Whether it waits is {@link #destructive()}.
 */
public sealed interface ConsoleAction
    permits ConsoleAction.OnPool, ConsoleAction.RemoveOperator, ConsoleAction.RemoveFactor, ConsoleAction.ChangeDelay {

  /**
   * @return whether it waits out the delay
   */
  boolean destructive();

  /**
   * @return one line for the operator
   */
  String describe();

  /**
   * A change to the pool.
   *
   * @param action the pool action
   */
  record OnPool(PoolAction action) implements ConsoleAction {
    /** Rejects null. */
    public OnPool {
      Objects.requireNonNull(action, "action");
    }

    @Override
    public boolean destructive() {
      return action.destructive();
    }

    @Override
    public String describe() {
      return action.describe();
    }
  }

  /**
   * Removes an operator. Destructive.
   *
   * @param username the operator
   */
  record RemoveOperator(String username) implements ConsoleAction {
    /** Checks the name's form. */
    public RemoveOperator {
      if (username == null || !Operators.USERNAME.matcher(username).matches()) {
        throw new IllegalArgumentException("not an operator name: " + username);
      }
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "remove operator " + username;
    }
  }

  /**
   * Removes one of an operator's second factors. Destructive.
   *
   * @param username whose
   * @param factor which kind
   * @param credentialId for a passkey, its credential id; empty for TOTP
   */
  record RemoveFactor(String username, FactorKind factor, String credentialId) implements ConsoleAction {
    /** Checks the fields. */
    public RemoveFactor {
      if (username == null || !Operators.USERNAME.matcher(username).matches()) {
        throw new IllegalArgumentException("not an operator name: " + username);
      }
      Objects.requireNonNull(factor, "factor");
      credentialId = credentialId == null ? "" : credentialId;
      if (factor == FactorKind.PASSKEY && !credentialId.matches("[A-Za-z0-9_-]{1,1000}")) {
        throw new IllegalArgumentException("a passkey's credential id is base64url, was: \"" + credentialId + "\"");
      }
      if (factor == FactorKind.TOTP && !credentialId.isEmpty()) {
        throw new IllegalArgumentException("a TOTP authenticator has no credential id");
      }
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return factor == FactorKind.TOTP
          ? "remove the TOTP authenticator of " + username
          : "remove passkey " + (credentialId.length() > 12 ? credentialId.substring(0, 12) + "..." : credentialId)
              + " of " + username;
    }
  }

  /**
   * Changes the destructive-action delay (up or down, never below the floor). Destructive.
   *
   * @param delay the new delay
   */
  record ChangeDelay(Duration delay) implements ConsoleAction {
    /** Checks the floor and ceiling. */
    public ChangeDelay {
      DelayPolicy.checkDelay(delay);
    }

    @Override
    public boolean destructive() {
      return true;
    }

    @Override
    public String describe() {
      return "change the destructive-action delay to " + DelayPolicy.days(delay);
    }
  }

  /** The kinds of second factor. */
  enum FactorKind {
    /** A TOTP authenticator app. */
    TOTP,
    /** A WebAuthn passkey. */
    PASSKEY
  }
}
