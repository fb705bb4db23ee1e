package io.palisade.ouroboros.n2c;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.Handshake;
import io.palisade.ouroboros.handshake.HandshakeMessage;
import io.palisade.ouroboros.handshake.HandshakeMessage.AcceptVersion;
import io.palisade.ouroboros.handshake.HandshakeMessage.Refused;
import io.palisade.ouroboros.handshake.HandshakeRefusedException;
import io.palisade.ouroboros.mux.Bearer;
import io.palisade.ouroboros.mux.MuxChannel;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtTip;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The ledger facts Palisade needs, read from a node over its node-to-client Unix socket: one connection, one
 * handshake, one acquired state (the volatile tip at {@link #open}), so every answer describes the same ledger.
 * Every read waits at most the timeout given to {@link #open}; malformed bytes end in a {@link ProtocolException}.
 *
 * <pre>{@code
 * try (LedgerQueries node = LedgerQueries.open(Path.of("/run/cardano/node.socket"), 764824073,
 *     Duration.ofSeconds(10))) {
 *   long epoch = node.epoch();
 *   StakeSnapshots.PoolStake stake = node.stakeSnapshots(pool).pool(pool).orElseThrow();
 *   Nonce eta0 = node.protocolState().epochNonce();
 * }
 * }</pre>
 *
 * <p>Which query answers which fact, and from which node version: docs/node-to-client.md.
 */
public final class LedgerQueries implements AutoCloseable {
  private final MuxChannel channel;
  private final LocalStateQueryClient lsq;
  private final Duration timeout;
  private final int version;
  private Era era;

  private LedgerQueries(MuxChannel channel, int version, Duration timeout) {
    this.channel = channel;
    this.lsq = new LocalStateQueryClient(channel);
    this.version = version;
    this.timeout = timeout;
  }

  /**
   * Connects, negotiates the highest common node-to-client version and acquires the node's volatile tip.
   *
   * @param socketPath the node's socket ({@code --socket-path})
   * @param networkMagic the network the node should be on
   * @param timeout the longest wait for any one answer
   * @return the open session
   * @throws HandshakeRefusedException if the node refuses our versions (the message lists ours and its) or magic
   * @throws ProtocolException if the node's bytes break the protocol
   * @throws IOException if the socket cannot be reached or a read times out
   */
  public static LedgerQueries open(Path socketPath, long networkMagic, Duration timeout)
      throws IOException, ProtocolException {
    Objects.requireNonNull(socketPath, "socketPath");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was: " + timeout);
    }
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    MuxChannel channel;
    try {
      socket.connect(UnixDomainSocketAddress.of(socketPath));
      channel = new MuxChannel(Bearer.of(socket), true);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw new IOException("cannot connect to the node socket " + socketPath + ": " + e.getMessage(), e);
    }
    try {
      HandshakeMessage<NodeToClientVersionData> reply = Handshake.propose(channel, NodeToClientHandshake.CODEC,
          NodeToClientHandshake.proposal(networkMagic, false), timeout);
      if (!(reply instanceof AcceptVersion<NodeToClientVersionData> accept)) {
        throw new ProtocolException("asked with query=false, the node answered " + reply.getClass().getSimpleName()
            + " instead of MsgAcceptVersion");
      }
      if (accept.data().networkMagic() != networkMagic) {
        throw new HandshakeRefusedException(new Refused(accept.version(), "version data mismatch: the node's"
            + " networkMagic " + accept.data().networkMagic() + " /= ours " + networkMagic));
      }
      LedgerQueries session = new LedgerQueries(channel, accept.version(), timeout);
      session.lsq.acquire(AtTip.VOLATILE, timeout);
      return session;
    } catch (IOException | ProtocolException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The negotiated node-to-client version (wire number; 32784 is V16). */
  public int version() {
    return version;
  }

  /** Acquires the node's current volatile tip again, so later answers describe the newer ledger. */
  public void refresh() throws IOException, ProtocolException {
    lsq.acquire(AtTip.VOLATILE, timeout);
    era = null;
  }

  /** The era of the acquired ledger ({@code GetCurrentEra}). */
  public Era currentEra() throws IOException, ProtocolException {
    if (era == null) {
      era = LedgerResultCodec.decodeEra(lsq.query(LedgerQueryCodec.encode(new LedgerQuery.CurrentEra()), timeout));
    }
    return era;
  }

  /** The epoch of the acquired ledger ({@code GetEpochNo}). */
  public long epoch() throws IOException, ProtocolException {
    return LedgerResultCodec.decodeEpoch(ask(new LedgerQuery.EpochNo(shelleyEra("the epoch"))));
  }

  /** The pool's stake and the total active stake in the mark, set and go snapshots ({@code GetStakeSnapshots}). */
  public StakeSnapshots stakeSnapshots(PoolId pool) throws IOException, ProtocolException {
    TreeSet<PoolId> pools = new TreeSet<>();
    pools.add(Objects.requireNonNull(pool, "pool"));
    return LedgerResultCodec.decodeStakeSnapshots(
        ask(new LedgerQuery.StakeSnapshotsQuery(shelleyEra("stake snapshots"), pools)));
  }

  /**
   * The Praos protocol state: the nonces and the opcert counters ({@code DebugChainDepState}).
   *
   * @throws ProtocolException before Babbage (a TPraos state, which this code does not read)
   */
  public PraosState protocolState() throws IOException, ProtocolException {
    Era e = shelleyEra("the protocol state");
    if (!e.praos()) {
      throw new ProtocolException("the node's ledger is in the " + e + " era (TPraos); nonces and opcert counters"
          + " are read from Babbage on");
    }
    return PraosStateCodec.decode(ask(new LedgerQuery.ChainDepState(e)));
  }

  /** The on-chain opcert counter of the pool; empty when it never minted a block. */
  public OptionalLong opcertCounter(PoolId pool) throws IOException, ProtocolException {
    return protocolState().opcertCounter(pool);
  }

  /** The genesis facts: f, epoch length, slots per KES period, max KES evolutions... ({@code GetGenesisConfig}). */
  public GenesisConfig genesisConfig() throws IOException, ProtocolException {
    return GenesisConfigCodec.decode(ask(new LedgerQuery.GenesisConfigQuery(shelleyEra("the genesis"))));
  }

  /** The protocol version and, before Babbage, d ({@code GetCurrentPParams}). */
  public ProtocolParameters protocolParameters() throws IOException, ProtocolException {
    Era e = shelleyEra("the protocol parameters");
    return ProtocolParametersCodec.decode(e, ask(new LedgerQuery.CurrentPParams(e)));
  }

  private byte[] ask(LedgerQuery query) throws IOException, ProtocolException {
    return lsq.query(LedgerQueryCodec.encode(query), timeout);
  }

  private Era shelleyEra(String what) throws IOException, ProtocolException {
    Era e = currentEra();
    if (!e.shelleyBased()) {
      throw new ProtocolException("the node's ledger is still in the Byron era (is it syncing?); " + what
          + " is known from Shelley on");
    }
    return e;
  }

  /** Releases the state, ends the protocol and closes the socket. */
  @Override
  public void close() throws IOException {
    try {
      lsq.done();
    } catch (IOException ignored) {
      // The node may have closed first; the socket is closed below either way.
    } finally {
      channel.close();
    }
  }
}
