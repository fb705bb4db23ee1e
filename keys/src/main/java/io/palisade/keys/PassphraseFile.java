package io.palisade.keys;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a passphrase or PIN from a file without making a String of it: the file's first line, without its line break,
 * exactly as written otherwise (UTF-8, at most {@value #MAX_BYTES} bytes).
 *
 * <p>One rule for every reader: a bundle sealed offline with a passphrase file must open online with the same file,
 * so the offline commands, the CLI and the single-host runtime all read it here.
 */
public final class PassphraseFile {
  /** Longest passphrase file accepted. */
  public static final int MAX_BYTES = 4096;

  private PassphraseFile() {}

  /**
   * @param file the file
   * @param what what it holds, for messages ("bundle passphrase")
   * @return the secret; the caller wipes it
   * @throws KeysException INVALID_INPUT if the file is missing, not a regular file, too large, not UTF-8 or its first
   *     line is empty (the message never holds the file's content)
   */
  public static char[] read(Path file, String what) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw KeysException.invalid(file + ": not a regular file (expected a " + what + " file)");
    }
    byte[] bytes = InputFile.read(file, MAX_BYTES, what + " file");
    CharBuffer chars = null;
    try {
      chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      int end = 0;
      while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
        end++;
      }
      if (end == 0) {
        throw KeysException.invalid(file + ": the " + what + " file is empty (its first line holds the " + what + ")");
      }
      char[] out = new char[end];
      chars.get(0, out, 0, end);
      return out;
    } catch (CharacterCodingException e) {
      throw KeysException.invalid(file + ": the " + what + " file is not UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }
}
