package io.palisade.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * The oldest cardano-node version Palisade can configure on a network: the lowest {@code MinNodeVersion} of the
 * official configurations it ships for it. The one rule every command asks, so {@code render}, {@code upgrade} on one
 * machine and an upgrade through the Kubernetes operator refuse the same versions with the same words, before
 * anything is touched.
 *
 * @param network the network's name ({@code preview})
 * @param oldest the oldest version an official configuration of that network accepts
 */
public record NodeVersionFloor(String network, NodeVersion oldest) {
  /** Checks the fields. */
  public NodeVersionFloor {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(oldest, "oldest");
  }

  /**
   * Why {@code version} cannot be configured, or empty when it can.
   *
   * @param version the version asked for
   * @return "cardano-node 9.0.0 is older than every official preview configuration Palisade ships (the oldest needs
   *     10.4.0)", or empty
   */
  public Optional<String> refusal(NodeVersion version) {
    if (version.compareTo(oldest) >= 0) {
      return Optional.empty();
    }
    return Optional.of("cardano-node " + version + " is older than every official " + network + " configuration"
        + " Palisade ships (the oldest needs " + oldest + ")");
  }
}
