package io.palisade.agent.ouroboros;

/**
 * Node-to-node mini-protocol numbers and the size limits Palisade applies to their messages. The limits follow
 * ouroboros-network's (handshake 5760 bytes) and are generous for the few small messages the agent exchanges.
 */
public final class MiniProtocol {
  /** Version negotiation; always first on a connection. */
  public static final int HANDSHAKE = 0;
  /** Chain-sync (headers) between nodes. */
  public static final int CHAIN_SYNC = 2;
  /** Block-fetch. */
  public static final int BLOCK_FETCH = 3;
  /** Tx-submission v2. */
  public static final int TX_SUBMISSION = 4;
  /** Keep-alive (round-trip time). */
  public static final int KEEP_ALIVE = 8;
  /** Peer sharing. */
  public static final int PEER_SHARING = 10;

  /** Largest handshake message accepted (ouroboros-network's limit). */
  public static final int MAX_HANDSHAKE_BYTES = 5760;
  /** Largest chain-sync message this code accepts; a tip or a short list of points is far smaller. */
  public static final int MAX_CHAIN_SYNC_BYTES = 65_535;
  /** Largest keep-alive message. */
  public static final int MAX_KEEP_ALIVE_BYTES = 64;
  /** Largest SDU payload this code sends (cardano-node's socket bearer uses 12288). */
  public static final int MAX_SDU_PAYLOAD = 12_288;

  private MiniProtocol() {}

  /** A name for messages. */
  public static String name(int protocol) {
    return switch (protocol) {
      case HANDSHAKE -> "handshake";
      case CHAIN_SYNC -> "chain-sync";
      case BLOCK_FETCH -> "block-fetch";
      case TX_SUBMISSION -> "tx-submission";
      case KEEP_ALIVE -> "keep-alive";
      case PEER_SHARING -> "peer-sharing";
      default -> "mini-protocol " + protocol;
    };
  }
}
