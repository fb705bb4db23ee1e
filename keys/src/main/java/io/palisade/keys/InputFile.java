package io.palisade.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file that comes from outside, with a size cap checked before reading and errors that name the file. */
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
      long size = Files.size(file);
      if (size > maxBytes) {
        throw KeysException.invalid(file + ": too large for a " + what + " (" + size + " bytes)");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw KeysException.invalid(file + ": no such file (expected a " + what + ")");
    } catch (IOException e) {
      throw KeysException.invalid(file + ": cannot read: " + e.getMessage());
    }
  }
}
