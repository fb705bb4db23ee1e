package io.palisade.console.account;

/** The outcome of checking a TOTP code. */
public enum TotpCheck {
  /** Right code, never used before: accepted, and its step is now spent. */
  ACCEPTED,
  /** Not the code of any step in the window. */
  WRONG,
  /** The right code for a step already used: a replay, refused. */
  REPLAYED,
  /** The operator has no TOTP authenticator (or is not an active operator). */
  NOT_SET_UP
}
