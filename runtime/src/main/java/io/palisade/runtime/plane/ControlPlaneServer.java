package io.palisade.runtime.plane;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.palisade.control.StateJson;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.PoolMetricsText;
import io.palisade.control.api.PoolService;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.spec.HttpServers;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The control plane's HTTP API on the loopback interface. Every request must carry the token
 * ({@code Authorization: Bearer TOKEN}); bodies are JSON of at most {@value #MAX_BODY} bytes.
 *
 * <pre>
 * GET  /v1/status                 200 PoolStatus
 * GET  /v1/events?limit=N         200 [ControlEvent]
 * POST /v1/upgrade                {"version": "10.6.0", "retry": false, "allowDowngrade": false}  202 | 409 ActionResult
 * POST /v1/relays                 {"region": "eu-west"}                  202 | 409 ActionResult (node = new relay)
 * POST /v1/nodes/NAME/restart     202 | 409 | 404 ActionResult
 * POST /v1/nodes/NAME/remove      {"relayOnly": true}                    202 | 409 | 404 ActionResult
 * POST /v1/nodes/NAME/delete-volume                                      202 | 409 | 404 ActionResult
 * POST /v1/keys/rotate            {"key": "KES", "passphraseFile": "/f"}  202 | 409 ActionResult
 * POST /v1/keys/revoke            {"key": "KES", "reason": "..."}        202 | 409 ActionResult
 * POST /v1/pool/delete            202 ActionResult; the control plane then stops and removes the pool's state
 * POST /v1/producer/switchover    202 | 409 ActionResult (node = the producer that will forge)
 * POST /v1/shutdown               202 ActionResult
 * errors: 400 malformed input, 401 missing or wrong token, 404 unknown path or node, 405 wrong method
 * GET  /metrics                   200 the pool's gauges and the slot ledger's (PoolMetricsText), for a Prometheus on
 *                                 this machine (with the token as its bearer credentials file)
 * </pre>
 */
public final class ControlPlaneServer implements AutoCloseable {
  /** Largest request body accepted. */
  public static final int MAX_BODY = 16 * 1024;

  private final HttpServer server;
  private final ExecutorService threads;
  private final PoolService service;
  private final AccessToken token;
  private final Supplier<LeaderSlotGauges> slots;

  private ControlPlaneServer(HttpServer server, ExecutorService threads, PoolService service, AccessToken token,
      Supplier<LeaderSlotGauges> slots) {
    this.server = server;
    this.threads = threads;
    this.service = service;
    this.token = token;
    this.slots = slots;
  }

  /**
   * Starts the API on 127.0.0.1.
   *
   * @param port the port (0: any free port)
   * @param service what the API calls
   * @param token the token requests must carry
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static ControlPlaneServer start(int port, PoolService service, AccessToken token) throws IOException {
    return start(port, service, token, () -> LeaderSlotGauges.NONE);
  }

  /**
   * Starts the API on 127.0.0.1, with the slot ledger's gauges on {@code /metrics}.
   *
   * @param port the port (0: any free port)
   * @param service what the API calls
   * @param token the token requests must carry
   * @param slots the slot ledger's gauges, read at each scrape
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static ControlPlaneServer start(int port, PoolService service, AccessToken token,
      Supplier<LeaderSlotGauges> slots) throws IOException {
    // Every read has a deadline (HttpServers' limits).
    HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16, 4,
        "control-plane-http");
    ExecutorService threads = (ExecutorService) server.getExecutor();
    ControlPlaneServer s = new ControlPlaneServer(server, threads, service, token, slots);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!token.matches(ex.getRequestHeaders().getFirst("Authorization"))) {
        send(ex, 401, new ActionResult(false, "missing or wrong token (read it from the data directory's token"
            + " file)", null));
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      try {
        route(ex, method, path);
      } catch (MethodNotAllowed e) {
        send(ex, 405, new ActionResult(false, e.getMessage(), null));
      } catch (IllegalArgumentException e) {
        send(ex, 400, new ActionResult(false, e.getMessage(), null));
      } catch (NoSuchElementException e) {
        send(ex, 404, new ActionResult(false, e.getMessage(), null));
      } catch (RuntimeException e) {
        send(ex, 500, new ActionResult(false, "internal error: " + e, null));
      }
    }
  }

  private void route(HttpExchange ex, String method, String path) throws IOException {
    if (path.equals("/metrics")) {
      requireMethod(method, "GET");
      metrics(ex);
    } else if (path.equals("/v1/status")) {
      requireMethod(method, "GET");
      send(ex, 200, service.status());
    } else if (path.equals("/v1/events")) {
      requireMethod(method, "GET");
      send(ex, 200, service.events(limit(ex.getRequestURI().getRawQuery())));
    } else if (path.equals("/v1/upgrade")) {
      requireMethod(method, "POST");
      JsonNode body = body(ex);
      String version = body.path("version").asText("");
      NodeVersion v;
      try {
        v = NodeVersion.parse(version);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("version " + e.getMessage(), e);
      }
      result(ex, service.upgrade(v, body.path("retry").asBoolean(false), body.path("allowDowngrade").asBoolean(false)));
    } else if (path.equals("/v1/relays")) {
      requireMethod(method, "POST");
      result(ex, service.addRelay(body(ex).path("region").asText("")));
    } else if (path.startsWith("/v1/nodes/")) {
      requireMethod(method, "POST");
      String rest = path.substring("/v1/nodes/".length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        throw new NoSuchElementException("no such API path: " + path);
      }
      String node = rest.substring(0, slash);
      switch (rest.substring(slash + 1)) {
        case "restart" -> result(ex, service.restartNode(node));
        case "remove" -> result(ex, service.removeNode(node, body(ex).path("relayOnly").asBoolean(false)));
        case "delete-volume" -> result(ex, service.deleteVolume(node));
        default -> throw new NoSuchElementException("no such API path: " + path);
      }
    } else if (path.equals("/v1/keys/rotate")) {
      requireMethod(method, "POST");
      JsonNode body = body(ex);
      String file = body.path("passphraseFile").isTextual() ? body.path("passphraseFile").asText() : null;
      result(ex, service.rotateKeys(key(body), file));
    } else if (path.equals("/v1/keys/revoke")) {
      requireMethod(method, "POST");
      JsonNode body = body(ex);
      String reason = body.path("reason").asText("");
      if (reason.length() > 200 || reason.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("reason must be one line of at most 200 characters");
      }
      result(ex, service.revokeKeys(key(body), reason));
    } else if (path.equals("/v1/pool/delete")) {
      requireMethod(method, "POST");
      result(ex, service.deletePool());
    } else if (path.equals("/v1/producer/switchover")) {
      requireMethod(method, "POST");
      result(ex, service.switchover());
    } else if (path.equals("/v1/shutdown")) {
      requireMethod(method, "POST");
      result(ex, service.shutdown());
    } else {
      throw new NoSuchElementException("no such API path: " + path);
    }
  }

  private static io.palisade.control.KeyChanges.Key key(JsonNode body) {
    String k = body.path("key").asText("");
    try {
      return io.palisade.control.KeyChanges.Key.valueOf(k);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key must be KES, VRF or COLD, was: \"" + k + "\"", e);
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    byte[] body;
    try {
      body = PoolMetricsText.render(service.status(), slots.get()).getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      send(ex, 500, new ActionResult(false, "internal error: " + e, null));
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new MethodNotAllowed(expected);
    }
  }

  /** A wrong method; answered 405. */
  private static final class MethodNotAllowed extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed(String expected) {
      super("method not allowed; use " + expected);
    }
  }

  private void result(HttpExchange ex, ActionResult r) throws IOException {
    send(ex, r.accepted() ? 202 : 409, r);
  }

  private static int limit(String query) {
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("limit=")) {
          try {
            return Math.max(1, Math.min(10_000, Integer.parseInt(part.substring(6))));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number, was: " + part.substring(6), e);
          }
        }
      }
    }
    return 100;
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    byte[] bytes;
    try (InputStream in = ex.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
    }
    try {
      JsonNode n = StateJson.MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("request body is not JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.CharConversionException e) {
      // Jackson's encoding guess refuses some UCS-4 byte orders outside JacksonException: still the client's error.
      throw new IllegalArgumentException("request body is not JSON: " + e.getMessage(), e);
    }
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = StateJson.MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the API at once (a shutdown request has been answered by then). */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
