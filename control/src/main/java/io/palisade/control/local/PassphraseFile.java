package io.palisade.control.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a passphrase from a file (a key rotation's bundle passphrase) without making a String of it: UTF-8, trailing
 * line breaks and spaces dropped, at most {@value #MAX_BYTES} bytes. The caller wipes the returned array.
 */
final class PassphraseFile {
  /** Longest passphrase file accepted. */
  static final int MAX_BYTES = 4096;

  private PassphraseFile() {}

  /**
   * @param file the file
   * @return the passphrase; the caller wipes it
   * @throws IOException if the file cannot be read, is not a regular file, is too long, empty or not UTF-8 (the
   *     message never contains the file's content)
   */
  static char[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("passphrase file " + file + " is not a readable regular file");
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException("passphrase file " + file + " is longer than " + MAX_BYTES + " bytes");
    }
    byte[] bytes = Files.readAllBytes(file);
    CharBuffer chars = null;
    try {
      chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      int end = chars.limit();
      while (end > 0 && Character.isWhitespace(chars.get(end - 1))) {
        end--;
      }
      if (end == 0) {
        throw new IOException("passphrase file " + file + " is empty");
      }
      char[] out = new char[end];
      chars.get(0, out, 0, end);
      return out;
    } catch (CharacterCodingException e) {
      throw new IOException("passphrase file " + file + " is not UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }
}
