package io.palisade.ouroboros.mux;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Objects;

/** A {@link Bearer} over a {@link Socket}: each read's {@code SO_TIMEOUT} is what is left of the deadline. */
final class SocketBearer implements Bearer {
  private final Socket socket;

  SocketBearer(Socket socket) {
    this.socket = Objects.requireNonNull(socket, "socket");
  }

  @Override
  public int read(byte[] into, int offset, int length, long deadlineNanos) throws IOException {
    long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0) {
      throw new SocketTimeoutException("the peer did not send a complete message in time");
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
    try {
      return socket.getInputStream().read(into, offset, length);
    } catch (SocketTimeoutException e) {
      throw new SocketTimeoutException("the peer did not send a complete message in time");
    }
  }

  @Override
  public void write(byte[] bytes, long deadlineNanos) throws IOException {
    // A blocking socket write returns once the kernel buffer takes the bytes; a peer that never reads fills the
    // buffer, and the read deadlines of the conversation end it.
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  @Override
  public void shutdownOutput() throws IOException {
    if (!socket.isOutputShutdown() && !socket.isClosed()) {
      socket.shutdownOutput();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
