package io.palisade.ouroboros.mux;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A {@link Bearer} over a non-blocking {@link SocketChannel} (Unix-domain or TCP). A blocking channel has no
 * {@code SO_TIMEOUT}, so each read and write that cannot proceed waits on a private selector for what is left of
 * its deadline.
 */
final class ChannelBearer implements Bearer {
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;

  ChannelBearer(SocketChannel channel) throws IOException {
    this.channel = Objects.requireNonNull(channel, "channel");
    channel.configureBlocking(false);
    this.selector = Selector.open();
    try {
      this.key = channel.register(selector, 0);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
  }

  @Override
  public int read(byte[] into, int offset, int length, long deadlineNanos) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
    while (true) {
      int n = channel.read(buffer);
      if (n != 0) {
        return n;
      }
      await(SelectionKey.OP_READ, deadlineNanos, "the peer did not send a complete message in time");
    }
  }

  @Override
  public void write(byte[] bytes, long deadlineNanos) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) == 0) {
        await(SelectionKey.OP_WRITE, deadlineNanos, "the peer did not read what we sent in time");
      }
    }
  }

  private void await(int op, long deadlineNanos, String timeoutMessage) throws IOException {
    long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0) {
      throw new SocketTimeoutException(timeoutMessage);
    }
    key.interestOps(op);
    try {
      selector.select(remainingMillis);
    } finally {
      selector.selectedKeys().clear();
      key.interestOps(0);
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    if (channel.isOpen()) {
      channel.shutdownOutput();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      selector.close();
    } finally {
      channel.close();
    }
  }
}
