package io.palisade.cli.operator;

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

/** The bundle passphrase: the first line of a file, or a prompt without echo on a terminal. */
public final class PassphraseFile {
  private static final long MAX_BYTES = 4096;

  private PassphraseFile() {}

  /**
   * @param file the file, or null to prompt
   * @param flag the flag naming the file, for messages
   * @return the passphrase; the caller wipes it
   */
  public static char[] read(Path file, String flag) {
    if (file == null) {
      Console console = System.console();
      if (console == null) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "no bundle passphrase given and no terminal to ask on: use "
            + flag);
      }
      char[] typed = console.readPassword("Bundle passphrase: ");
      if (typed == null || typed.length == 0) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "no bundle passphrase entered");
      }
      return typed;
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ExitException(ExitCodes.INVALID_INPUT, flag + " " + file + " is too large for a passphrase file");
      }
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
}
