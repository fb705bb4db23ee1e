package io.palisade.cli;

/**
 * Every exit code the {@code palisade} command uses, in one place. Scripts may rely on these.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** The command ran and its answer is "no": a check failed, a certificate is invalid, an audit found a FAIL. */
  public static final int CHECK_FAILED = 1;
  /** Bad input: a wrong flag, an invalid pool.yaml, a malformed or missing file. Nothing was changed. */
  public static final int INVALID_INPUT = 2;
  /** A guard rail refused the operation (for example an opcert counter that would regress). Nothing was changed. */
  public static final int REFUSED = 3;
  /** A service the command needs is unreachable (the control plane is not running, a token is missing). */
  public static final int UNAVAILABLE = 4;
  /** A bug in Palisade: please report it with the output of --verbose. */
  public static final int SOFTWARE = 70;

  /** The list shown at the end of {@code --help}, in picocli's "key:value" form. */
  static final String[] HELP_LIST = {
    "0:success",
    "1:a check ran and failed (invalid certificate, audit FAIL, ...)",
    "2:invalid input (flags, pool.yaml, files); nothing changed",
    "3:refused by a guard rail; nothing changed",
    "4:a needed service is unavailable",
    "70:internal error (report it with --verbose)",
  };

  private ExitCodes() {}
}
