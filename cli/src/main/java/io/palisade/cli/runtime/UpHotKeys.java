package io.palisade.cli.runtime;

import io.palisade.chain.ChainClock;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.control.KeyChanges;
import io.palisade.keys.KeysException;
import io.palisade.runtime.local.HotKeyFiles;
import io.palisade.runtime.local.HotKeySetup;
import io.palisade.runtime.local.LocalPool;
import io.palisade.spec.KeysSpec;
import io.palisade.spec.LoadedPoolSpec;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * The block producer's key files for {@code palisade up}: from the spec's hot-key bundle (its passphrase from a file
 * or the terminal), or a throwaway DEMO set for a simulated pool; none after a revocation recorded in the data
 * directory. A real cardano-node without a bundle runs as a non-producing node.
 */
final class UpHotKeys {
  private UpHotKeys() {}

  /**
   * The key files to start the block producer with.
   *
   * @param loaded the pool spec
   * @param dataDir the runtime's data directory
   * @param passphraseFile the bundle's passphrase file, or null to ask on the terminal
   * @param err where warnings go
   * @return the key files, or empty for a block producer without keys
   * @throws IOException if the data directory or the passphrase file cannot be read
   */
  static Optional<HotKeyFiles> open(LoadedPoolSpec loaded, Path dataDir, Path passphraseFile, PrintWriter err)
      throws IOException {
    Path dir = HotKeySetup.directoryFor(dataDir, loaded.spec().name());
    KeysSpec keys = loaded.spec().keys();
    Optional<KeyChanges.Revocation> revoked = LocalPool.revokedKeys(dataDir);
    if (revoked.isPresent()) {
      err.println("palisade: WARNING: the block producer's hot keys were revoked through the console on "
          + revoked.get().at() + "; it runs without keys (no forging) until a key rotation through the console"
          + " installs new ones");
      return Optional.empty();
    }
    try {
      if (keys != null && keys.hotKeyBundle() != null) {
        char[] passphrase = passphrase(passphraseFile);
        try {
          return Optional.of(HotKeySetup.open(loaded.resolve(keys.hotKeyBundle()), passphrase, Optional.empty(), dir));
        } finally {
          Arrays.fill(passphrase, '\0');
        }
      }
      if (loaded.spec().node().binary() != null) {
        err.println("palisade: WARNING: no keys.hotKeyBundle in the spec: the block producer runs without hot keys"
            + " and forges nothing");
        return Optional.empty();
      }
      HotKeyFiles demo = HotKeySetup.demo(dir, new ChainClock(loaded.genesis(), Clock.systemUTC()));
      err.println("palisade: the block producer uses a throwaway DEMO key set (in RAM, " + dir + "; removed by"
          + " 'palisade down')");
      return Optional.of(demo);
    } catch (KeysException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "hot-key bundle: " + e.getMessage(), e);
    }
  }

  private static char[] passphrase(Path passphraseFile) throws IOException {
    if (passphraseFile != null) {
      return Files.readString(passphraseFile, StandardCharsets.UTF_8).strip().toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "the hot-key bundle needs its passphrase: pass"
          + " --hot-key-passphrase-file FILE (no terminal to ask on)");
    }
    char[] p = console.readPassword("hot-key bundle passphrase: ");
    if (p == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "no passphrase given");
    }
    return p;
  }
}
