package io.palisade.operator.reconcile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.control.api.PoolMetricsText;
import io.palisade.spec.HttpServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's {@code /metrics} (Prometheus text format 0.0.4): the slot ledger's gauges of every StakePool it
 * runs, under the control plane's names and labels ({@link PoolMetricsText#renderSlots}), so the rendered alerting
 * rules and dashboard read a pool on Kubernetes as on a single host. Read-only and without credentials, like the
 * agents' {@code /metrics}: it says how many leader slots a pool had and when the next one is, nothing that acts.
 *
 * <pre>
 * GET /metrics   200 text/plain; version=0.0.4
 * other methods  405
 * other paths    404
 * </pre>
 */
final class OperatorMetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMetricsServer.class);
  /** A scrape renders little (about 25 series a pool): two workers and a short backlog are plenty. */
  private static final int THREADS = 2;
  private static final int BACKLOG = 16;

  private final HttpServer server;
  private final SlotLedgers ledgers;
  private final Clock clock;

  private OperatorMetricsServer(HttpServer server, SlotLedgers ledgers, Clock clock) {
    this.server = server;
    this.ledgers = ledgers;
    this.clock = clock;
  }

  /**
   * Binds and serves.
   *
   * @param address where to listen (port 0: any free port)
   * @param ledgers the StakePools' ledgers, as their passes post them
   * @param clock the time of a scrape (the operator's clock)
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  static OperatorMetricsServer start(InetSocketAddress address, SlotLedgers ledgers, Clock clock)
      throws IOException {
    // Every read has a deadline and the headers a bound (HttpServers' limits): a slow client holds a worker briefly.
    HttpServer server = HttpServers.create(address, BACKLOG, THREADS, "operator-metrics");
    OperatorMetricsServer s = new OperatorMetricsServer(server, ledgers, clock);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  /** Where it listens (the port bound, also when 0 was asked). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"/metrics".equals(ex.getRequestURI().getPath())) {
        send(ex, 404, "text/plain; charset=utf-8", "not found: the operator serves /metrics only\n");
      } else if (!"GET".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "GET");
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed: use GET\n");
      } else {
        String text;
        try {
          text = PoolMetricsText.renderSlots(ledgers.gauges(clock.instant()));
        } catch (RuntimeException e) {
          LOG.warn("/metrics failed", e);
          send(ex, 500, "text/plain; charset=utf-8", "internal error\n");
          return;
        }
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", text);
      }
    }
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    // An empty exposition (no StakePool yet) is a 200 with no body: length -1 is the JDK's "no body".
    ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  /** Stops at once, with its workers. */
  @Override
  public void close() {
    HttpServers.stop(server);
  }
}
