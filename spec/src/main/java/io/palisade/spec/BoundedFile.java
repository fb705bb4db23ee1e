package io.palisade.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    return read(file, maxBytes, new LinkOption[0]);
  }

  /**
   * As {@link #read(Path, int)}, for a file in a directory someone else writes: a symbolic link is refused, also one
   * put in the file's place between the check and the open (the open itself does not follow it, {@code O_NOFOLLOW}).
   *
   * @param file the file
   * @param maxBytes the most it may hold
   * @return its bytes
   * @throws NoSuchFileException when it does not exist
   * @throws IOException when it is a link, not a regular file, larger than {@code maxBytes}, or cannot be read
   */
  public static byte[] readNoLinks(Path file, int maxBytes) throws IOException {
    return read(file, maxBytes, LinkOption.NOFOLLOW_LINKS);
  }

  private static byte[] read(Path file, int maxBytes, LinkOption... links) throws IOException {
    if (!Files.exists(file, links)) {
      throw new NoSuchFileException(file.toString());
    }
    if (!Files.isRegularFile(file, links)) {
      throw new IOException(Files.isSymbolicLink(file) && links.length > 0 ? "is a symbolic link"
          : Files.isDirectory(file) ? "is a directory"
          : "is not a regular file (a device, FIFO or socket is never read)");
    }
    Set<OpenOption> options = new HashSet<>(List.of(StandardOpenOption.READ));
    options.addAll(List.of(links));
    byte[] bytes;
    try (InputStream in = Channels.newInputStream(Files.newByteChannel(file, options))) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (FileSystemException e) {
      // O_NOFOLLOW on a link swapped in after the check: ELOOP.
      if (links.length > 0 && Files.isSymbolicLink(file)) {
        throw new IOException("is a symbolic link");
      }
      throw e;
    }
    if (bytes.length > maxBytes) {
      throw new IOException("is too large (more than " + maxBytes + " bytes)");
    }
    return bytes;
  }
}
