package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.keys.Argon2Kdf;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.kes.KesSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * One test pool's keys, as the offline side makes them: a cold key and a VRF key kept for the test's life, and
 * hot-key bundles with a fresh KES key and the next opcert counter each time, installed at the spec's path the way
 * an operator carries a new bundle over.
 */
final class TestBundles implements AutoCloseable {
  static final String PASSPHRASE = "correct horse battery staple";

  private final SecureRandom random = new SecureRandom();
  private final ColdSigningKey cold = ColdSigningKey.generate(random);
  private final VrfSigningKey vrf = VrfSigningKey.generate(random);
  private final ChainClock clock;
  private long counter;

  TestBundles(ChainClock clock) {
    this.clock = clock;
  }

  /** Writes the next bundle over {@code target} and returns its header. */
  BundleHeader next(Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    try (KesSigningKey kes = KesSigningKey.generate(random)) {
      OperationalCertificate opcert = OperationalCertificate.issue(cold, kes.verificationKey(), counter++,
          clock.now().kesPeriod());
      BundleHeader h = HotKeyBundle.write(tmp, clock.genesis().networkName(), cold, opcert, kes, vrf,
          PASSPHRASE.toCharArray(), Argon2Kdf.fresh(Argon2Kdf.MIN_MEMORY_KIB, 1), Clock.systemUTC().instant(), false);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return h;
    }
  }

  /** The passphrase in a file, as an operator would give it. */
  static Path passphraseFile(Path dir) throws IOException {
    Path f = dir.resolve("bundle-passphrase.txt");
    Files.writeString(f, PASSPHRASE + "\n", StandardCharsets.UTF_8);
    return f;
  }

  @Override
  public void close() {
    cold.close();
    vrf.close();
  }
}
