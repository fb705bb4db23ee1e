package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.KeysException;
import io.palisade.keys.PassphraseFile;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads passphrases and PINs from a file (first line) or, on a terminal, a prompt without echo. */
public final class Secrets {
  private Secrets() {}

  /**
   * The secret from {@code file}, else a prompt.
   *
   * @param file a file whose first line is the secret, or null
   * @param what what to call it ("vault passphrase")
   * @param flag the flag that gives the file, for the error without a terminal
   * @param confirm ask twice when prompting (for a new secret)
   * @return the secret; the caller wipes it
   */
  public static char[] read(Path file, String what, String flag, boolean confirm) {
    if (file != null) {
      try {
        return PassphraseFile.read(file, what);
      } catch (KeysException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
      }
    }
    Console console = System.console();
    if (console == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "no " + what + " given and no terminal to ask on: use " + flag);
    }
    char[] first = console.readPassword("%s: ", capitalize(what));
    if (first == null || first.length == 0) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "no " + what + " entered");
    }
    if (confirm) {
      char[] again = console.readPassword("%s again: ", capitalize(what));
      boolean same = Arrays.equals(first, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new ExitException(ExitCodes.INVALID_INPUT, "the two " + what + "s differ; nothing changed");
      }
    }
    return first;
  }

  /** Asks a yes/no question on the terminal; false without one. */
  static boolean confirm(String question) {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    String answer = console.readLine("%s [y/N] ", question);
    return answer != null && answer.trim().equalsIgnoreCase("y");
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
