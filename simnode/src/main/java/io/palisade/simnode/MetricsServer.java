package io.palisade.simnode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.spec.HttpServers;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The simulated node's Prometheus endpoint: {@code GET} and {@code HEAD /metrics} only (404 elsewhere, 405 for other
 * methods), the text from a supplier; while the node hangs, requests block (as a stuck node's would); while its
 * network is partitioned, a request from an address the partition cuts off gets no answer at all (the scraper times
 * out, as behind a firewall that drops its packets), without holding a worker thread: the exchange is parked and its
 * connection closed, unanswered, once the partition heals or after {@link #DROP_HOLD}.
 */
final class MetricsServer implements Closeable {
  /** How long a dropped request's connection is held open, unanswered (longer than any scraper waits). */
  static final Duration DROP_HOLD = Duration.ofSeconds(30);
  /** Dropped requests held at most; beyond, the oldest is closed at once (a flood must not exhaust descriptors). */
  static final int MAX_DROPPED = 64;

  private final HttpServer server;
  private final ExecutorService threads;
  private final NodeConfigFile.MetricsEndpoint endpoint;
  private final SnapshotMetrics exposition;
  private final Supplier<NodeSnapshot> snapshot;
  private final BooleanSupplier hung;
  private final Predicate<InetAddress> reaches;
  private final Deque<Dropped> dropped = new ArrayDeque<>();
  private volatile boolean closed;

  private MetricsServer(HttpServer server, ExecutorService threads, NodeConfigFile.MetricsEndpoint endpoint,
      Supplier<NodeSnapshot> snapshot, BooleanSupplier hung, Predicate<InetAddress> reaches) {
    this.server = server;
    this.threads = threads;
    this.endpoint = endpoint;
    this.exposition = new SnapshotMetrics(endpoint.format(), !endpoint.prefix().isEmpty());
    this.snapshot = snapshot;
    this.hung = hung;
    this.reaches = reaches;
  }

  /** A request the partition dropped, and when (on the monotonic clock). */
  private record Dropped(HttpExchange exchange, long atNanos) {}

  /**
   * Starts serving.
   *
   * @param endpoint where (port 0: any free port) and in which style
   * @param snapshot what the node reports, taken per request
   * @param hung whether the node hangs now
   * @param reaches whether a request from this remote address gets through the node's network now
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  static MetricsServer start(NodeConfigFile.MetricsEndpoint endpoint, Supplier<NodeSnapshot> snapshot,
      BooleanSupplier hung, Predicate<InetAddress> reaches) throws IOException {
    HttpServer server = HttpServers.create(new InetSocketAddress(endpoint.host(), endpoint.port()), 8, 4,
        "simnode-metrics");
    ExecutorService threads = (ExecutorService) server.getExecutor();
    MetricsServer m = new MetricsServer(server, threads, endpoint, snapshot, hung, reaches);
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
    if (!reaches.test(ex.getRemoteAddress().getAddress())) {
      drop(ex);
      return;
    }
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

  /** Parks a request the partition drops: it is answered never, its connection closed later ({@link #expire}). */
  private void drop(HttpExchange ex) {
    Dropped oldest = null;
    synchronized (dropped) {
      dropped.addLast(new Dropped(ex, System.nanoTime()));
      if (dropped.size() > MAX_DROPPED) {
        oldest = dropped.pollFirst();
      }
    }
    if (oldest != null) {
      closeQuietly(oldest.exchange());
    }
    if (closed) {
      expire(true);
    }
  }

  /**
   * Closes, unanswered, the connections of dropped requests: all of them once the partition healed (a request lost in
   * a cut network is not answered when the network comes back: its client gave up), else those held
   * {@link #DROP_HOLD}.
   *
   * @param healed whether the partition is over
   */
  void expire(boolean healed) {
    List<Dropped> out = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (dropped) {
      while (!dropped.isEmpty()
          && (healed || now - dropped.peekFirst().atNanos() >= DROP_HOLD.toNanos())) {
        out.add(dropped.pollFirst());
      }
    }
    out.forEach(d -> closeQuietly(d.exchange()));
  }

  /** How many dropped requests are held now (tests). */
  int droppedHeld() {
    synchronized (dropped) {
      return dropped.size();
    }
  }

  private static void closeQuietly(HttpExchange ex) {
    try {
      ex.close();
    } catch (RuntimeException e) {
      // The server's own timer may have closed the connection already: nothing left to close.
    }
  }

  private static long residentBytes() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Override
  public void close() {
    closed = true;
    expire(true);
    server.stop(0);
    threads.shutdownNow();
  }
}
