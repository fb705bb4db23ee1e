package io.palisade.keys.bundle;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.keys.Argon2Kdf;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.KeysException;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.kes.KesSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * A throwaway key set for the single-host demo: a fresh cold key that is thrown away after signing (so the pool can
 * never be registered), a VRF key, a KES key, an opcert with counter 0 at the current KES period, all in a real,
 * signed, encrypted hot-key bundle flagged {@code "demo": true}. Files are named DEMO-*.
 *
 * <pre>{@code
 * DemoKeys.Result demo = DemoKeys.create(dir, new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.systemUTC()));
 * try (HotKeys keys = HotKeyBundle.open(demo.bundle(), demo.readPassphrase(), Optional.of(demo.poolIdHex()))) { ... }
 * }</pre>
 */
public final class DemoKeys {
  /** The bundle's file name. */
  public static final String BUNDLE_FILE = "DEMO-hot-key-bundle.json";
  /** The passphrase file's name. */
  public static final String PASSPHRASE_FILE = "DEMO-bundle-passphrase.txt";

  private DemoKeys() {}

  /**
   * What was made.
   *
   * @param bundle the bundle file
   * @param passphraseFile the file holding its (demo) passphrase, mode 0600
   * @param poolIdHex the demo pool id
   * @param kesPeriod the opcert's KES start period
   */
  public record Result(Path bundle, Path passphraseFile, String poolIdHex, long kesPeriod) {
    /** The passphrase from {@link #passphraseFile}; the caller wipes it. */
    public char[] readPassphrase() {
      try {
        return Files.readString(passphraseFile, StandardCharsets.US_ASCII).strip().toCharArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Makes a demo bundle in {@code dir} for the network of {@code genesis}, at the time of {@code clock}. */
  public static Result create(Path dir, GenesisParameters genesis, Clock clock) {
    return create(dir, new ChainClock(genesis, clock));
  }

  /** Makes a demo bundle in {@code dir} for the clock's network, at its current KES period. */
  public static Result create(Path dir, ChainClock clock) {
    Path bundle = dir.resolve(BUNDLE_FILE);
    Path passFile = dir.resolve(PASSPHRASE_FILE);
    if (Files.exists(bundle) || Files.exists(passFile)) {
      throw new KeysException(KeysException.Kind.REFUSED, dir + " already holds a demo key set");
    }
    SecureRandom random = new SecureRandom();
    byte[] pass = new byte[18];
    random.nextBytes(pass);
    String passphrase = "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(pass);
    long period = clock.now().kesPeriod();
    try (ColdSigningKey cold = ColdSigningKey.generate(random);
        VrfSigningKey vrf = VrfSigningKey.generate(random);
        KesSigningKey kes = KesSigningKey.generate(random)) {
      OperationalCertificate opcert = OperationalCertificate.issue(cold, kes.verificationKey(), 0, period);
      try {
        AtomicFile.write(passFile, (passphrase + "\n").getBytes(StandardCharsets.US_ASCII), true);
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      // The minimum Argon2id cost: a demo passphrase is stored beside the bundle anyway.
      HotKeyBundle.write(bundle, clock.genesis().networkName(), cold, opcert, kes, vrf, passphrase.toCharArray(),
          Argon2Kdf.fresh(Argon2Kdf.MIN_MEMORY_KIB, 1), clock.instant(), true);
      return new Result(bundle, passFile, cold.poolId().hex(), period);
    }
  }
}
