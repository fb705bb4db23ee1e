package io.palisade.agent.metrics;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 endpoint written on raw sockets, so tests control every byte: it records the requests it reads
 * and answers each with what the responder returns (raw response bytes, or null to go silent).
 */
public final class FakeMetricsEndpoint implements Closeable {
  /** Produces the raw response to the n-th request (0-based) on any connection; null means stay silent. */
  public interface Responder {
    byte[] respond(int n) throws Exception;
  }

  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> requestTexts = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Responder responder;
  private volatile boolean closeAfterEachResponse;

  /** Starts serving. */
  public FakeMetricsEndpoint(Responder responder) throws IOException {
    this.responder = responder;
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "fake-metrics");
    t.setDaemon(true);
    t.start();
  }

  /** A 200 response with a Content-Length body. */
  public static byte[] ok(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return concat(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: "
        + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), b);
  }

  /** Any raw response text. */
  public static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Makes the endpoint close each connection after one response, without saying so (a stale keep-alive). */
  public void closeAfterEachResponse() {
    closeAfterEachResponse = true;
  }

  /** The URL of /metrics. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/metrics");
  }

  /** Connections accepted. */
  public int connections() {
    return connections.get();
  }

  /** Requests read, as text. */
  public List<String> requests() {
    return requestTexts;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "fake-metrics-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        String request = readHead(in);
        if (request == null) {
          return;
        }
        requestTexts.add(request);
        byte[] response = responder.respond(requests.getAndIncrement());
        if (response == null) {
          Thread.sleep(60_000);
          return;
        }
        out.write(response);
        out.flush();
        if (closeAfterEachResponse) {
          return;
        }
      }
    } catch (Exception e) {
      // Connection over.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
