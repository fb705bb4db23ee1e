package io.palisade.ouroboros.n2c;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.mux.MiniProtocol;
import io.palisade.ouroboros.mux.MuxChannel;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquired;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Done;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Failure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Query;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.ReAcquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Release;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Result;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The client side of local-state-query on a negotiated node-to-client channel, with the protocol's states enforced:
 * idle → acquire → acquired → query/result … → release → idle → done. Every answer is awaited with a timeout.
 */
public final class LocalStateQueryClient {
  private enum State { IDLE, ACQUIRED, DONE }

  private final MuxChannel channel;
  private State state = State.IDLE;

  /**
   * @param channel a channel whose handshake accepted a node-to-client version (not owned)
   */
  public LocalStateQueryClient(MuxChannel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /**
   * Acquires a ledger state ({@code MsgAcquire}), or another one if one is held ({@code MsgReAcquire}).
   *
   * @param target the state
   * @param timeout how long the node may take
   * @throws ProtocolException if the node answers {@code MsgFailure} (the message says why) or breaks the protocol
   * @throws IOException if the connection fails or times out
   */
  public void acquire(Target target, Duration timeout) throws IOException, ProtocolException {
    require(state != State.DONE, "acquire after MsgDone");
    send(state == State.ACQUIRED ? new ReAcquire(target) : new Acquire(target));
    LocalStateQueryMessage answer = receive(timeout);
    if (answer instanceof Failure f) {
      state = State.IDLE;
      throw new ProtocolException("the node could not acquire " + target + ": " + f.reason());
    }
    if (!(answer instanceof Acquired)) {
      throw new ProtocolException("expected MsgAcquired or MsgFailure, the node sent " + name(answer));
    }
    state = State.ACQUIRED;
  }

  /**
   * Asks one query of the acquired state ({@code MsgQuery}) and returns the result's CBOR ({@code MsgResult}).
   *
   * @param query the query's CBOR ({@link LedgerQueryCodec})
   * @param timeout how long the node may take
   * @return the result's CBOR
   * @throws ProtocolException if the node breaks the protocol
   * @throws IOException if the connection fails or times out (a node that does not know the query closes it)
   */
  public byte[] query(byte[] query, Duration timeout) throws IOException, ProtocolException {
    require(state == State.ACQUIRED, "a query needs an acquired state");
    send(new Query(query));
    LocalStateQueryMessage answer = receive(timeout);
    if (!(answer instanceof Result r)) {
      throw new ProtocolException("expected MsgResult, the node sent " + name(answer));
    }
    return r.result();
  }

  /** Releases the acquired state ({@code MsgRelease}); nothing is answered. */
  public void release() throws IOException {
    if (state == State.ACQUIRED) {
      send(new Release());
      state = State.IDLE;
    }
  }

  /** Ends the protocol ({@code MsgDone}), releasing first if needed. */
  public void done() throws IOException {
    release();
    if (state == State.IDLE) {
      send(new Done());
      state = State.DONE;
    }
  }

  private void send(LocalStateQueryMessage m) throws IOException {
    channel.send(MiniProtocol.LOCAL_STATE_QUERY, LocalStateQueryCodec.encode(m));
  }

  private LocalStateQueryMessage receive(Duration timeout) throws IOException, ProtocolException {
    return LocalStateQueryCodec.decode(
        channel.receive(MiniProtocol.LOCAL_STATE_QUERY, MiniProtocol.MAX_LOCAL_STATE_QUERY_BYTES, timeout));
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("local-state-query: " + what);
    }
  }

  private static String name(LocalStateQueryMessage m) {
    return "Msg" + m.getClass().getSimpleName();
  }
}
