package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads passphrases and PINs from a file (first line) or, on a terminal, a prompt without echo. */
final class Secrets {
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
  static char[] read(Path file, String what, String flag, boolean confirm) {
    if (file != null) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "cannot read " + flag + " " + file + ": " + e.getMessage());
      }
      try {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        int end = 0;
        while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
          end++;
        }
        char[] out = Arrays.copyOf(chars.array(), end);
        Arrays.fill(chars.array(), '\0');
        if (out.length == 0) {
          throw new ExitException(ExitCodes.INVALID_INPUT, flag + " " + file + " is empty");
        }
        return out;
      } finally {
        Arrays.fill(bytes, (byte) 0);
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
