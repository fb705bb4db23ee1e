package io.palisade.ouroboros.n2c;

import java.util.Objects;
import java.util.Optional;

/**
 * What the leader check reads from {@code GetCurrentPParams}: the protocol version (major 7+ is Babbage's Praos,
 * before it TPraos) and the decentralisation parameter d of Shelley to Alonzo (empty from Babbage on, where it no
 * longer exists; with d > 0 some slots were reserved for the genesis delegates).
 *
 * @param protocolMajor protocol version major
 * @param protocolMinor protocol version minor
 * @param decentralisation d, in eras that have it
 */
public record ProtocolParameters(long protocolMajor, long protocolMinor, Optional<Ratio> decentralisation) {
  /** Requires the optional. */
  public ProtocolParameters {
    Objects.requireNonNull(decentralisation, "decentralisation");
  }
}
