package io.palisade.control.local;

import java.nio.file.Path;

/**
 * The block producer's hot-key files as cardano-node reads them ({@code --shelley-kes-key}, {@code --shelley-vrf-key},
 * {@code --shelley-operational-certificate}), in a RAM-backed directory that {@code palisade down} removes.
 *
 * @param kesKey the KES signing key file
 * @param vrfKey the VRF signing key file
 * @param operationalCertificate the operational certificate file
 */
public record HotKeyFiles(Path kesKey, Path vrfKey, Path operationalCertificate) {}
