package io.palisade.agent.ouroboros;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One side of a multiplexed Ouroboros connection over a socket: sends CBOR messages split into SDUs, and receives
 * whole CBOR messages, reassembled from SDUs, for the mini-protocols the caller expects.
 *
 * <p>Everything received is checked: the direction bit must be the other side's, the mini-protocol must be one the
 * caller allows, and a message must complete within its size limit and before the deadline. A peer that trickles one
 * byte at a time still hits the deadline, because each read's timeout is what is left of it.
 */
public final class MuxChannel implements Closeable {
  private final Socket socket;
  private final boolean initiator;
  private final InputStream in;
  private final OutputStream out;
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
   * @param socket a connected socket; this channel owns and closes it
   * @param initiator whether this side opened the connection (it then sends with the mode bit clear)
   * @throws IOException if the socket's streams cannot be opened
   */
  public MuxChannel(Socket socket, boolean initiator) throws IOException {
    this.socket = Objects.requireNonNull(socket, "socket");
    this.initiator = initiator;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** The socket underneath. */
  public Socket socket() {
    return socket;
  }

  /**
   * Sends one message on {@code protocol}, split into SDUs of at most {@link MiniProtocol#MAX_SDU_PAYLOAD} bytes.
   *
   * @param protocol mini-protocol number
   * @param cbor one encoded message
   * @throws IOException if the socket fails
   */
  public void send(int protocol, byte[] cbor) throws IOException {
    int offset = 0;
    do {
      int n = Math.min(MiniProtocol.MAX_SDU_PAYLOAD, cbor.length - offset);
      long timestamp = (System.nanoTime() / 1000) & 0xffffffffL;
      byte[] sdu = new byte[MuxHeader.SIZE + n];
      System.arraycopy(new MuxHeader(timestamp, protocol, !initiator, n).encode(), 0, sdu, 0, MuxHeader.SIZE);
      System.arraycopy(cbor, offset, sdu, MuxHeader.SIZE, n);
      out.write(sdu);
      offset += n;
    } while (offset < cbor.length);
    out.flush();
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
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis <= 0) {
        throw new SocketTimeoutException("the peer did not send a complete message in time");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
      int r;
      try {
        r = in.read(into, read, n - read);
      } catch (SocketTimeoutException e) {
        throw new SocketTimeoutException("the peer did not send a complete message in time");
      }
      if (r < 0) {
        throw new EOFException(read == 0 && n == MuxHeader.SIZE && pending.values().stream().allMatch(b -> b.size() == 0)
            ? "the peer closed the connection"
            : "the peer closed the connection in the middle of a message");
      }
      read += r;
    }
  }

  /** Closes the socket. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
