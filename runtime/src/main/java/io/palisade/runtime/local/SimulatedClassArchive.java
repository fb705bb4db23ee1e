package io.palisade.runtime.local;

import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data archive (JDK application class-data sharing) for the simulated node's JVM, so a restarted simulated
 * node spends less of its start loading and verifying classes — most of what a restart costs beyond the simulated
 * start when the machine is busy. Only for a class path made of jar files (the fat jar, the benchmarks' jar): the
 * JDK cannot archive classes from directories, so tests running from {@code target/classes} never use it.
 *
 * <p>The first start of each node writes the classes it loads to its own list ({@code -XX:DumpLoadedClassList},
 * written as classes load, so it exists even if the node is later killed with -9). A later launch, finding a list
 * and no archive, builds the archive in the background from one list ({@code -Xshare:dump}, a separate JVM whose
 * exit status is checked), forces it to disk, publishes it by an atomic rename and then writes its marker (size and
 * SHA-256) atomically: the marker is the commit. A launch uses the archive only if its marker matches; a truncated
 * archive would crash the JVM (the JDK maps it without checking its length), so an archive without a matching
 * marker is deleted, never passed. The archive's name is a digest of the java, the class path (each jar's size and
 * modification time) and the JVM options, so a new jar or JDK builds a new one.
 */
final class SimulatedClassArchive {
  private static final Duration BUILD_LIMIT = Duration.ofMinutes(2);
  private static final String CLASS_LIST = "classes.lst";

  private final NodeCommand.Simulated command;
  private final Path archive;
  private final Path marker;
  /** One build attempt per control plane: a JDK that cannot dump is not asked again at every restart. */
  private final AtomicBoolean attempted = new AtomicBoolean();
  private volatile boolean verified;

  private SimulatedClassArchive(NodeCommand.Simulated command, Path archive) {
    this.command = command;
    this.archive = archive;
    this.marker = archive.resolveSibling(archive.getFileName() + ".ok");
  }

  /**
   * The archive for a simulated node's command, if its class path is made of jar files only.
   *
   * @param command the simulated node's command
   * @param cacheDir where the archive lives (the data directory's cache)
   * @return the archive, or empty when it cannot apply
   */
  static Optional<SimulatedClassArchive> of(NodeCommand.Simulated command, Path cacheDir) {
    List<Path> entries = Arrays.stream(command.classPath().split(java.io.File.pathSeparator))
        .filter(s -> !s.isEmpty()).map(Path::of).toList();
    if (entries.isEmpty() || !entries.stream().allMatch(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"))
        || "off".equals(System.getenv("PALISADE_SIMNODE_CLASS_ARCHIVE"))) {
      return Optional.empty();
    }
    return Optional.of(new SimulatedClassArchive(command, cacheDir.resolve("simnode-" + key(command, entries)
        + ".jsa")));
  }

  /** The archive file (for tests and status). */
  Path file() {
    return archive;
  }

  /**
   * The JVM options for a node about to start: the archive if it is whole, else a class list of the node's own.
   * When a list from an earlier start exists and no archive does, the archive is built in the background for the
   * starts after this one.
   *
   * @param nodeDir the node's directory
   * @return options to add after the command's own JVM options
   */
  List<String> optionsFor(Path nodeDir) {
    if (whole()) {
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    Path list = nodeDir.resolve(CLASS_LIST);
    if (Files.isRegularFile(list)) {
      buildInBackground(list);
      return List.of();
    }
    return List.of("-XX:DumpLoadedClassList=" + list);
  }

  /** Whether the archive is published and matches its marker (a mismatch removes both). */
  boolean whole() {
    if (verified && Files.isRegularFile(archive)) {
      return true;
    }
    try {
      if (!Files.isRegularFile(marker) || !Files.isRegularFile(archive)) {
        return false;
      }
      String expected = Files.readString(marker, StandardCharsets.US_ASCII).trim();
      if (expected.equals(Files.size(archive) + " " + sha256(archive))) {
        verified = true;
        return true;
      }
      Files.deleteIfExists(marker);
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      // Unreadable: not used; a later launch builds it again.
    }
    return false;
  }

  private void buildInBackground(Path list) {
    if (!attempted.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        build(list);
      } catch (IOException e) {
        // Without an archive the node starts as it always did; the next launch tries again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "simnode-class-archive");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /**
   * Builds and publishes the archive from a class list (blocking).
   *
   * @param list a class list a simulated node wrote
   * @return whether the archive is now whole
   * @throws IOException if it cannot be built or written
   * @throws InterruptedException if interrupted while the dump runs
   */
  boolean build(Path list) throws IOException, InterruptedException {
    Files.createDirectories(archive.getParent());
    Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
      // Built while nodes start and run: it must not take their CPU.
      cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
    }
    cmd.add(command.java());
    command.jvmOptions().stream().filter(o -> !o.startsWith("-Xshare")).forEach(cmd::add);
    cmd.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + tmp,
        "-cp", command.classPath()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      if (!p.waitFor(BUILD_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0
          || !Files.isRegularFile(tmp)) {
        return false;
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      String seal = Files.size(tmp) + " " + sha256(tmp);
      Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      AtomicFile.write(marker, seal.getBytes(StandardCharsets.US_ASCII), AtomicFile.WORLD_READABLE);
      return whole();
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(tmp);
    }
  }

  private static String key(NodeCommand.Simulated command, List<Path> entries) {
    MessageDigest d = digest();
    StringBuilder what = new StringBuilder(command.java()).append('\n');
    try {
      Path java = Path.of(command.java()).toRealPath();
      what.append(java).append(' ').append(Files.size(java)).append(' ').append(Files.getLastModifiedTime(java));
      for (Path e : entries) {
        what.append('\n').append(e).append(' ').append(Files.size(e)).append(' ')
            .append(Files.getLastModifiedTime(e));
      }
    } catch (IOException e) {
      what.append("\nunreadable");
    }
    what.append('\n').append(String.join(" ", command.jvmOptions()));
    return HexFormat.of().formatHex(d.digest(what.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest d = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
