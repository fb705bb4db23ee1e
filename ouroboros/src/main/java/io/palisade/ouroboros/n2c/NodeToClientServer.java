package io.palisade.ouroboros.n2c;

import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.mux.Bearer;
import io.palisade.ouroboros.mux.MuxChannel;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node-to-client listener on a Unix-domain socket, like cardano-node's {@code --socket-path}: accepts connections
 * and serves each with a {@link NodeToClientResponder} on its own thread, at most {@value #MAX_CONNECTIONS} at once
 * (more are closed at once). Closing it removes the socket file.
 *
 * <pre>{@code
 * try (var server = NodeToClientServer.start(dir.resolve("node.socket"), new NodeToClientResponder(2, view))) { ... }
 * }</pre>
 */
public final class NodeToClientServer implements Closeable {
  /** Most connections served at once. */
  public static final int MAX_CONNECTIONS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(NodeToClientServer.class);

  private final Path path;
  private final ServerSocketChannel listener;
  private final NodeToClientResponder responder;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  private NodeToClientServer(Path path, ServerSocketChannel listener, NodeToClientResponder responder) {
    this.path = path;
    this.listener = listener;
    this.responder = responder;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "n2c-responder-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.acceptor = new Thread(this::acceptLoop, "n2c-accept-" + path.getFileName());
    this.acceptor.setDaemon(true);
  }

  /**
   * Binds the socket and starts accepting. A stale socket file (left by a killed process) is replaced; any other
   * file at {@code path} is refused.
   *
   * @param path where the socket file goes
   * @param responder serves each connection
   * @return the running server
   * @throws IOException if the path cannot be bound
   */
  public static NodeToClientServer start(Path path, NodeToClientResponder responder) throws IOException {
    Objects.requireNonNull(responder, "responder");
    if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      if (!"socket".equals(fileType(path))) {
        throw new IOException(path + " exists and is not a socket; refusing to replace it");
      }
      Files.delete(path);
    }
    ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      listener.bind(UnixDomainSocketAddress.of(path), 64);
    } catch (IOException e) {
      listener.close();
      throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
    }
    NodeToClientServer server = new NodeToClientServer(path, listener, responder);
    server.acceptor.start();
    return server;
  }

  private static String fileType(Path path) throws IOException {
    Object mode = Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    return (((Integer) mode) & 0xF000) == 0xC000 ? "socket" : "other";
  }

  /** The socket's path. */
  public Path path() {
    return path;
  }

  /** Connections served to the end without a protocol or I/O error. */
  public int connectionsServed() {
    return served.get();
  }

  /** Connections that ended in a protocol or I/O error. */
  public int connectionsFailed() {
    return failed.get();
  }

  private void acceptLoop() {
    while (listener.isOpen()) {
      SocketChannel socket;
      try {
        socket = listener.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.warn("node-to-client accept failed: {}", e.toString());
        continue;
      }
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        LOG.warn("node-to-client: {} connections already open, closing a new one", MAX_CONNECTIONS);
        closeQuietly(socket);
      }
    }
  }

  private void serve(SocketChannel socket) {
    try {
      responder.serve(new MuxChannel(Bearer.of(socket), false));
      served.incrementAndGet();
    } catch (ProtocolException | IOException e) {
      failed.incrementAndGet();
      if (listener.isOpen()) {
        LOG.info("node-to-client connection on {} ended: {}", path, e.getMessage());
      }
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      LOG.warn("node-to-client responder failed", e);
    } finally {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing left to do with a socket that cannot close.
    }
  }

  /** Stops accepting, closes the listener and removes the socket file; open connections end when their reads fail. */
  @Override
  public void close() throws IOException {
    try {
      listener.close();
      workers.shutdownNow();
    } finally {
      Files.deleteIfExists(path);
    }
  }
}
