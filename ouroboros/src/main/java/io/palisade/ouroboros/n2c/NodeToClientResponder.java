package io.palisade.ouroboros.n2c;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.Handshake;
import io.palisade.ouroboros.handshake.HandshakeMessage;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.ProposeVersions;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxChannel;
import io.palisade.ouroboros.n2c.LedgerQuery.BlockQuery;
import io.palisade.ouroboros.n2c.LedgerQuery.ChainDepState;
import io.palisade.ouroboros.n2c.LedgerQuery.CurrentEra;
import io.palisade.ouroboros.n2c.LedgerQuery.CurrentPParams;
import io.palisade.ouroboros.n2c.LedgerQuery.EpochNo;
import io.palisade.ouroboros.n2c.LedgerQuery.GenesisConfigQuery;
import io.palisade.ouroboros.n2c.LedgerQuery.StakeSnapshotsQuery;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AcquireFailure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquired;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtPoint;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Done;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Failure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Query;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.ReAcquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Release;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Result;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Target;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The node's side of a node-to-client connection, small enough to embed in a simulated node: the handshake as
 * cardano-node negotiates it (highest common version, the network magic must match, {@code query = true} gets the
 * table), then local-state-query answered from a {@link LedgerView}, encoded as the node encodes it. Acquiring a
 * named point is refused ({@code MsgFailure PointTooOld}) unless the view is asked at the tip: the view holds one
 * state. Queries outside {@link LedgerQuery} end the connection, as a node's decoder failure does.
 *
 * <p>Instances are immutable and thread-safe; {@link #serve(MuxChannel)} may run on many connections at once.
 */
public final class NodeToClientResponder {
  /** cardano-node's handshake timeout. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** How long a negotiated connection may stay silent before it is closed. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /** Largest client message accepted: a query naming a few thousand pools. */
  public static final int MAX_CLIENT_MESSAGE_BYTES = 128 * 1024;

  private final long networkMagic;
  private final LedgerView ledger;
  private final SortedSet<Integer> versions;
  private final Duration handshakeTimeout;
  private final Duration idleTimeout;

  /**
   * A responder for every known version with the default timeouts.
   *
   * @param networkMagic the network this node is on
   * @param ledger the ledger to answer from
   */
  public NodeToClientResponder(long networkMagic, LedgerView ledger) {
    this(networkMagic, ledger, NodeToClientHandshake.KNOWN_VERSIONS, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * @param networkMagic the network this node is on
   * @param ledger the ledger to answer from
   * @param versions the wire numbers of the versions to accept (a subset of
   *     {@link NodeToClientHandshake#KNOWN_VERSIONS}: fewer to play an older node)
   * @param handshakeTimeout how long the client has to propose
   * @param idleTimeout how long a negotiated connection may stay silent
   */
  public NodeToClientResponder(
      long networkMagic, LedgerView ledger, Set<Integer> versions, Duration handshakeTimeout, Duration idleTimeout) {
    new NodeToClientVersionData(networkMagic, false);
    this.networkMagic = networkMagic;
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.versions = new TreeSet<>(versions);
    if (this.versions.isEmpty() || !NodeToClientHandshake.KNOWN_VERSIONS.containsAll(this.versions)) {
      throw new IllegalArgumentException("versions must be a non-empty subset of "
          + NodeToClientHandshake.KNOWN_VERSIONS + ", was: " + versions);
    }
    this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
  }

  /**
   * Serves one accepted connection until the client is done or closes, then closes it.
   *
   * @param channel the connection, on the responder's side (owned by this call)
   * @throws ProtocolException if the client breaks the protocol
   * @throws IOException if the connection fails or a timeout passes
   */
  public void serve(MuxChannel channel) throws IOException, ProtocolException {
    try (channel) {
      ProposeVersions<NodeToClientVersionData> proposal =
          Handshake.awaitProposal(channel, NodeToClientHandshake.CODEC, handshakeTimeout);
      HandshakeMessage<NodeToClientVersionData> answer = negotiate(proposal);
      channel.send(MiniProtocol.HANDSHAKE, NodeToClientHandshake.CODEC.encode(answer));
      if (answer instanceof AcceptVersion) {
        serveStateQueries(channel);
      }
      try {
        channel.shutdownOutput();
      } catch (IOException alreadyGone) {
        // The client closed first; nothing more to send.
      }
    }
  }

  /**
   * The handshake decision, pure (see {@link Handshake#negotiate}).
   *
   * @param proposal the client's proposal
   * @return MsgAcceptVersion, MsgQueryReply or MsgRefuse
   */
  public HandshakeMessage<NodeToClientVersionData> negotiate(ProposeVersions<NodeToClientVersionData> proposal) {
    return Handshake.negotiate(NodeToClientHandshake.CODEC.family(), proposal, versions, networkMagic,
        v -> new NodeToClientVersionData(networkMagic, false), (ours, theirs) -> ours);
  }

  private void serveStateQueries(MuxChannel channel) throws IOException, ProtocolException {
    LedgerView.Snapshot acquired = null;
    while (true) {
      byte[] bytes;
      try {
        bytes = channel.receive(MiniProtocol.LOCAL_STATE_QUERY, MAX_CLIENT_MESSAGE_BYTES, idleTimeout);
      } catch (EOFException e) {
        return;
      }
      LocalStateQueryMessage m = LocalStateQueryCodec.decode(bytes);
      if (acquired == null) {
        if (m instanceof Done) {
          return;
        }
        if (!(m instanceof Acquire a)) {
          throw new ProtocolException("local-state-query: Msg" + m.getClass().getSimpleName()
              + " while idle (MsgAcquire or MsgDone expected)");
        }
        acquired = acquire(channel, a.target());
      } else if (m instanceof Query q) {
        channel.send(MiniProtocol.LOCAL_STATE_QUERY,
            LocalStateQueryCodec.encode(new Result(answer(acquired, LedgerQueryCodec.decode(q.query())))));
      } else if (m instanceof ReAcquire a) {
        acquired = acquire(channel, a.target());
      } else if (m instanceof Release) {
        acquired = null;
      } else {
        throw new ProtocolException("local-state-query: Msg" + m.getClass().getSimpleName()
            + " while a state is acquired (MsgQuery, MsgReAcquire or MsgRelease expected)");
      }
    }
  }

  private LedgerView.Snapshot acquire(MuxChannel channel, Target target) throws IOException {
    if (target instanceof AtPoint) {
      channel.send(MiniProtocol.LOCAL_STATE_QUERY,
          LocalStateQueryCodec.encode(new Failure(AcquireFailure.POINT_TOO_OLD)));
      return null;
    }
    LedgerView.Snapshot s = Objects.requireNonNull(ledger.snapshot(), "ledger view returned a null snapshot");
    channel.send(MiniProtocol.LOCAL_STATE_QUERY, LocalStateQueryCodec.encode(new Acquired()));
    return s;
  }

  /** The CBOR answer to one query of one state, as cardano-node encodes it. */
  static byte[] answer(LedgerView.Snapshot s, LedgerQuery query) {
    if (query instanceof CurrentEra) {
      return LedgerResultCodec.encodeEra(s.era());
    }
    BlockQuery q = (BlockQuery) query;
    if (q.era() != s.era()) {
      return LedgerResultCodec.eraMismatch(q.era(), s.era());
    }
    if (q instanceof EpochNo) {
      return LedgerResultCodec.encodeEpoch(s.epoch());
    }
    if (q instanceof StakeSnapshotsQuery ss) {
      return LedgerResultCodec.encodeStakeSnapshots(s.stakeSnapshots(ss.pools()));
    }
    if (q instanceof ChainDepState) {
      return PraosStateCodec.encode(s.praosState());
    }
    if (q instanceof GenesisConfigQuery) {
      return GenesisConfigCodec.encode(s.genesis());
    }
    CurrentPParams p = (CurrentPParams) q;
    return ProtocolParametersCodec.encode(p.era(), s.protocolParameters());
  }
}
