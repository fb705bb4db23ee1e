package io.palisade.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Each block producer's credential paths under the pool's RAM key directory ({@code producers/NODE/}, 0700): given as
 * symbolic links to the installed hot keys, so the keys exist in one plaintext copy; taken by removing the links,
 * never writing through them.
 */
final class ProducerKeyLinks {
  private final Path base;

  /** @param base the {@code producers} directory under the pool's RAM key directory */
  ProducerKeyLinks(Path base) {
    this.base = base;
  }

  private Path dirOf(String node) {
    return base.resolve(node);
  }

  /** The paths a node's credentials have in its directory (given or not). */
  HotKeyFiles filesOf(String node, HotKeyFiles keys) {
    Path d = dirOf(node);
    return new HotKeyFiles(d.resolve(keys.kesKey().getFileName()), d.resolve(keys.vrfKey().getFileName()),
        d.resolve(keys.operationalCertificate().getFileName()), keys.header());
  }

  /** Whether the node's directory holds any credential path. */
  boolean has(String node) {
    try (var s = Files.list(dirOf(node))) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Links the node's credential paths (in its 0700 directory) to the installed hot keys: a SIGHUP makes it read the
   * one plaintext copy there, and taking them removes the links only. A copy left by an older version is wiped first.
   */
  void give(String node, HotKeyFiles keys) throws IOException {
    Path d = dirOf(node);
    Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    HotKeyFiles at = filesOf(node, keys);
    link(keys.kesKey(), at.kesKey());
    link(keys.vrfKey(), at.vrfKey());
    link(keys.operationalCertificate(), at.operationalCertificate());
  }

  /** Makes {@code at} a link to {@code target}, atomically (a new link renamed over the old path). */
  private static void link(Path target, Path at) throws IOException {
    Path abs = target.toAbsolutePath();
    if (Files.isSymbolicLink(at) && Files.readSymbolicLink(at).equals(abs)) {
      return;
    }
    if (Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)) {
      Files.write(at, new byte[(int) Math.min(Files.size(at), 1 << 20)]);
    }
    Path tmp = at.resolveSibling(at.getFileName() + ".link");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, abs);
    Files.move(tmp, at, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes the node's credential links (and wipes any old copy). */
  void take(String node) throws IOException {
    HotKeySetup.remove(dirOf(node));
  }
}
