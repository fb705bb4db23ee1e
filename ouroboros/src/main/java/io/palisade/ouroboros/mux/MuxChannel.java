package io.palisade.ouroboros.mux;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.ouroboros.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One side of a multiplexed Ouroboros connection over a {@link Bearer} (a TCP socket or a Unix-domain socket
 * channel): sends CBOR messages split into SDUs, and receives whole CBOR messages, reassembled from SDUs, for the
 * mini-protocols the caller expects. Node-to-node and node-to-client share it.
 *
 * <p>Everything received is checked: the direction bit must be the other side's, the mini-protocol must be one the
 * caller allows, and a message must complete within its size limit and before the deadline. A peer that trickles one
 * byte at a time still hits the deadline, because each read's timeout is what is left of it.
 */
public final class MuxChannel implements Closeable {
  /** How long one send may wait for the peer to make room (a peer that never reads). */
  public static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Bearer bearer;
  private final boolean initiator;
  private final Map<Integer, ByteArrayOutputStream> pending = new HashMap<>();
  private final byte[] header = new byte[MuxHeader.SIZE];

  /**
   * One complete message.
   *
   * @param protocol the mini-protocol it arrived on
   * @param cbor its CBOR bytes
   */
  public record Message(int protocol, byte[] cbor) {}

  /**
   * @param socket a connected TCP socket; this channel owns and closes it
   * @param initiator whether this side opened the connection (it then sends with the mode bit clear)
   */
  public MuxChannel(Socket socket, boolean initiator) {
    this(Bearer.of(socket), initiator);
  }

  /**
   * @param bearer a connected bearer; this channel owns and closes it
   * @param initiator whether this side opened the connection (it then sends with the mode bit clear)
   */
  public MuxChannel(Bearer bearer, boolean initiator) {
    this.bearer = Objects.requireNonNull(bearer, "bearer");
    this.initiator = initiator;
  }

  /**
   * Sends one message on {@code protocol}, split into SDUs of at most {@link MiniProtocol#MAX_SDU_PAYLOAD} bytes.
   *
   * @param protocol mini-protocol number
   * @param cbor one encoded message
   * @throws IOException if the connection fails, or the peer does not read within {@link #SEND_TIMEOUT}
   */
  public void send(int protocol, byte[] cbor) throws IOException {
    long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
    int offset = 0;
    do {
      int n = Math.min(MiniProtocol.MAX_SDU_PAYLOAD, cbor.length - offset);
      long timestamp = (System.nanoTime() / 1000) & 0xffffffffL;
      byte[] sdu = new byte[MuxHeader.SIZE + n];
      System.arraycopy(new MuxHeader(timestamp, protocol, !initiator, n).encode(), 0, sdu, 0, MuxHeader.SIZE);
      System.arraycopy(cbor, offset, sdu, MuxHeader.SIZE, n);
      bearer.write(sdu, deadline);
      offset += n;
    } while (offset < cbor.length);
  }

  /**
   * Receives the next complete message on {@code protocol}.
   *
   * @param protocol the only mini-protocol the peer may use now
   * @param maxBytes the message size limit
   * @param timeout how long to wait for the whole message
   * @return the message's CBOR bytes
   * @throws ProtocolException if the peer breaks the framing or the limit
   * @throws SocketTimeoutException if the message does not arrive in time
   * @throws IOException if the connection fails or closes
   */
  public byte[] receive(int protocol, int maxBytes, Duration timeout) throws IOException, ProtocolException {
    int[] limits = new int[protocol + 1];
    limits[protocol] = maxBytes;
    return receiveAny(limits, timeout).cbor();
  }

  /**
   * Receives the next complete message on any mini-protocol whose limit in {@code limits} is positive.
   *
   * @param limits message size limit per mini-protocol number; 0 (or beyond the array) means not allowed now
   * @param timeout how long to wait
   * @return the message and its mini-protocol
   * @throws ProtocolException if the peer breaks the framing or a limit
   * @throws SocketTimeoutException if no complete message arrives in time
   * @throws IOException if the connection fails or closes
   */
  public Message receiveAny(int[] limits, Duration timeout) throws IOException, ProtocolException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Map.Entry<Integer, ByteArrayOutputStream> e : pending.entrySet()) {
        int p = e.getKey();
        if (p < limits.length && limits[p] > 0) {
          byte[] message = takeComplete(p, e.getValue(), limits[p]);
          if (message != null) {
            return new Message(p, message);
          }
        }
      }
      readFully(header, MuxHeader.SIZE, deadline);
      MuxHeader h = MuxHeader.decode(header, 0);
      if (h.fromResponder() == !initiator) {
        // A segment with our own direction bit: the peer is confused about who initiated.
        throw new ProtocolException("segment for " + MiniProtocol.name(h.protocol()) + " has the "
            + (h.fromResponder() ? "responder" : "initiator") + " direction bit, expected the other side's");
      }
      if (h.protocol() >= limits.length || limits[h.protocol()] <= 0) {
        throw new ProtocolException("unexpected segment for " + MiniProtocol.name(h.protocol()) + " ("
            + h.length() + " bytes) at this point of the conversation");
      }
      byte[] payload = new byte[h.length()];
      readFully(payload, payload.length, deadline);
      ByteArrayOutputStream buffer = pending.computeIfAbsent(h.protocol(), p -> new ByteArrayOutputStream());
      buffer.write(payload, 0, payload.length);
      int limit = limits[h.protocol()];
      byte[] message = takeComplete(h.protocol(), buffer, limit);
      if (message != null) {
        return new Message(h.protocol(), message);
      }
      if (buffer.size() > limit) {
        throw new ProtocolException(MiniProtocol.name(h.protocol()) + " message exceeds its limit of " + limit
            + " bytes (" + buffer.size() + " bytes received without completing it)");
      }
    }
  }

  /** Removes and returns the first complete CBOR item in the buffer, or null if it is not complete yet. */
  private byte[] takeComplete(int protocol, ByteArrayOutputStream buffer, int limit) throws ProtocolException {
    if (buffer.size() == 0) {
      return null;
    }
    byte[] bytes = buffer.toByteArray();
    int length;
    try {
      length = CborReader.itemLength(bytes, 0, bytes.length);
    } catch (CborException e) {
      if (e.incomplete()) {
        return null;
      }
      throw new ProtocolException(MiniProtocol.name(protocol) + " message is not valid CBOR: " + e.getMessage(), e);
    }
    if (length > limit) {
      throw new ProtocolException(MiniProtocol.name(protocol) + " message of " + length + " bytes exceeds its limit of "
          + limit + " bytes");
    }
    buffer.reset();
    buffer.write(bytes, length, bytes.length - length);
    return Arrays.copyOf(bytes, length);
  }

  private void readFully(byte[] into, int n, long deadline) throws IOException {
    int read = 0;
    while (read < n) {
      int r = bearer.read(into, read, n - read, deadline);
      if (r < 0) {
        throw new EOFException(read == 0 && n == MuxHeader.SIZE && pending.values().stream().allMatch(b -> b.size() == 0)
            ? "the peer closed the connection"
            : "the peer closed the connection in the middle of a message");
      }
      read += r;
    }
  }

  /** Closes our sending side: the peer reads the end of the stream after our last message. */
  public void shutdownOutput() throws IOException {
    bearer.shutdownOutput();
  }

  /** Closes the connection. */
  @Override
  public void close() throws IOException {
    bearer.close();
  }
}
