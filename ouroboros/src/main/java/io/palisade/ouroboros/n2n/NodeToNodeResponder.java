package io.palisade.ouroboros.n2n;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.Handshake;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.handshake.HandshakeMessage;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxChannel;
import io.palisade.ouroboros.n2n.ChainSyncMessage.FindIntersect;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectFound;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectNotFound;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The responder side of a node-to-node connection, small enough to embed in a simulated node: it negotiates the
 * handshake like cardano-node (highest common version, the network magic must match, {@code query = true} gets the
 * version table and a close), then serves chain-sync {@code MsgFindIntersect} (found: the tip, or a point the node
 * says is on its chain) with the current tip and answers
 * keep-alive. It does not serve headers or blocks: {@code MsgRequestNext} ends the connection with an error.
 *
 * <pre>{@code
 * var responder = new NodeToNodeResponder(2, () -> currentTip);
 * try (var server = NodeToNodeServer.start(new InetSocketAddress("127.0.0.1", 3001), responder)) { ... }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; {@link #serve(Socket)} may run on many sockets at once.
 */
public final class NodeToNodeResponder {
  /** cardano-node's handshake timeout ({@code shortWait}). */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** How long a negotiated connection may stay silent before it is closed. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final long networkMagic;
  private final Supplier<ChainTip> tip;
  private final Predicate<Point> onChain;
  private final SortedSet<Integer> versions;
  private final Duration handshakeTimeout;
  private final Duration idleTimeout;

  /**
   * A responder for every known version with the default timeouts.
   *
   * @param networkMagic the network this node is on
   * @param tip the current tip, asked for on every {@code MsgFindIntersect}
   */
  public NodeToNodeResponder(long networkMagic, Supplier<ChainTip> tip) {
    this(networkMagic, tip, p -> false);
  }

  /**
   * A responder that knows more of its chain than the tip: {@code MsgFindIntersect} is answered with the first of the
   * client's points on it (clients list them newest first), as cardano-node does.
   *
   * @param networkMagic the network this node is on
   * @param tip the current tip
   * @param onChain whether a point other than the tip is on the node's chain (called on the connection's thread)
   */
  public NodeToNodeResponder(long networkMagic, Supplier<ChainTip> tip, Predicate<Point> onChain) {
    this(networkMagic, tip, onChain, NodeToNodeHandshake.KNOWN_VERSIONS, DEFAULT_HANDSHAKE_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * @param networkMagic the network this node is on
   * @param tip the current tip
   * @param versions the node-to-node versions to accept (a subset of {@link NodeToNodeHandshake#KNOWN_VERSIONS})
   * @param handshakeTimeout how long the initiator has to send its proposal
   * @param idleTimeout how long a negotiated connection may stay silent
   */
  public NodeToNodeResponder(
      long networkMagic, Supplier<ChainTip> tip, Set<Integer> versions, Duration handshakeTimeout,
      Duration idleTimeout) {
    this(networkMagic, tip, p -> false, versions, handshakeTimeout, idleTimeout);
  }

  private NodeToNodeResponder(long networkMagic, Supplier<ChainTip> tip, Predicate<Point> onChain,
      Set<Integer> versions, Duration handshakeTimeout, Duration idleTimeout) {
    this.networkMagic = networkMagic;
    this.tip = Objects.requireNonNull(tip, "tip");
    this.onChain = Objects.requireNonNull(onChain, "onChain");
    this.versions = new TreeSet<>(versions);
    if (this.versions.isEmpty() || !NodeToNodeHandshake.KNOWN_VERSIONS.containsAll(this.versions)) {
      throw new IllegalArgumentException("versions must be a non-empty subset of " + NodeToNodeHandshake.KNOWN_VERSIONS
          + ", was: " + versions);
    }
    this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    // Fails now rather than on the first connection if the magic does not fit a word32.
    versionData();
  }

  /** The network magic served. */
  public long networkMagic() {
    return networkMagic;
  }

  /**
   * Serves one accepted connection until the peer closes it, then closes the socket.
   *
   * @param socket the accepted connection (owned by this call)
   * @throws ProtocolException if the peer breaks the protocol (the socket is closed)
   * @throws IOException if the connection fails or a timeout passes
   */
  public void serve(Socket socket) throws IOException, ProtocolException {
    try (MuxChannel channel = new MuxChannel(socket, false)) {
      socket.setTcpNoDelay(true);
      ProposeVersions<NodeToNodeVersionData> proposal =
          Handshake.awaitProposal(channel, NodeToNodeHandshake.CODEC, handshakeTimeout);
      HandshakeMessage<NodeToNodeVersionData> answer = negotiate(proposal);
      channel.send(MiniProtocol.HANDSHAKE, NodeToNodeHandshake.CODEC.encode(answer));
      if (answer instanceof AcceptVersion) {
        serveProtocols(channel);
      }
      // Refuse and QueryReply end the connection, as cardano-node does; half-close so the reply is not lost to a RST.
      if (!socket.isOutputShutdown() && !socket.isClosed()) {
        try {
          socket.shutdownOutput();
        } catch (IOException alreadyGone) {
          // The peer closed first; nothing more to send.
        }
      }
    }
  }

  /**
   * The handshake decision, pure: accept the highest common version if its magic matches; reply with the table if
   * the initiator only queried; else refuse.
   *
   * @param proposal the initiator's proposal
   * @return MsgAcceptVersion, MsgQueryReply or MsgRefuse
   */
  public HandshakeMessage<NodeToNodeVersionData> negotiate(ProposeVersions<NodeToNodeVersionData> proposal) {
    return Handshake.negotiate(NodeToNodeHandshake.CODEC.family(), proposal, versions, networkMagic,
        v -> versionData(), (ours, theirs) -> new NodeToNodeVersionData(
            networkMagic,
            ours.initiatorOnly() || theirs.initiatorOnly(),
            Math.min(ours.peerSharing(), theirs.peerSharing()),
            false,
            ours.perasSupport() && theirs.perasSupport()));
  }

  private void serveProtocols(MuxChannel channel) throws IOException, ProtocolException {
    int[] limits = new int[MiniProtocol.KEEP_ALIVE + 1];
    limits[MiniProtocol.CHAIN_SYNC] = MiniProtocol.MAX_CHAIN_SYNC_BYTES;
    limits[MiniProtocol.KEEP_ALIVE] = MiniProtocol.MAX_KEEP_ALIVE_BYTES;
    while (true) {
      MuxChannel.Message m;
      try {
        m = channel.receiveAny(limits, idleTimeout);
      } catch (EOFException e) {
        return;
      }
      if (m.protocol() == MiniProtocol.KEEP_ALIVE) {
        OptionalInt cookie = KeepAliveCodec.decodeRequest(m.cbor());
        if (cookie.isEmpty()) {
          limits[MiniProtocol.KEEP_ALIVE] = 0;
        } else {
          channel.send(MiniProtocol.KEEP_ALIVE, KeepAliveCodec.response(cookie.getAsInt()));
        }
        continue;
      }
      ChainSyncMessage request = ChainSyncCodec.decode(m.cbor());
      if (request instanceof FindIntersect find) {
        ChainTip current = Objects.requireNonNull(tip.get(), "tip supplier returned null");
        ChainSyncMessage reply = find.points().stream().filter(p -> p.equals(current.point()) || onChain(p, current))
            .findFirst().<ChainSyncMessage>map(p -> new IntersectFound(p, current))
            .orElseGet(() -> new IntersectNotFound(current));
        channel.send(MiniProtocol.CHAIN_SYNC, ChainSyncCodec.encode(reply));
      } else if (request instanceof ChainSyncMessage.Done) {
        limits[MiniProtocol.CHAIN_SYNC] = 0;
      } else if (request instanceof ChainSyncMessage.RequestNext) {
        throw new ProtocolException("chain-sync MsgRequestNext: this responder serves the tip, not headers");
      } else {
        throw new ProtocolException("chain-sync " + request.getClass().getSimpleName()
            + " is a server message; a client may not send it");
      }
      if (limits[MiniProtocol.CHAIN_SYNC] == 0 && limits[MiniProtocol.KEEP_ALIVE] == 0) {
        return;
      }
    }
  }

  /** A block point at or before the tip that the node says is on its chain (never one past its tip). */
  private boolean onChain(Point p, ChainTip current) {
    return p instanceof Point.BlockPoint b && current.point() instanceof Point.BlockPoint t && b.slot() <= t.slot()
        && onChain.test(p);
  }

  private NodeToNodeVersionData versionData() {
    return new NodeToNodeVersionData(networkMagic, false, 0, false, false);
  }
}
