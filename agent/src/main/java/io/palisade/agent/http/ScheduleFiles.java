package io.palisade.agent.http;

import io.palisade.spec.BoundedFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The leader-schedule files the pod's schedule sidecar writes ({@code palisade leader-schedule --watch --out-dir}),
 * read-only, for {@code GET /leader-schedule}. The agent holds no key and computes nothing: it hands out what is in
 * the directory, so the operator can copy it into the pool's Secret without a token in the producer's pod.
 *
 * <p>Hostile names are the point of this class: a name is served only when it is exactly {@code epoch-<N>.json}
 * ({@link #NAME}: digits only, so no separator, no dot-dot, no percent-decoded trick survives), only a regular file
 * that is not a symbolic link is opened, and at most {@link #MAX_BYTES} are read (a mainnet epoch's schedule is a few
 * KiB; the operator's cap on an agent's answer is 1 MiB).
 */
public final class ScheduleFiles {
  /** The only names served: what {@code leader-schedule --out-dir} writes and the operator's Secret keys are. */
  public static final Pattern NAME = Pattern.compile("epoch-(0|[1-9][0-9]{0,9})\\.json");
  /** Largest file served, in bytes. */
  public static final int MAX_BYTES = 512 * 1024;
  /** Most files listed: the sidecar keeps two (the current and the next epoch). */
  public static final int MAX_FILES = 16;

  private final Path dir;

  /**
   * @param dir the directory the sidecar writes (the pod's shared emptyDir, mounted read-only in the agent)
   */
  public ScheduleFiles(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * The names of the schedule files held, sorted by epoch; names that are not {@link #NAME} are left out.
   *
   * @return at most {@link #MAX_FILES} names
   * @throws IOException when the directory cannot be listed
   */
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (NAME.matcher(name).matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          names.add(name);
        }
      }
    }
    names.sort((a, b) -> Long.compare(epochOf(a), epochOf(b)));
    return names.size() > MAX_FILES ? names.subList(names.size() - MAX_FILES, names.size()) : names;
  }

  /**
   * One file's bytes.
   *
   * @param name the name asked for, as the client sent it
   * @return its bytes; empty when the name is not {@link #NAME} or no such regular file is there
   * @throws IOException when the file is larger than {@link #MAX_BYTES} or cannot be read
   */
  public Optional<byte[]> read(String name) throws IOException {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path file = dir.resolve(name);
    // A link could point anywhere in the agent's file system: the sidecar writes regular files only.
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      // Not followed at the open either: a link swapped in after the check is refused, not read.
      return Optional.of(BoundedFile.readNoLinks(file, MAX_BYTES));
    } catch (NoSuchFileException e) {
      // Removed between the check and the read: the sidecar dropped a past epoch.
      return Optional.empty();
    }
  }

  /**
   * What identifies one version of a file, to tell a changed file from the one read before without reading it: the
   * sidecar replaces a file by an atomic rename, which gives it a new file key (inode), and its size and modification
   * time change with its content.
   *
   * @param size its size in bytes
   * @param modified its last modification
   * @param fileKey the file system's key of the file (an inode), or null where there is none
   */
  public record Stamp(long size, FileTime modified, Object fileKey) {}

  /**
   * One file's {@link Stamp}, under the same rules as {@link #read}: the name must be {@link #NAME}, and only a regular
   * file that is not a symbolic link has one.
   *
   * @param name the file's name
   * @return its stamp; empty when the name is not {@link #NAME} or no such regular file is there
   * @throws IOException when its attributes cannot be read
   */
  public Optional<Stamp> stamp(String name) throws IOException {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes a = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() ? Optional.of(new Stamp(a.size(), a.lastModifiedTime(), a.fileKey()))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The epoch a file name stands for.
   *
   * @param name a name matching {@link #NAME}
   * @return its epoch
   */
  public static long epochOf(String name) {
    var m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a schedule file name: " + name);
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * The file name of an epoch's schedule.
   *
   * @param epoch the epoch
   * @return {@code epoch-<N>.json}
   */
  public static String nameOf(long epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative: " + epoch);
    }
    return "epoch-" + epoch + ".json";
  }
}
