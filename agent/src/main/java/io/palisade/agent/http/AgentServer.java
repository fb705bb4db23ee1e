package io.palisade.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.agent.HealthReport;
import io.palisade.agent.NodeWatcher;
import io.palisade.agent.PollCadence;
import io.palisade.spec.HttpServers;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP face, a thin wrapper around a {@link NodeWatcher}: a background thread polls the node every
 * {@code pollInterval} ({@link PollCadence}: sooner while the node does not answer yet, so the first verdict comes as
 * soon as it does); requests only read the latest report, so probes from Kubernetes never reach the node.
 *
 * <ul>
 *   <li>{@code /startupz}, {@code /livez}, {@code /readyz}: 200 or 503, with the reasons as text;
 *   <li>{@code /status}: the report as JSON ({@link StatusJson});
 *   <li>{@code /metrics}: {@code palisade_*} gauges ({@link AgentMetricsText}), with the leader slots of the
 *       schedule files served, read through {@link ServedSchedules};
 *   <li>{@code /leader-schedule} (a JSON list of names) and {@code /leader-schedule/epoch-<N>.json}: the schedule
 *       files the pod's sidecar wrote, when started with a {@link ScheduleFiles} directory ({@link #start(
 *       InetSocketAddress, NodeWatcher, Duration, Optional)}); 404 otherwise.
 * </ul>
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} with two worker threads: small, and nothing to configure.
 * Only GET and HEAD are served; requests must arrive within 10 s (no slow-loris).
 */
public final class AgentServer implements Closeable {
  /** Shortest poll interval: the node is never scraped more than once a second. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);

  /** Where the schedule sidecar's files are served. */
  public static final String SCHEDULE_PATH = "/leader-schedule";

  private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

  private final HttpServer http;
  private final NodeWatcher watcher;
  private final ScheduledExecutorService poller;
  private final PollCadence cadence;
  private final Optional<ScheduleFiles> schedules;
  private final Optional<ServedSchedules> served;

  private AgentServer(HttpServer http, NodeWatcher watcher, ScheduledExecutorService poller, PollCadence cadence,
      Optional<ScheduleFiles> schedules) {
    this.http = http;
    this.watcher = watcher;
    this.poller = poller;
    this.cadence = cadence;
    this.schedules = schedules;
    this.served = schedules.map(files -> new ServedSchedules(files, watcher.clock()));
  }

  /**
   * Binds, starts polling the node at once and then every {@code pollInterval} (every {@link PollCadence#EAGER} until
   * the node first serves its metrics), and serves.
   *
   * @param bind where to listen (port 0 picks a free one)
   * @param watcher the node's watcher
   * @param pollInterval time between polls (at least {@link #MIN_POLL_INTERVAL})
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static AgentServer start(InetSocketAddress bind, NodeWatcher watcher, Duration pollInterval)
      throws IOException {
    return start(bind, watcher, pollInterval, Optional.empty());
  }

  /**
   * As {@link #start(InetSocketAddress, NodeWatcher, Duration)}, also serving the leader-schedule files of
   * {@code schedules} read-only under {@code /leader-schedule}.
   *
   * @param bind where to listen (port 0 picks a free one)
   * @param watcher the node's watcher
   * @param pollInterval time between polls (at least {@link #MIN_POLL_INTERVAL})
   * @param schedules the schedule sidecar's directory, if this pod has one
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static AgentServer start(InetSocketAddress bind, NodeWatcher watcher, Duration pollInterval,
      Optional<ScheduleFiles> schedules) throws IOException {
    Objects.requireNonNull(watcher, "watcher");
    Objects.requireNonNull(schedules, "schedules");
    if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
      throw new IllegalArgumentException("poll interval must be at least 1 s, was: " + pollInterval);
    }
    // Two workers: small (the sidecar's memory budget), and bounded request and response times (HttpServers).
    HttpServer http = HttpServers.create(bind, 16, 2, "agent-http");
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "agent-poll"));
    AgentServer server = new AgentServer(http, watcher, poller, PollCadence.of(pollInterval), schedules);
    http.createContext("/", server::handle);
    poller.execute(server::pollAndReschedule);
    http.start();
    return server;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** The watcher behind this server. */
  public NodeWatcher watcher() {
    return watcher;
  }

