package io.palisade.keys;

/**
 * The one exception of the keys module. Its {@link Kind} tells a caller (the CLI) what went wrong in a way that maps to
 * an exit code. Messages never hold secret material: they name files, types and sizes.
 */
public class KeysException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is. */
  public enum Kind {
    /** A malformed, truncated or wrongly typed file or flag. */
    INVALID_INPUT,
    /** A wrong passphrase or PIN. */
    WRONG_CREDENTIAL,
    /** Authenticated data did not authenticate: altered, corrupted or from another key. */
    TAMPERED,
    /** A guard rail refused the operation. */
    REFUSED,
    /** A token or library is missing or unreachable. */
    UNAVAILABLE,
    /** A check ran and its answer is no (an invalid certificate, a failed drill). */
    CHECK_FAILED
  }

  private final Kind kind;

  /**
   * @param kind what kind of failure
   * @param message what happened, naming no secret
   */
  public KeysException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * @param kind what kind of failure
   * @param message what happened, naming no secret
   * @param cause the underlying error
   */
  public KeysException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** What kind of failure this is. */
  public Kind kind() {
    return kind;
  }

  /** A malformed input. */
  public static KeysException invalid(String message) {
    return new KeysException(Kind.INVALID_INPUT, message);
  }
}
