package io.palisade.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a file so that a crash at any point leaves either the old content or the new, whole: a temporary file in the
 * same directory, created with its final permissions, written and fsynced, renamed over the target, then the directory
 * fsynced.
 */
public final class AtomicFile {
  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFile() {}

  /**
   * Writes {@code content} to {@code target} atomically.
   *
   * @param target the file to create or replace
   * @param content the bytes
   * @param ownerOnly create the file with mode 0600 (secret or private material) instead of 0644
   * @throws UncheckedIOException naming the file if it cannot be written; the target is then unchanged
   */
  public static void write(Path target, byte[] content, boolean ownerOnly) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    byte[] suffix = new byte[6];
    RANDOM.nextBytes(suffix);
    Path tmp = dir.resolve("." + absolute.getFileName() + ".tmp-" + HexFormat.of().formatHex(suffix));
    try {
      Files.createDirectories(dir);
      var perms = PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--");
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(perms));
      // createFile is subject to the umask; set the mode explicitly so 0644 is not narrowed or 0600 widened.
      Files.setPosixFilePermissions(tmp, perms);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      fsyncDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException(new IOException("cannot write " + target + ": temporary name taken", e));
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Fsyncs a directory so a rename or delete in it survives a crash. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // The target is unchanged; a stray temporary file is harmless and named as such.
    }
  }
}