  /** Polls, then schedules the next poll: soon while the node does not answer yet, else after the interval. */
  private void pollAndReschedule() {
    pollSafely();
    try {
      poller.schedule(this::pollAndReschedule, cadence.next(watcher.latest()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: no more polls.
    }
  }

  private void pollSafely() {
    try {
      HealthReport before = watcher.latest().orElse(null);
      HealthReport r = watcher.poll();
      if (before == null || before.state() != r.state() || before.live() != r.live() || before.ready() != r.ready()) {
        // Transitions only: an operator reading the log sees each change once, with its reasons.
        LOG.info("node is {} (started={}, live={}, ready={}): {}", r.state(), r.started(), r.live(), r.ready(),
            String.join(" | ", r.reasons()));
      }
    } catch (RuntimeException e) {
      // A bug must not stop the polling thread: the probes would freeze on a stale verdict.
      LOG.error("polling the node failed", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = "HEAD".equals(method);
      if (!head && !"GET".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "method not allowed\n", false);
        return;
      }
      HealthReport r = watcher.latest().orElse(null);
      String path = exchange.getRequestURI().getPath();
      if (path != null && (path.equals(SCHEDULE_PATH) || path.startsWith(SCHEDULE_PATH + "/"))) {
        schedule(exchange, path, head);
        return;
      }
      switch (path == null ? "" : path) {
        case "/startupz" -> probe(exchange, r != null && r.started(), r, "startup:", head);
        case "/livez" -> probe(exchange, r == null || r.live(), r, "liveness:", head);
        case "/readyz" -> probe(exchange, r != null && r.ready(), r, "readiness:", head);
        case "/status" -> {
          if (r == null) {
            send(exchange, 503, "application/json", "{\"state\":null,\"reasons\":[\"no observation yet\"]}\n", head);
          } else {
            send(exchange, 200, "application/json", StatusJson.write(r) + "\n", head);
          }
        }
        case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics(r), head);
        default -> send(exchange, 404, "text/plain",
            "not found: try /livez, /readyz, /startupz, /status or /metrics\n", head);
      }
    }
  }

  /** The metrics text: the report's, and the leader slots of the served schedule files, when there are any. */
  private String metrics(HealthReport r) {
    if (served.isEmpty()) {
      return AgentMetricsText.render(r);
    }
    try {
      return AgentMetricsText.render(r, served.get().epochs(), watcher.clock());
    } catch (RuntimeException e) {
      // The schedule files are another container's output: whatever they hold, the node's gauges are still served.
      LOG.warn("the leader-slot gauges are left out of /metrics: {}", e.toString());
      return AgentMetricsText.render(r);
    }
  }

  /**
   * {@code /leader-schedule}: the list, or one file. The name is checked by {@link ScheduleFiles} on the decoded path
   * (so {@code %2e%2e%2f} is checked as {@code ../}), and a raw path with anything but the plain name is refused too.
   */
  private void schedule(HttpExchange exchange, String path, boolean head) throws IOException {
    if (schedules.isEmpty()) {
      send(exchange, 404, "text/plain", "not found: this agent serves no leader schedule (no sidecar)\n", head);
      return;
    }
    try {
      if (path.equals(SCHEDULE_PATH) || path.equals(SCHEDULE_PATH + "/")) {
        StringBuilder list = new StringBuilder("[");
        for (String name : schedules.get().list()) {
          // Names match ScheduleFiles.NAME (letters, digits, '-', '.'): nothing to escape.
          list.append(list.length() == 1 ? "" : ",").append('"').append(name).append('"');
        }
        send(exchange, 200, "application/json", list.append("]\n").toString(), head);
        return;
      }
      String name = path.substring(SCHEDULE_PATH.length() + 1);
      String raw = exchange.getRequestURI().getRawPath();
      Optional<byte[]> file = raw != null && raw.equals(SCHEDULE_PATH + "/" + name)
          ? schedules.get().read(name) : Optional.empty();
      if (file.isEmpty()) {
        send(exchange, 404, "text/plain", "not found: no such schedule file (names are epoch-<N>.json)\n", head);
        return;
      }
      sendBytes(exchange, 200, "application/json", file.get(), head);
    } catch (IOException e) {
      LOG.warn("reading the leader-schedule directory failed: {}", e.getMessage());
      send(exchange, 500, "text/plain", "the schedule file cannot be read\n", head);
    }
  }

  private static void probe(HttpExchange exchange, boolean ok, HealthReport r, String prefix, boolean head)
      throws IOException {
    StringBuilder body = new StringBuilder(ok ? "ok\n" : "failing\n");
    List<String> reasons = r == null ? List.of(prefix + " no observation yet") : r.reasons();
    for (String reason : reasons) {
      if (reason.startsWith(prefix) || (reason.startsWith("state:") && !ok)) {
        body.append(reason).append('\n');
      }
    }
    send(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", body.toString(), head);
  }

  private static void send(HttpExchange exchange, int code, String type, String body, boolean head)
      throws IOException {
    sendBytes(exchange, code, type, body.getBytes(StandardCharsets.UTF_8), head);
  }

  private static void sendBytes(HttpExchange exchange, int code, String type, byte[] bytes, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (head) {
      exchange.sendResponseHeaders(code, -1);
      return;
    }
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Stops polling and serving. */
  @Override
  public void close() {
    poller.shutdownNow();
    HttpServers.stop(http);
  }
}
