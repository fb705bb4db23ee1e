package io.palisade.ouroboros.n2n;

/**
 * Node-to-node version data ({@code node-to-node-version-data-v14.cddl}, {@code -v16.cddl}):
 * {@code [networkMagic, initiatorOnlyDiffusionMode, peerSharing, query]}, and from version 16 a fifth field,
 * {@code perasSupport}.
 *
 * @param networkMagic the network magic (word32): mainnet 764824073, preprod 1, preview 2
 * @param initiatorOnly whether the sender only initiates (a probe or a block producer's outbound-only link)
 * @param peerSharing 0 (disabled) or 1 (enabled)
 * @param query whether the sender only asks for the version table (the responder then replies and closes)
 * @param perasSupport Peras support; encoded only from version 16
 */
public record NodeToNodeVersionData(
    long networkMagic, boolean initiatorOnly, int peerSharing, boolean query, boolean perasSupport) {

  /** Checks the ranges of the CDDL. */
  public NodeToNodeVersionData {
    if (networkMagic < 0 || networkMagic > 0xffffffffL) {
      throw new IllegalArgumentException("network magic must fit 32 unsigned bits, was: " + networkMagic);
    }
    if (peerSharing < 0 || peerSharing > 1) {
      throw new IllegalArgumentException("peerSharing must be 0 or 1, was: " + peerSharing);
    }
  }

  /** What a monitoring probe sends: initiator only, no peer sharing, no Peras. */
  public static NodeToNodeVersionData probe(long networkMagic, boolean query) {
    return new NodeToNodeVersionData(networkMagic, true, 0, query, false);
  }
}
