package io.palisade.ouroboros.n2n;

import io.palisade.ouroboros.ProtocolException;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node-to-node listener: accepts connections and serves each with a {@link NodeToNodeResponder} on its own thread,
 * at most {@value #MAX_CONNECTIONS} at a time (more are closed at once, as an overloaded node would).
 */
public final class NodeToNodeServer implements Closeable {
  /** Most connections served at once. */
  public static final int MAX_CONNECTIONS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(NodeToNodeServer.class);

  private final ServerSocket listener;
  private final NodeToNodeResponder responder;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  private NodeToNodeServer(ServerSocket listener, NodeToNodeResponder responder) {
    this.listener = listener;
    this.responder = responder;
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "n2n-responder-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.acceptor = new Thread(this::acceptLoop, "n2n-accept-" + listener.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /**
   * Binds and starts accepting.
   *
   * @param bind the address to listen on (port 0 picks a free one)
   * @param responder serves each connection
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static NodeToNodeServer start(InetSocketAddress bind, NodeToNodeResponder responder) throws IOException {
    Objects.requireNonNull(responder, "responder");
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(bind, 64);
    NodeToNodeServer server = new NodeToNodeServer(socket, responder);
    server.acceptor.start();
    return server;
  }

  /** The bound address (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  /** Connections served to the end without a protocol or I/O error. */
  public int connectionsServed() {
    return served.get();
  }

  /** Connections that ended in a protocol or I/O error (a probe that just closes counts as served). */
  public int connectionsFailed() {
    return failed.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!listener.isClosed()) {
          LOG.warn("node-to-node accept failed: {}", e.toString());
        }
        continue;
      }
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        LOG.warn("node-to-node: {} connections already open, closing {}", MAX_CONNECTIONS,
            socket.getRemoteSocketAddress());
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try {
      responder.serve(socket);
      served.incrementAndGet();
    } catch (ProtocolException | IOException e) {
      failed.incrementAndGet();
      if (!(e instanceof SocketException && listener.isClosed())) {
        LOG.info("node-to-node connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
      }
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      LOG.warn("node-to-node responder failed", e);
    } finally {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing left to do with a socket that cannot close.
    }
  }

  /** Stops accepting and closes the listener; connections in progress end when their sockets fail. */
  @Override
  public void close() throws IOException {
    listener.close();
    workers.shutdownNow();
  }
}
