package io.palisade.console.account;

import io.palisade.console.RefusedException;

/** What an operator's password must be: long (a passphrase), not the username, not one repeated character. */
public final class PasswordPolicy {
  /** Shortest accepted password. */
  public static final int MIN_LENGTH = 12;
  /** Longest accepted password (Argon2 does not care, but the request size does). */
  public static final int MAX_LENGTH = 256;

  private PasswordPolicy() {}

  /**
   * @param username the operator's name
   * @param password the proposed password
   * @throws RefusedException saying what is wrong
   */
  public static void check(String username, CharSequence password) {
    if (password.length() < MIN_LENGTH) {
      throw new RefusedException("the password must have at least " + MIN_LENGTH + " characters (a passphrase is"
          + " fine), it has " + password.length());
    }
    if (password.length() > MAX_LENGTH) {
      throw new RefusedException("the password must have at most " + MAX_LENGTH + " characters");
    }
    if (password.toString().equalsIgnoreCase(username)) {
      throw new RefusedException("the password must not be the username");
    }
    if (password.chars().distinct().count() < 4) {
      throw new RefusedException("the password must use at least 4 different characters");
    }
  }
}
