package io.palisade.cli.keys;

import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.KeysException;
import io.palisade.keys.PassphraseFile;
import io.palisade.keys.PassphraseStrength;
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

  /**
   * A new passphrase that will protect keys: read like {@link #read} (asked twice on a terminal), then held to
   * {@link PassphraseStrength}'s requirement for the network. Every command that sets a vault or bundle passphrase
   * reads it here.
   *
   * @param file a file whose first line is the passphrase, or null
   * @param what what to call it ("new vault passphrase")
   * @param flag the flag that gives the file
   * @param network the network of the keys it protects, or null when not known (held to mainnet's requirement)
   * @return the passphrase; the caller wipes it
   * @throws ExitException exit 3 with the reason and advice when it is too weak (and wiped)
   */
  public static char[] readNew(Path file, String what, String flag, NetworkRef network) {
    char[] pass = read(file, what, flag, true);
    try {
      PassphraseStrength.require(pass, network, what);
      return pass;
    } catch (KeysException e) {
      Arrays.fill(pass, '\0');
      throw new ExitException(ExitCodes.REFUSED, e.getMessage(), e);
    }
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
