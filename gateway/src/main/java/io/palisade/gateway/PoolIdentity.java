package io.palisade.gateway;

import java.util.Objects;

/**
 * Which pool the console acts on: its name, network and pool id, and whether its nodes are simulated.
 *
 * @param name the pool's name from pool.yaml; empty when not known
 * @param network the network ({@code mainnet}, {@code preview}, a custom network's directory); empty when not known
 * @param poolId the pool id in bech32 ({@code pool1...}); empty when not known (no hot keys installed)
 * @param nodes whether the pool runs simulated nodes or real cardano-nodes, if known
 */
public record PoolIdentity(String name, String network, String poolId, Nodes nodes) {
  /** What the pool's nodes are. */
  public enum Nodes {
    /** Palisade's simulated cardano-node: no real chain sees its blocks. */
    SIMULATED,
    /** Real cardano-node processes or pods. */
    CARDANO_NODE,
    /** The gateway cannot tell. */
    UNKNOWN
  }

  /** Rejects null; absent texts become empty. */
  public PoolIdentity {
    name = name == null ? "" : name;
    network = network == null ? "" : network;
    poolId = poolId == null ? "" : poolId;
    Objects.requireNonNull(nodes, "nodes");
  }

  /**
   * @return an identity the gateway does not know
   */
  public static PoolIdentity unknown() {
    return new PoolIdentity("", "", "", Nodes.UNKNOWN);
  }

  /**
   * @return whether the pool runs simulated nodes
   */
  public boolean simulated() {
    return nodes == Nodes.SIMULATED;
  }
}
