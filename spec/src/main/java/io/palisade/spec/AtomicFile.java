package io.palisade.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes a file so that a crash at any point leaves either the old content or the new, whole: a temporary file in the
 * same directory, created with its final permissions, written and fsynced, renamed over the target, then the directory
 * fsynced. The one home of atomic writes (keys, runtime state, rendered files, simulated nodes, the CLI's outputs);
 * {@link BoundedFile} is the one home of bounded reads.
 */
public final class AtomicFile {
  /** Owner read/write only: secret or private material, control state. */
  public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  /** Owner read/write, others read: public keys, certificates, rendered configuration. */
  public static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private static final SecureRandom RANDOM = new SecureRandom();

  private AtomicFile() {}

  /**
   * Writes {@code content} to {@code target} atomically, creating its directory when missing.
   *
   * @param target the file to create or replace
   * @param content the bytes
   * @param ownerOnly create the file with mode 0600 ({@link #OWNER_ONLY}) instead of 0644 ({@link #WORLD_READABLE})
   * @throws IOException naming the file if it cannot be written; the target is then unchanged
   */
  public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
    write(target, content, ownerOnly ? OWNER_ONLY : WORLD_READABLE);
  }

  /**
   * Writes {@code content} to {@code target} atomically with the given mode, creating its directory when missing.
   *
   * @param target the file to create or replace
   * @param content the bytes
   * @param mode the file's permissions (set exactly, whatever the umask)
   * @throws IOException naming the file if it cannot be written; the target is then unchanged
   */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
    viaTemporary(target, content, mode, (tmp, absolute) -> {
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Never fall back to a copy: a crash in it would leave a torn file where callers trust a whole one.
        throw new IOException("the file system of " + absolute.getParent() + " cannot rename atomically", e);
      }
      return true;
    });
  }

  /**
   * Creates {@code target} once, atomically: a temporary file is written and fsynced, then hard-linked to its name, so
   * a file another process created meanwhile is never replaced (theirs is kept, which is not an error: two processes
   * generating the same key at first start agree on the first one written); then the directory is fsynced. Where
   * the file system has no hard links, an atomic rename is used when the name is still free.
   *
   * @param target the file to create
   * @param content its bytes
   * @param mode the file's permissions
   * @return whether this call created it ({@code false}: it existed, and was left alone)
   * @throws IOException naming the file if it cannot be written
   */
  public static boolean createOnce(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
    return viaTemporary(target, content, mode, AtomicFile::link);
  }

  /** Puts a written, fsynced temporary file in place of (or beside) its target. */
  private interface Publish {
    boolean publish(Path tmp, Path absoluteTarget) throws IOException;
  }

  /**
   * Writes {@code content} to a temporary file beside {@code target} with its final mode, fsyncs it, publishes it,
   * removes what is left of it, and fsyncs the directory.
   */
  private static boolean viaTemporary(Path target, byte[] content, Set<PosixFilePermission> mode, Publish publish)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    byte[] suffix = new byte[6];
    RANDOM.nextBytes(suffix);
    // A random name: two writers of one file never share a temporary file, and a stale one is never reused.
    Path tmp = dir.resolve("." + absolute.getFileName() + ".tmp-" + HexFormat.of().formatHex(suffix));
    boolean published;
    try {
      Files.createDirectories(dir);
      createWithMode(tmp, mode);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      published = publish.publish(tmp, absolute);
      // After a rename nothing is left; after a link, the temporary name of the same file.
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      IOException failure = new IOException("cannot write " + target + ": " + e.getMessage(), e);
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        // The first failure is the one to report; a stray temporary file is harmless and named as such.
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
    fsyncDirectory(dir);
    return published;
  }

  private static boolean link(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
      return true;
    } catch (FileAlreadyExistsException lost) {
      return false;
    } catch (UnsupportedOperationException | IOException noLinks) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  /**
   * Fsyncs a directory so a rename, create or delete in it survives a power cut. File systems that cannot open a
   * directory for fsync are tolerated: the rename there is atomic still, only not yet durable.
   *
   * @param dir the directory
   */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // See above: nothing better can be done there, and the caller's write already happened.
    }
  }

  private static void createWithMode(Path tmp, Set<PosixFilePermission> mode) throws IOException {
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(mode));
      // createFile is subject to the umask; set the mode explicitly so 0644 is not narrowed or 0600 widened.
      Files.setPosixFilePermissions(tmp, mode);
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
  }
}
