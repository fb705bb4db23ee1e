package io.palisade.ouroboros.mux;

/**
 * Mini-protocol numbers of both families (node-to-node and node-to-client share the handshake, 0; the others do not
 * overlap) and the size limits Palisade applies to their messages. The limits follow ouroboros-network's (handshake
 * 5760 bytes) and are generous for the few messages Palisade exchanges.
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
  /** Node-to-client chain-sync (whole blocks). */
  public static final int LOCAL_CHAIN_SYNC = 5;
  /** Node-to-client transaction submission. */
  public static final int LOCAL_TX_SUBMISSION = 6;
  /** Node-to-client ledger state queries. */
  public static final int LOCAL_STATE_QUERY = 7;
  /** Keep-alive (round-trip time). */
  public static final int KEEP_ALIVE = 8;
  /** Node-to-client mempool monitor. */
  public static final int LOCAL_TX_MONITOR = 9;
  /** Peer sharing. */
  public static final int PEER_SHARING = 10;

  /** Largest handshake message accepted (ouroboros-network's limit). */
  public static final int MAX_HANDSHAKE_BYTES = 5760;
  /** Largest chain-sync message this code accepts; a tip or a short list of points is far smaller. */
  public static final int MAX_CHAIN_SYNC_BYTES = 65_535;
  /** Largest keep-alive message. */
  public static final int MAX_KEEP_ALIVE_BYTES = 64;
  /**
   * Largest local-state-query message this code accepts. The largest answer it asks for is the Praos state, whose
   * opcert counters hold one entry per pool that ever minted (about 120 kB on mainnet); the protocol parameters with
   * their cost models are about 10 kB.
   */
  public static final int MAX_LOCAL_STATE_QUERY_BYTES = 4 * 1024 * 1024;
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
      case LOCAL_CHAIN_SYNC -> "local-chain-sync";
      case LOCAL_TX_SUBMISSION -> "local-tx-submission";
      case LOCAL_STATE_QUERY -> "local-state-query";
      case KEEP_ALIVE -> "keep-alive";
      case LOCAL_TX_MONITOR -> "local-tx-monitor";
      case PEER_SHARING -> "peer-sharing";
      default -> "mini-protocol " + protocol;
    };
  }
}
