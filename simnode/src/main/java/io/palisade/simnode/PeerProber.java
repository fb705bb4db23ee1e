package io.palisade.simnode;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2n.NodeToNodeClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Counts the local-root peers that are "hot": those that complete a node-to-node handshake query on the node's
 * network (they answer, then close). A peer that does not answer in time, or is on another network, is cold.
 */
final class PeerProber {
  private final long networkMagic;
  private final Duration timeout;

  /**
   * @param networkMagic the node's network
   * @param timeout how long one peer may take to answer
   */
  PeerProber(long networkMagic, Duration timeout) {
    this.networkMagic = networkMagic;
    this.timeout = timeout;
  }

  /**
   * Probes each peer once, in turn.
   *
   * @param peers the local roots
   * @return how many answered on our network
   */
  int hotPeers(List<InetSocketAddress> peers) {
    int up = 0;
    for (InetSocketAddress peer : peers) {
      try {
        new NodeToNodeClient(new InetSocketAddress(peer.getHostString(), peer.getPort()), networkMagic, timeout)
            .queryVersions();
        up++;
      } catch (IOException | ProtocolException e) {
        // Not reachable now, or on another network: a cold peer.
      }
    }
    return up;
  }
}
