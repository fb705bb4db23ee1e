package io.palisade.simnode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.spec.HttpServers;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The simulated node's Prometheus endpoint: {@code GET} and {@code HEAD /metrics} only (404 elsewhere, 405 for other
 * methods), the text from a supplier; while the node hangs, requests block (as a stuck node's would).
 */
final class MetricsServer implements Closeable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final NodeConfigFile.MetricsEndpoint endpoint;
  private final SnapshotMetrics exposition;
  private final Supplier<NodeSnapshot> snapshot;
  private final BooleanSupplier hung;
  private volatile boolean closed;

  private MetricsServer(HttpServer server, ExecutorService threads, NodeConfigFile.MetricsEndpoint endpoint,
      Supplier<NodeSnapshot> snapshot, BooleanSupplier hung) {
    this.server = server;
    this.threads = threads;
    this.endpoint = endpoint;
    this.exposition = new SnapshotMetrics(endpoint.format(), !endpoint.prefix().isEmpty());
    this.snapshot = snapshot;
    this.hung = hung;
  }

  /**
   * Starts serving.
   *
   * @param endpoint where (port 0: any free port) and in which style
   * @param snapshot what the node reports, taken per request
   * @param hung whether the node hangs now
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  static MetricsServer start(NodeConfigFile.MetricsEndpoint endpoint, Supplier<NodeSnapshot> snapshot,
      BooleanSupplier hung) throws IOException {
    HttpServer server = HttpServers.create(new InetSocketAddress(endpoint.host(), endpoint.port()), 8, 4,
        "simnode-metrics");
    ExecutorService threads = (ExecutorService) server.getExecutor();
    MetricsServer m = new MetricsServer(server, threads, endpoint, snapshot, hung);
    server.createContext("/", m::serve);
    server.start();
    return m;
  }

  /** The port metrics are served on. */
  int port() {
    return server.getAddress().getPort();
  }

  /** For the log: the style and the URL. */
  String describe() {
    return "Prometheus metrics (" + endpoint.format().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + ") on http://" + endpoint.host() + ":" + port() + "/metrics";
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      while (hung.getAsBoolean() && !closed) {
        pause();
      }
      String method = ex.getRequestMethod();
      if (!ex.getRequestURI().getPath().equals("/metrics")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = exposition.render(snapshot.get(), residentBytes()).getBytes(StandardCharsets.UTF_8);
      String accept = ex.getRequestHeaders().getFirst("Accept");
      ex.getResponseHeaders().set("Content-Type", accept != null && accept.contains("application/openmetrics-text")
          ? "application/openmetrics-text;version=1.0.0;charset=utf-8" : "text/plain;version=0.0.4;charset=utf-8");
      if (method.equals("HEAD")) {
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** A hung node's request thread waits here; it is the fault being simulated, not synchronisation. */
  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static long residentBytes() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    threads.shutdownNow();
  }
}
