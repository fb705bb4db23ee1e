package io.palisade.spec;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's {@code com.sun.net.httpserver} with the limits every Palisade endpoint shares (the agent's API, the
 * control plane, the Kubernetes operator's metrics, the simulated node's metrics): a client must send its request within {@value #MAX_REQUEST_SECONDS}
 * s, with at most {@value #MAX_REQUEST_HEADERS} headers, and take the response within {@value #MAX_RESPONSE_SECONDS}
 * s, so a slow or hostile client holds a worker thread for bounded time. Bodies are bounded by each endpoint (it
 * knows its largest request). The JDK reads these limits once, from system properties, when its first server is
 * made; a value an operator set with {@code -D} wins.
 */
public final class HttpServers {
  /** Seconds a client has to send a whole request. */
  public static final int MAX_REQUEST_SECONDS = 10;
  /** Seconds a client has to take a whole response. */
  public static final int MAX_RESPONSE_SECONDS = 10;
  /** Request headers at most. */
  public static final int MAX_REQUEST_HEADERS = 64;

  private HttpServers() {}

  /**
   * A server bound to {@code address} (not started) with {@code threads} daemon worker threads named {@code name-N};
   * stop it with {@link #stop}.
   *
   * @param address where to listen (port 0: any free port)
   * @param backlog the connection backlog
   * @param threads worker threads
   * @param name the workers' name prefix
   * @return the bound server
   * @throws IOException if the address cannot be bound
   */
  public static HttpServer create(InetSocketAddress address, int backlog, int threads, String name)
      throws IOException {
    limit("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    limit("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    limit("sun.net.httpserver.maxReqHeaders", MAX_REQUEST_HEADERS);
    HttpServer server = HttpServer.create(address, backlog);
    AtomicInteger n = new AtomicInteger();
    server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }));
    return server;
  }

  /**
   * Stops a server made by {@link #create} at once, and its workers.
   *
   * @param server the server
   */
  public static void stop(HttpServer server) {
    server.stop(0);
    if (server.getExecutor() instanceof ExecutorService workers) {
      workers.shutdownNow();
    }
  }

  private static void limit(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }
}
