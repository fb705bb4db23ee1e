package io.palisade.runtime.local;

import io.palisade.control.HotKeyFacts;
import io.palisade.keys.bundle.BundleHeader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The block producer's hot-key files as cardano-node reads them ({@code --shelley-kes-key}, {@code --shelley-vrf-key},
 * {@code --shelley-operational-certificate}), in a RAM-backed directory that {@code palisade down} removes, with the
 * public facts of the bundle they came from.
 *
 * @param kesKey the KES signing key file
 * @param vrfKey the VRF signing key file
 * @param operationalCertificate the operational certificate file
 * @param header the bundle's authenticated public facts (pool, counter, KES period, VRF key)
 */
public record HotKeyFiles(Path kesKey, Path vrfKey, Path operationalCertificate, BundleHeader header) {
  /** Checks the fields. */
  public HotKeyFiles {
    Objects.requireNonNull(kesKey, "kesKey");
    Objects.requireNonNull(vrfKey, "vrfKey");
    Objects.requireNonNull(operationalCertificate, "operationalCertificate");
    Objects.requireNonNull(header, "header");
  }

  /** The facts control's key guard rails decide on. */
  public HotKeyFacts facts() {
    return facts(header);
  }

  /**
   * The facts control's key guard rails decide on, from a bundle's header.
   *
   * @param h the bundle's authenticated header
   * @return its facts
   */
  public static HotKeyFacts facts(BundleHeader h) {
    return new HotKeyFacts(h.network(), h.poolIdHex(), h.opcertCounter(), h.kesStartPeriod(),
        h.vrfVerificationKeyHex(), h.demo());
  }

  /** The directory holding the three files. */
  public Path directory() {
    return kesKey.getParent();
  }
}
