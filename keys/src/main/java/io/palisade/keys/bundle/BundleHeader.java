package io.palisade.keys.bundle;

import java.time.Instant;

/**
 * The public facts of a hot-key bundle, readable without its passphrase (and authenticated: {@link
 * HotKeyBundle#inspect} checks the cold key's signature first).
 *
 * @param version the bundle format version
 * @param network the network the opcert is for
 * @param poolIdHex the pool id, hex
 * @param poolIdBech32 the pool id, {@code pool1...}
 * @param coldVerificationKeyHex the cold verification key that signed the bundle and the opcert
 * @param opcertCounter the operational certificate's issue counter
 * @param kesStartPeriod the KES period the opcert starts at
 * @param kesVerificationKeyHex the certified KES key
 * @param vrfVerificationKeyHex the VRF key
 * @param createdAt when the bundle was made
 * @param demo true for a throwaway demo bundle, never for a real pool
 */
public record BundleHeader(
    int version,
    String network,
    String poolIdHex,
    String poolIdBech32,
    String coldVerificationKeyHex,
    long opcertCounter,
    long kesStartPeriod,
    String kesVerificationKeyHex,
    String vrfVerificationKeyHex,
    Instant createdAt,
    boolean demo) {}
