package io.palisade.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file a user named (a pool spec, a key, an opcert, a passphrase, a checkpoint) with a hard cap: only a
 * regular file is opened (a FIFO would block the read forever, {@code /dev/zero} would fill the heap), and at most
 * {@code max + 1} bytes are read whatever its size claims. The one home of bounded file reads for spec, keys and the
 * CLI.
 */
public final class BoundedFile {
  private BoundedFile() {}

  /**
   * @param file the file
   * @param maxBytes the most it may hold
   * @return its bytes
   * @throws NoSuchFileException when it does not exist
   * @throws IOException when it is not a regular file, is larger than {@code maxBytes}, or cannot be read; the message
   *     says which (without the file name: callers add it)
   */
  public static byte[] read(Path file, int maxBytes) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException(Files.isDirectory(file) ? "is a directory"
          : "is not a regular file (a device, FIFO or socket is never read)");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(maxBytes + 1);
    }
    if (bytes.length > maxBytes) {
      throw new IOException("is too large (more than " + maxBytes + " bytes)");
    }
    return bytes;
  }
}
