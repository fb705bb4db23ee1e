package io.palisade.console.store;

import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Every file the console keeps is owner-only, whatever the umask and whatever the directory's own mode (a data
 * directory that already existed as 0755, say). The one place that decides it.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /**
   * Creates a directory owner-only when it is missing (an existing one keeps its mode: the files in it are private
   * on their own).
   *
   * @param dir the directory
   * @throws DatabaseUnavailableException when it cannot be created
   */
  public static void createDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        setMode(dir, DIRECTORY);
      }
    } catch (IOException e) {
      throw new DatabaseUnavailableException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates an empty owner-only file when it is missing, and narrows an existing one to owner-only. SQLite gives its
   * {@code -wal} and {@code -shm} files the mode of the database file, so creating that file first is enough.
   *
   * @param file the file
   * @throws DatabaseUnavailableException when it cannot be created or its mode set
   */
  public static void createEmpty(Path file) {
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } catch (FileAlreadyExistsException e) {
        // kept, narrowed below
      }
      ownerOnly(file);
    } catch (IOException e) {
      throw new DatabaseUnavailableException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Narrows a file to owner-only (not following a symbolic link).
   *
   * @param file an existing file
   * @throws IOException when its mode cannot be read or set
   */
  public static void ownerOnly(Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new IOException(file + " is a symbolic link; the console keeps its files itself");
    }
    setMode(file, FILE);
  }

  /**
   * Writes a new owner-only file once, atomically, never replacing a file another process created meanwhile (theirs
   * is kept): {@link AtomicFile#createOnce}.
   *
   * @param file the file to create
   * @param content its bytes
   * @throws IOException when it cannot be written (an existing file is not an error)
   */
  public static void createOnce(Path file, byte[] content) throws IOException {
    AtomicFile.createOnce(file, content, FILE);
  }

  /**
   * Replaces an owner-only file atomically: a crash leaves the old content or the new, whole ({@link AtomicFile}).
   *
   * @param file the file
   * @param content its new bytes
   * @throws IOException when it cannot be written (the old content is then unchanged)
   */
  public static void replace(Path file, byte[] content) throws IOException {
    AtomicFile.write(file, content, FILE);
  }

  private static void setMode(Path p, Set<PosixFilePermission> mode) throws IOException {
    try {
      if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
        Files.setPosixFilePermissions(p, mode);
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the platform's own access control applies.
    }
  }
}
