package io.palisade.ouroboros.n2n;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
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
import java.util.Optional;
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
  /** Points one {@link #findIntersect} asks at most (cardano-node's clients send a few dozen). */
  public static final int MAX_POINTS = 64;

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
   * What {@link #findIntersect} learned.
   *
   * @param version the negotiated node-to-node version
   * @param found the newest of the points asked that is on the peer's chain, if any
   * @param tip the peer's chain tip
   */
  public record IntersectAnswer(int version, Optional<Point> found, ChainTip tip) {
    /** Requires the values. */
    public IntersectAnswer {
      Objects.requireNonNull(found, "found");
      Objects.requireNonNull(tip, "tip");
    }
  }

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
    IntersectAnswer a = findIntersect(List.of());
    return new TipAnswer(a.version(), a.tip());
  }

  /**
   * Handshake, then chain-sync {@code MsgFindIntersect} with {@code points} (newest first, as a client lists them):
   * the peer answers with the first of them on its chain, or none, and its tip. Whether a block is on a peer's chain
   * is what this asks: {@code findIntersect(List.of(Point.of(slot, hash)))}. Ends chain-sync with {@code MsgDone}.
   *
   * @param points the points, at most {@value #MAX_POINTS}
   * @return the negotiated version, the point found and the peer's tip
   * @throws HandshakeRefusedException if the node refuses
   * @throws ProtocolException if the node's bytes break the protocol, or it names a point we did not ask for
   * @throws IOException if the connection fails or times out
   */
  public IntersectAnswer findIntersect(List<Point> points) throws IOException, ProtocolException {
    if (points.size() > MAX_POINTS) {
      throw new IllegalArgumentException("at most " + MAX_POINTS + " points, got " + points.size());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try (MuxChannel channel = connect()) {
      HandshakeMessage<NodeToNodeVersionData> reply = handshake(channel, false, deadline);
      if (!(reply instanceof AcceptVersion<NodeToNodeVersionData> accept)) {
        throw new ProtocolException("asked with query=false, the node answered " + reply.getClass().getSimpleName()
            + " instead of MsgAcceptVersion");
      }
      requireMagic(accept.version(), accept.data());
      channel.send(MiniProtocol.CHAIN_SYNC, ChainSyncCodec.encode(new FindIntersect(List.copyOf(points))));
      ChainSyncMessage answer = ChainSyncCodec.decode(
          channel.receive(MiniProtocol.CHAIN_SYNC, MiniProtocol.MAX_CHAIN_SYNC_BYTES, remaining(deadline)));
      IntersectAnswer result;
      if (answer instanceof IntersectNotFound n) {
        result = new IntersectAnswer(accept.version(), Optional.empty(), n.tip());
      } else if (answer instanceof IntersectFound f) {
        if (!points.contains(f.point())) {
          throw new ProtocolException("chain-sync found an intersection at " + f.point() + ", which was not asked");
        }
        result = new IntersectAnswer(accept.version(), Optional.of(f.point()), f.tip());
      } else {
        throw new ProtocolException("chain-sync answered MsgFindIntersect with " + answer.getClass().getSimpleName());
      }
      channel.send(MiniProtocol.CHAIN_SYNC, ChainSyncCodec.encode(new ChainSyncMessage.Done()));
      return result;
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
