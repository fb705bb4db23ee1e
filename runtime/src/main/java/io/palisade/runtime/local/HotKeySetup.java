package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.keys.bundle.DemoKeys;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The block producer's hot keys on this host: opened from a hot-key bundle (or, for the demo pool, a throwaway DEMO
 * set made on the spot) and written as the node's key files into a RAM-backed directory,
 * {@code /dev/shm/palisade-UID/POOL-ID/} (mode 0700, files 0600), which {@code palisade down} removes. The keys never
 * touch a disk.
 */
public final class HotKeySetup {
  private HotKeySetup() {}

  /**
   * The RAM-backed directory for a pool's hot keys: under {@code /dev/shm} when it exists (tmpfs), else the system
   * temporary directory.
   *
   * @param dataDir the pool's data directory (distinguishes two pools of the same name)
   * @param pool the pool's name
   * @return the directory (not created)
   */
  public static Path directoryFor(Path dataDir, String pool) {
    Path shm = Path.of("/dev/shm");
    Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    return base.resolve("palisade-" + uid()).resolve(pool + "-" + shortHash(dataDir.toAbsolutePath().toString()));
  }

  /**
   * A throwaway DEMO key set for a demo pool: made in {@code dir} if not there yet (so a restarted control plane
   * keeps the same demo pool id while the machine is up), opened, and written as node files.
   *
   * @param dir the RAM-backed directory ({@link #directoryFor})
   * @param clock the network's chain clock (the opcert starts at its current KES period)
   * @return the node's key files
   * @throws IOException if the directory cannot be used
   */
  public static HotKeyFiles demo(Path dir, ChainClock clock) throws IOException {
    createPrivate(dir);
    Path bundleDir = dir.resolve("demo-bundle");
    createPrivate(bundleDir);
    Path bundle = bundleDir.resolve(DemoKeys.BUNDLE_FILE);
    Path passFile = bundleDir.resolve(DemoKeys.PASSPHRASE_FILE);
    if (!Files.exists(bundle) || !Files.exists(passFile)) {
      Files.deleteIfExists(bundle);
      Files.deleteIfExists(passFile);
      DemoKeys.create(bundleDir, clock);
    }
    char[] passphrase = Files.readString(passFile, StandardCharsets.US_ASCII).strip().toCharArray();
    try {
      BundleHeader header = HotKeyBundle.inspect(bundle);
      return open(bundle, passphrase, Optional.of(header.poolIdHex()), dir);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  /**
   * Opens an operator's hot-key bundle and writes the node files.
   *
   * @param bundle the bundle ({@code keys.hotKeyBundle} of the spec)
   * @param passphrase its passphrase; the caller wipes it
   * @param expectedPoolIdHex the pool the bundle must belong to, if known
   * @param dir the RAM-backed directory ({@link #directoryFor})
   * @return the node's key files
   * @throws IOException if the directory cannot be used
   * @throws io.palisade.keys.KeysException if the bundle is not authentic or the passphrase is wrong
   */
  public static HotKeyFiles open(Path bundle, char[] passphrase, Optional<String> expectedPoolIdHex, Path dir)
      throws IOException {
    return open(bundle, passphrase, expectedPoolIdHex, dir, "node");
  }

  /**
   * Opens a bundle into a new subdirectory of the hot-key directory, beside the keys in use: a rotation writes the
   * new keys completely before the block producer is switched to them, so a crash never leaves a mix of old and new
   * files.
   *
   * @param bundle the bundle
   * @param passphrase its passphrase; the caller wipes it
   * @param expectedPoolIdHex the pool the bundle must belong to, if known
   * @param dir the RAM-backed directory ({@link #directoryFor})
   * @return the new key files (in {@code dir/node-COUNTER-N})
   * @throws IOException if the directory cannot be used
   * @throws io.palisade.keys.KeysException if the bundle is not authentic or the passphrase is wrong
   */
  public static HotKeyFiles install(Path bundle, char[] passphrase, Optional<String> expectedPoolIdHex, Path dir)
      throws IOException {
    BundleHeader header = HotKeyBundle.inspect(bundle);
    String name = "node-" + header.opcertCounter();
    for (int i = 1; Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS); i++) {
      name = "node-" + header.opcertCounter() + "-" + i;
    }
    return open(bundle, passphrase, expectedPoolIdHex, dir, name);
  }

  private static HotKeyFiles open(Path bundle, char[] passphrase, Optional<String> expectedPoolIdHex, Path dir,
      String subdirectory) throws IOException {
    Path nodeFiles = dir.resolve(subdirectory);
    createPrivate(dir);
    createPrivate(nodeFiles);
    try (HotKeys keys = HotKeyBundle.open(bundle, passphrase, expectedPoolIdHex)) {
      keys.writeNodeFiles(nodeFiles);
      return new HotKeyFiles(nodeFiles.resolve(HotKeys.KES_FILE), nodeFiles.resolve(HotKeys.VRF_FILE),
          nodeFiles.resolve(HotKeys.OPCERT_FILE), keys.header());
    }
  }

  /**
   * Removes a hot-key directory: every file overwritten with zeros, then deleted.
   *
   * @param dir the directory ({@link #directoryFor})
   * @throws IOException if it cannot be removed
   */
  public static void remove(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        // Never through a link: a producer's credentials are links to the installed keys, wiped on their own.
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.write(p, new byte[(int) Math.min(Files.size(p), 1 << 20)]);
        }
        Files.delete(p);
      }
    }
  }

  /** Creates {@code dir} (and missing parents) with mode 0700, or checks that an existing one is private. */
  private static void createPrivate(Path dir) throws IOException {
    Path parent = dir.getParent();
    if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
      createPrivate(parent);
    }
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return;
    }
    // In a shared place (/dev/shm) a directory someone else made, or a link, could leak the keys.
    PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isDirectory() || !attrs.owner().getName().equals(System.getProperty("user.name"))
        || !attrs.permissions().equals(PosixFilePermissions.fromString("rwx------"))) {
      throw new IOException(dir + " is not a private directory of " + System.getProperty("user.name")
          + " (a directory with mode 0700); refusing to put hot keys there");
    }
  }

  private static String uid() {
    try {
      return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return System.getProperty("user.name");
    }
  }

  private static String shortHash(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
