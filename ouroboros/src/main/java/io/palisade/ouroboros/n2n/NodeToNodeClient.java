package io.palisade.ouroboros.n2n;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.Handshake;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.QueryReply;
import io.palisade.ouroboros.handshake.HandshakeMessage;
import io.palisade.ouroboros.handshake.HandshakeRefusedException;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxChannel;
import io.palisade.ouroboros.n2n.ChainSyncMessage.FindIntersect;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectFound;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectNotFound;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * A minimal node-to-node client, what cardano-ping's {@code query} and {@code tip} modes do: open a connection,
 * negotiate as an initiator-only peer, ask one question, close. Every step runs against one deadline, so a peer that
 * stalls or trickles bytes ends in a {@link SocketTimeoutException}, and a peer that sends nonsense in a
 * {@link ProtocolException}; nothing waits forever.
 *
 * <pre>{@code
 * var client = new NodeToNodeClient(new InetSocketAddress("127.0.0.1", 3001), 764824073, Duration.ofSeconds(5));
 * SortedMap<Integer, NodeToNodeVersionData> versions = client.queryVersions(); // port answers, magic matches
 * ChainTip tip = client.readTip().tip();
 * }</pre>
 */
public final class NodeToNodeClient {
  private final InetSocketAddress address;
  private final long networkMagic;
  private final Duration timeout;

  /**
   * What {@link #readTip()} learned.
   *
   * @param version the negotiated node-to-node version
   * @param tip the peer's chain tip
   */
  public record TipAnswer(int version, ChainTip tip) {}

  /**
   * @param address the node's node-to-node address
   * @param networkMagic the magic of the network the node should be on
   * @param timeout the deadline of each call (connect, handshake and answer together)
   */
  public NodeToNodeClient(InetSocketAddress address, long networkMagic, Duration timeout) {
    this.address = Objects.requireNonNull(address, "address");
    this.networkMagic = networkMagic;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was: " + timeout);
    }
  }

  /**
   * Handshake with {@code query = true}: the node replies with its version table and closes. Proves the port answers
   * the node-to-node protocol and that the node is on our network (a node only replies after accepting our magic).
   *
   * @return the node's versions and their data
   * @throws HandshakeRefusedException if the node refuses (for example a different network magic)
   * @throws ProtocolException if the node's bytes break the protocol
   * @throws IOException if the connection fails or times out
   */
  public SortedMap<Integer, NodeToNodeVersionData> queryVersions() throws IOException, ProtocolException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (MuxChannel channel = connect()) {
      HandshakeMessage<NodeToNodeVersionData> reply = handshake(channel, true, deadline);
      if (!(reply instanceof QueryReply<NodeToNodeVersionData> q)) {
        throw new ProtocolException("asked with query=true, the node answered " + reply.getClass().getSimpleName()
            + " instead of MsgQueryReply");
      }
      for (Map.Entry<Integer, NodeToNodeVersionData> e : q.versions().entrySet()) {
        requireMagic(e.getKey(), e.getValue());
      }
      return q.versions();
    }
  }

  /**
   * Handshake with {@code query = false}, then chain-sync {@code MsgFindIntersect []}: the node answers
   * {@code MsgIntersectNotFound} with its tip. Ends chain-sync with {@code MsgDone} and closes.
   *
   * @return the negotiated version and the node's tip
   * @throws HandshakeRefusedException if the node refuses
   * @throws ProtocolException if the node's bytes break the protocol
   * @throws IOException if the connection fails or times out
   */
  public TipAnswer readTip() throws IOException, ProtocolException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (MuxChannel channel = connect()) {
      HandshakeMessage<NodeToNodeVersionData> reply = handshake(channel, false, deadline);
      if (!(reply instanceof AcceptVersion<NodeToNodeVersionData> accept)) {
        throw new ProtocolException("asked with query=false, the node answered " + reply.getClass().getSimpleName()
            + " instead of MsgAcceptVersion");
      }
      requireMagic(accept.version(), accept.data());
      channel.send(MiniProtocol.CHAIN_SYNC, ChainSyncCodec.encode(new FindIntersect(List.of())));
      ChainSyncMessage answer = ChainSyncCodec.decode(
          channel.receive(MiniProtocol.CHAIN_SYNC, MiniProtocol.MAX_CHAIN_SYNC_BYTES, remaining(deadline)));
      ChainTip tip;
      if (answer instanceof IntersectNotFound n) {
        tip = n.tip();
      } else if (answer instanceof IntersectFound f) {
        tip = f.tip();
      } else {
        throw new ProtocolException("chain-sync answered MsgFindIntersect with " + answer.getClass().getSimpleName());
      }
      channel.send(MiniProtocol.CHAIN_SYNC, ChainSyncCodec.encode(new ChainSyncMessage.Done()));
      return new TipAnswer(accept.version(), tip);
    }
  }

  private MuxChannel connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      // Resolved at each connection, so a node whose DNS name moves (a rescheduled pod) is followed.
      InetSocketAddress target = address.isUnresolved()
          ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
      if (target.isUnresolved()) {
        throw new java.net.UnknownHostException("unknown host " + address.getHostString());
      }
      socket.connect(target, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      return new MuxChannel(socket, true);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private HandshakeMessage<NodeToNodeVersionData> handshake(MuxChannel channel, boolean query, long deadline)
      throws IOException, ProtocolException {
    return Handshake.propose(channel, NodeToNodeHandshake.CODEC, NodeToNodeHandshake.proposal(networkMagic, query),
        remaining(deadline));
  }

  private void requireMagic(int version, NodeToNodeVersionData data) throws ProtocolException {
    if (data.networkMagic() != networkMagic) {
      throw new HandshakeRefusedException(new HandshakeMessage.Refused(version,
          "version data mismatch: the node's networkMagic " + data.networkMagic() + " /= ours " + networkMagic));
    }
  }

  private static Duration remaining(long deadline) throws SocketTimeoutException {
    long nanos = deadline - System.nanoTime();
    if (nanos <= 0) {
      throw new SocketTimeoutException("the node did not answer in time");
    }
    return Duration.ofNanos(nanos);
  }
}
