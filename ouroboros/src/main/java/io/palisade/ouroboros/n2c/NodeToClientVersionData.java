package io.palisade.ouroboros.n2c;

/**
 * Node-to-client version data from version 15 on ({@code handshake-node-to-client.cddl}):
 * {@code [networkMagic, query]}.
 *
 * @param networkMagic the network magic (word32): mainnet 764824073, preprod 1, preview 2
 * @param query whether the client only asks for the version table (the node then replies and closes)
 */
public record NodeToClientVersionData(long networkMagic, boolean query) {
  /** Checks the magic fits a word32. */
  public NodeToClientVersionData {
    if (networkMagic < 0 || networkMagic > 0xffffffffL) {
      throw new IllegalArgumentException("network magic must fit 32 unsigned bits, was: " + networkMagic);
    }
  }
}
