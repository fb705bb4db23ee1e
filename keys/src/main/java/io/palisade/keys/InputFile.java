package io.palisade.keys;

import io.palisade.spec.BoundedFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file that comes from outside, bounded ({@link BoundedFile}), with errors that name the file. */
public final class InputFile {
  private InputFile() {}

  /**
   * The file's bytes.
   *
   * @param file the file
   * @param maxBytes larger files are refused unread
   * @param what what the file should be, for messages ("key file", "hot-key bundle")
   * @throws KeysException INVALID_INPUT if missing, too large or unreadable
   */
  public static byte[] read(Path file, int maxBytes, String what) {
    try {
      // Bounded whatever the size claims: /dev/zero or a FIFO named as a key file is refused, never read to the end.
      return BoundedFile.read(file, maxBytes);
    } catch (NoSuchFileException e) {
      throw KeysException.invalid(file + ": no such file (expected a " + what + ")");
    } catch (IOException e) {
      throw KeysException.invalid(file + ": not a " + what + ": it " + e.getMessage());
    }
  }
}
