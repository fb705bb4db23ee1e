package io.palisade.deploy.output;

import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes rendered files into a directory, each atomically (a temporary file in the same directory, fsync, rename,
 * fsync of the directory), so a crash leaves every file either old or new. Files Palisade rendered before and no
 * longer renders (a removed region's manifests) are removed from its four subdirectories; nothing else is touched.
 */
public final class OutputDirectory {
  private static final Set<String> OWNED_DIRS =
      Set.of(PoolRenderer.KUBERNETES_DIR, PoolRenderer.NODES_DIR, PoolRenderer.FIREWALL_DIR,
          PoolRenderer.MONITORING_DIR);

  private final Path root;

  /** @param root the output directory (created if absent) */
  public OutputDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * Writes every file and removes stale ones.
   *
   * @param files the rendered files
   * @return the paths written, relative to the root
   * @throws IOException if a file cannot be written
   */
  public List<String> write(List<RenderedFile> files) throws IOException {
    Files.createDirectories(root);
    Set<Path> written = new HashSet<>();
    List<String> paths = new ArrayList<>();
    for (RenderedFile f : files) {
      Path target = root.resolve(f.path()).normalize();
      if (!target.startsWith(root)) {
        throw new IOException("refusing to write outside " + root + ": " + f.path());
      }
      Files.createDirectories(target.getParent());
      AtomicFile.write(target, f.bytes(), f.secret());
      written.add(target);
      paths.add(f.path());
    }
    removeStale(written);
    return paths;
  }

  private void removeStale(Set<Path> written) throws IOException {
    for (String dir : OWNED_DIRS) {
      Path sub = root.resolve(dir);
      if (!Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      List<Path> stale;
      try (Stream<Path> walk = Files.walk(sub)) {
        stale = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .filter(p -> p.toString().matches(".*\\.(yaml|json|nft)$"))
            .filter(p -> !written.contains(p)).toList();
      }
      for (Path p : stale) {
        Files.delete(p);
      }
      try (Stream<Path> walk = Files.walk(sub)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(sub) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(p)) {
              if (entries.findAny().isEmpty()) {
                Files.delete(p);
              }
            }
          }
        }
      }
    }
  }
}
