package io.palisade.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.palisade.operator.model.PublishedSchedule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ProducerAgents#direct()}'s HTTP: GETs to a producer's agent at its pod's IP, each bounded in time (connect to
 * last byte) and size ({@link CappedBody}), no redirects; the client is made on first use and kept.
 */
final class AgentHttp {
  /** Most schedule files read from one agent in a pass (its sidecar keeps two: the current and the next epoch). */
  static final int MAX_SCHEDULE_FILES = 4;
  /** The largest list of schedule files read. */
  static final int MAX_LIST_BYTES = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An answer.
   *
   * @param code the HTTP status
   * @param body the body, or null when it was larger than asked
   */
  record Answer(int code, byte[] body) {}

  private final long timeoutSeconds;
  private HttpClient http;

  AgentHttp(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds))
          .followRedirects(HttpClient.Redirect.NEVER).build();
    }
    return http;
  }

  /**
   * One GET.
   *
   * @param pod the pod (its IP)
   * @param port the agent's port
   * @param path the path, from a fixed set: never from the agent's own answers unchecked
   * @param maxBytes the largest body read
   * @return the answer; empty when the pod has no IP, or nothing came back in time
   */
  Optional<Answer> get(Pod pod, int port, String path, int maxBytes) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (ip == null || ip.isBlank()) {
      return Optional.empty();
    }
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
          .timeout(Duration.ofSeconds(timeoutSeconds)).GET().build();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    CompletableFuture<HttpResponse<byte[]>> f = client().sendAsync(request, CappedBody.handler(maxBytes));
    try {
      HttpResponse<byte[]> r = f.get(timeoutSeconds, TimeUnit.SECONDS);
      return Optional.of(new Answer(r.statusCode(), r.body()));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      f.cancel(true);
      return Optional.empty();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The agent's schedule files: its list ({@code /leader-schedule}), then each listed name that is a Secret key the
   * operator accepts ({@link PublishedSchedule#KEY}), the latest {@link #MAX_SCHEDULE_FILES} epochs.
   */
  Map<String, byte[]> scheduleFiles(Pod pod, int port) {
    Optional<Answer> list = get(pod, port, "/leader-schedule", MAX_LIST_BYTES);
    if (list.isEmpty() || list.get().code() != 200 || list.get().body() == null) {
      return Map.of();
    }
    List<String> names = names(list.get().body());
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : names.subList(Math.max(0, names.size() - MAX_SCHEDULE_FILES), names.size())) {
      get(pod, port, "/leader-schedule/" + name, PublishedSchedule.MAX_BYTES)
          .filter(a -> a.code() == 200 && a.body() != null).ifPresent(a -> files.put(name, a.body()));
    }
    return files;
  }

  /** The names of a list answer that are schedule keys, in epoch order; anything else in it is ignored. */
  static List<String> names(byte[] body) {
    List<String> names = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isArray()) {
        return names;
      }
      for (JsonNode n : root) {
        if (n.isTextual() && PublishedSchedule.KEY.matcher(n.asText()).matches()) {
          names.add(n.asText());
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    names.sort((a, b) -> Long.compare(epoch(a), epoch(b)));
    return names.stream().distinct().toList();
  }

  private static long epoch(String key) {
    var m = PublishedSchedule.KEY.matcher(key);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }
}
