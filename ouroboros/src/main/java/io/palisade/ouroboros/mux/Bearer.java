package io.palisade.ouroboros.mux;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;

/**
 * The byte stream a {@link MuxChannel} runs on: a TCP socket (node-to-node) or a Unix-domain socket channel
 * (node-to-client). Every read and write has a deadline, so no peer can make the mux wait forever.
 */
public interface Bearer extends Closeable {
  /**
   * Reads at least one byte, waiting at most until {@code deadlineNanos}.
   *
   * @param into the buffer
   * @param offset where to put the bytes
   * @param length most bytes to read (at least 1)
   * @param deadlineNanos a {@link System#nanoTime()} value
   * @return the number of bytes read, or -1 when the peer closed
   * @throws SocketTimeoutException if nothing arrived by the deadline
   * @throws IOException if the connection fails
   */
  int read(byte[] into, int offset, int length, long deadlineNanos) throws IOException;

  /**
   * Writes all of {@code bytes}, waiting at most until {@code deadlineNanos} for room to write.
   *
   * @param bytes what to send
   * @param deadlineNanos a {@link System#nanoTime()} value
   * @throws SocketTimeoutException if the peer does not read in time
   * @throws IOException if the connection fails
   */
  void write(byte[] bytes, long deadlineNanos) throws IOException;

  /** Closes our sending side, so the peer reads the end of the stream after our last bytes. */
  void shutdownOutput() throws IOException;

  /** A bearer over a connected TCP socket (it is owned and closed by the bearer). */
  static Bearer of(Socket socket) {
    return new SocketBearer(socket);
  }

  /**
   * A bearer over a connected socket channel, TCP or Unix-domain (it is owned and closed by the bearer). The channel is
   * switched to non-blocking mode: a blocking channel has no read timeout, so reads wait on a selector instead.
   *
   * @throws IOException if the channel cannot be made non-blocking or no selector can be opened
   */
  static Bearer of(SocketChannel channel) throws IOException {
    return new ChannelBearer(channel);
  }
}
