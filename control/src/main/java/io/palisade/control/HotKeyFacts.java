package io.palisade.control;

import java.util.Objects;

/**
 * The public facts of a set of hot keys that {@link KeyChanges} decides on: what a hot-key bundle's authenticated
 * header says (the runtime reads it from the bundle; control never opens one).
 *
 * @param network the network the operational certificate is for, as genesis names it
 * @param poolIdHex the pool id, hex
 * @param opcertCounter the operational certificate's issue counter
 * @param kesStartPeriod the KES period the operational certificate starts at
 * @param vrfVerificationKeyHex the VRF verification key, hex
 * @param demo whether it is a throwaway DEMO key set
 */
public record HotKeyFacts(String network, String poolIdHex, long opcertCounter, long kesStartPeriod,
    String vrfVerificationKeyHex, boolean demo) {
  /** Checks the fields. */
  public HotKeyFacts {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(poolIdHex, "poolIdHex");
    Objects.requireNonNull(vrfVerificationKeyHex, "vrfVerificationKeyHex");
  }
}
