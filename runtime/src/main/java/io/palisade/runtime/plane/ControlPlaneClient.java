package io.palisade.runtime.plane;

import com.fasterxml.jackson.core.type.TypeReference;
import io.palisade.control.ControlEvent;
import io.palisade.control.StateJson;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.local.ControlPlaneInfo;
import io.palisade.runtime.local.DataDir;
import io.palisade.spec.Names;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The client the CLI uses to talk to the control plane of a data directory.
 *
 * <pre>{@code
 * ControlPlaneClient client = ControlPlaneClient.connect(new DataDir(dir));
 * PoolStatus status = client.status();
 * }</pre>
 */
public final class ControlPlaneClient {
  private final URI base;
  private final AccessToken token;
  private final HttpClient http;
  private final String pool;

  private ControlPlaneClient(URI base, AccessToken token, String pool) {
    this.base = base;
    this.token = token;
    this.pool = pool;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** The control plane of a data directory is not running or cannot be reached. */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Connects to the control plane running on {@code dir}.
   *
   * @param dir the data directory
   * @return the client
   * @throws UnavailableException if no control plane runs there, or its token cannot be read safely
   */
  public static ControlPlaneClient connect(DataDir dir) throws UnavailableException {
    ControlPlaneInfo info;
    try {
      info = dir.read(dir.controlPlaneFile(), ControlPlaneInfo.class).orElse(null);
    } catch (IOException e) {
      throw new UnavailableException("cannot read " + dir.controlPlaneFile() + ": " + e.getMessage(), e);
    }
    try {
      if (info == null || !dir.isLockedByAnother()) {
        throw new UnavailableException("no control plane runs on " + dir.root() + " (start one with 'palisade up')",
            null);
      }
    } catch (IOException e) {
      throw new UnavailableException("cannot check the lock of " + dir.root() + ": " + e.getMessage(), e);
    }
    try {
      return new ControlPlaneClient(URI.create(info.url()), AccessToken.read(dir.tokenFile()), info.pool());
    } catch (IOException e) {
      throw new UnavailableException("cannot use the control plane's token: " + e.getMessage(), e);
    }
  }

  /** The name of the pool this control plane runs, as it recorded it when it started. */
  public String pool() {
    return pool;
  }

  /** {@code GET /v1/status}. */
  public PoolStatus status() throws UnavailableException {
    return call("GET", "/v1/status", null, new TypeReference<PoolStatus>() {}).body();
  }

  /** {@code GET /v1/events}. */
  public List<ControlEvent> events(int limit) throws UnavailableException {
    return call("GET", "/v1/events?limit=" + limit, null, new TypeReference<List<ControlEvent>>() {}).body();
  }

  /** {@code POST /v1/upgrade}. */
  public Answer upgrade(String version, boolean retry, boolean allowDowngrade) throws UnavailableException {
    return action("/v1/upgrade", Map.of("version", version, "retry", retry, "allowDowngrade", allowDowngrade));
  }

  /** {@code POST /v1/relays}. */
  public Answer addRelay(String region) throws UnavailableException {
    return action("/v1/relays", Map.of("region", region));
  }

  /** {@code POST /v1/nodes/NAME/restart}. */
  public Answer restartNode(String node) throws UnavailableException {
    return action("/v1/nodes/" + segment(node) + "/restart", Map.of());
  }

  /** {@code POST /v1/nodes/NAME/remove}. */
  public Answer removeNode(String node, boolean relayOnly) throws UnavailableException {
    return action("/v1/nodes/" + segment(node) + "/remove", Map.of("relayOnly", relayOnly));
  }

  /** {@code POST /v1/nodes/NAME/delete-volume}. */
  public Answer deleteVolume(String node) throws UnavailableException {
    return action("/v1/nodes/" + segment(node) + "/delete-volume", Map.of());
  }

  /** {@code POST /v1/pool/delete}. */
  public Answer deletePool() throws UnavailableException {
    return action("/v1/pool/delete", Map.of());
  }

  /** {@code POST /v1/keys/rotate}. */
  public Answer rotateKeys(io.palisade.control.KeyChanges.Key key, String passphraseFile)
      throws UnavailableException {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("key", key.name());
    if (passphraseFile != null) {
      body.put("passphraseFile", passphraseFile);
    }
    return action("/v1/keys/rotate", body);
  }

  /** {@code POST /v1/keys/revoke}. */
  public Answer revokeKeys(io.palisade.control.KeyChanges.Key key, String reason) throws UnavailableException {
    return action("/v1/keys/revoke", Map.of("key", key.name(), "reason", reason == null ? "" : reason));
  }

  /** {@code POST /v1/producer/switchover}. */
  public Answer switchover() throws UnavailableException {
    return action("/v1/producer/switchover", Map.of());
  }

  /** {@code POST /v1/shutdown}. */
  public Answer shutdown() throws UnavailableException {
    return action("/v1/shutdown", Map.of());
  }

  private static final java.util.regex.Pattern NODE = java.util.regex.Pattern.compile(Names.NODE_NAME);

  /** A node name as a path segment; anything else never reaches the URL. */
  private static String segment(String node) {
    if (node == null || !NODE.matcher(node).matches()) {
      throw new IllegalArgumentException("a node name is lower-case letters, digits and '-', was: \"" + node + "\"");
    }
    return node;
  }

  /**
   * An action's answer with its HTTP status (202 accepted, 409 refused, 400 bad input, 404 unknown).
   *
   * @param status the HTTP status
   * @param result the body
   */
  public record Answer(int status, ActionResult result) {}

  private Answer action(String path, Object body) throws UnavailableException {
    Response<ActionResult> r = call("POST", path, body, new TypeReference<ActionResult>() {});
    return new Answer(r.status(), r.body());
  }

  private record Response<T>(int status, T body) {}

  private <T> Response<T> call(String method, String path, Object body, TypeReference<T> type)
      throws UnavailableException {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", token.bearer())
          .header("Content-Type", "application/json");
      b = body == null ? b.GET() : b.method(method,
          HttpRequest.BodyPublishers.ofByteArray(StateJson.MAPPER.writeValueAsBytes(body)));
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() == 401) {
        throw new UnavailableException("the control plane refused the token in the data directory", null);
      }
      if (r.statusCode() >= 500) {
        throw new UnavailableException("the control plane failed: HTTP " + r.statusCode() + " "
            + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), null);
      }
      if (r.statusCode() >= 300 && "GET".equals(method)) {
        throw new UnavailableException("the control plane answered HTTP " + r.statusCode(), null);
      }
      return new Response<>(r.statusCode(), StateJson.MAPPER.readValue(r.body(), type));
    } catch (ConnectException e) {
      throw new UnavailableException("the control plane at " + base + " does not answer", e);
    } catch (IOException e) {
      throw new UnavailableException("talking to the control plane at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted", e);
    }
  }
}
