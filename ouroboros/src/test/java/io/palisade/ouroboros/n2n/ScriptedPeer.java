package io.palisade.ouroboros.n2n;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A loopback server that runs a script against each connection: how tests play a hostile or broken peer. */
final class ScriptedPeer implements Closeable {
  /** What the peer does with an accepted connection. */
  interface Script {
    void run(Socket socket, InputStream in, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Thread thread;

  ScriptedPeer(Script script) throws IOException {
    server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          script.run(s, s.getInputStream(), s.getOutputStream());
        } catch (IOException | InterruptedException e) {
          // The script or the client ended the connection.
        }
      }
    }, "scripted-peer");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    server.close();
    thread.interrupt();
  }
}
