package io.palisade.keys.rotate;

import io.palisade.chain.ChainClock;
import io.palisade.keys.Argon2Kdf;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.EnvelopeType;
import io.palisade.keys.IssueCounter;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.bundle.BundleHeader;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.kes.KesSigningKey;
import io.palisade.keys.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code palisade keys rotate}: checks the guard rails, then issues a new KES key and opcert from the vault's cold
 * key and writes them with the VRF key as one authenticated hot-key bundle. The vault records the issued counter.
 */
public final class Rotation {
  /** Default allowed distance between the node's slot and this machine's clock. */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofHours(3);

  private Rotation() {}

  /**
   * Options.
   *
   * @param coldKeyName the vault's cold key
   * @param vrfKeyName the vault's VRF key
   * @param maxSkew allowed clock distance
   * @param requestedCounter a counter asked for explicitly
   * @param allowBelowLastIssued override the stale-request rule
   * @param counterFile also write a cardano-cli issue counter file here (next = counter + 1)
   * @param bundleKdf Argon2id parameters for the bundle passphrase
   */
  public record Options(String coldKeyName, String vrfKeyName, Duration maxSkew, Optional<Long> requestedCounter,
      boolean allowBelowLastIssued, Optional<Path> counterFile, Argon2Kdf bundleKdf) {}

  /**
   * The result.
   *
   * @param decision what the guard rails decided
   * @param bundle the header of the bundle written
   */
  public record Result(RotationDecision decision, BundleHeader bundle) {}

  /**
   * Rotates.
   *
   * @throws KeysException REFUSED listing every failed guard rail; nothing is written then
   */
  public static Result rotate(Vault vault, RotationRequest request, Options options, char[] bundlePassphrase,
      Path bundleOut, ChainClock clock) {
    var coldVk = vault.coldVerificationKey(options.coldKeyName()).orElseThrow(() -> noColdKey(vault,
        options.coldKeyName()));
    if (!vault.contains(options.vrfKeyName())) {
      throw KeysException.invalid("the vault holds no VRF key named \"" + options.vrfKeyName() + "\"; create one with"
          + " 'palisade keys node key-gen-VRF --signing-key-file vault:" + options.vrfKeyName() + "' or import it");
    }
    RotationDecision d = RotationGuard.decide(request,
        new RotationGuard.VaultFacts(coldVk.poolId(), vault.network(), vault.lastIssuedCounter()), clock,
        options.maxSkew(), options.requestedCounter(), options.allowBelowLastIssued());
    if (!d.allowed()) {
      throw new KeysException(Kind.REFUSED, "rotation refused (nothing written):\n  - "
          + String.join("\n  - ", d.refusals()));
    }
    if (Files.exists(bundleOut)) {
      throw new KeysException(Kind.REFUSED, bundleOut + " already exists; nothing written");
    }
    try (ColdSigningKey cold = vault.coldKey(options.coldKeyName());
        VrfSigningKey vrf = vault.vrfKey(options.vrfKeyName());
        KesSigningKey kes = KesSigningKey.generate(new SecureRandom())) {
      OperationalCertificate opcert = OperationalCertificate.issue(cold, kes.verificationKey(), d.counter(),
          d.kesPeriod());
      BundleHeader header = HotKeyBundle.write(bundleOut, vault.network(), cold, opcert, kes, vrf, bundlePassphrase,
          options.bundleKdf(), clock.instant(), false);
      vault.recordIssued(d.counter(), d.kesPeriod());
      options.counterFile().ifPresent(f -> new IssueCounter(d.counter() + 1, cold.verificationKey()).write(f));
      return new Result(d, header);
    }
  }

  /** Why the vault has no usable cold key of that name: absent, or held under another envelope type. */
  private static KeysException noColdKey(Vault vault, String name) {
    String expected = EnvelopeType.COLD_SIGNING_KEY.type();
    return vault.keyType(name)
        .map(type -> KeysException.invalid("vault key \"" + name + "\" is a " + type + ", not a cold signing key ("
            + expected + "): an opcert must be signed by the pool's cold key; import it under another name and pass"
            + " --cold-key-name, or re-import the right key"))
        .orElseGet(() -> KeysException.invalid("the vault holds no cold key named \"" + name + "\" (it holds: "
            + String.join(", ", vault.names()) + "); create one with 'palisade keys node key-gen' or import it"));
  }
}
