package io.palisade.simnode;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * INTERIM: listens on the node-to-node port and closes every connection, until the health agent's Ouroboros
 * responder ({@code io.palisade.agent.ouroboros.NodeToNodeServer}) is merged and answers the handshake and chain-sync
 * here instead. While it runs, peers see the port open, as they would see a real node's.
 */
final class InterimPortListener implements Closeable {
  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();

  InterimPortListener(String host, int port, BooleanSupplier hung) throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          accepted.incrementAndGet();
          while (hung.getAsBoolean() && !server.isClosed()) {
            Thread.sleep(200);
          }
        } catch (IOException e) {
          // Closed, or a client that went away: keep accepting until closed.
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "simnode-n2n");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
