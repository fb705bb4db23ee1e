package io.palisade.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.operator.model.ProducerPods.AgentReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the operator reads what a producer's agent reports (its node's {@code forging_enabled}, its health state,
 * readiness and reasons, its forge counters): a port, so tests give the readings of their simulated pods. The
 * default ({@link #direct()}) asks the agent's {@code /status} pod to pod, which the producers' network policy admits from the operator's pods; {@link
 * #apiProxy()} goes through the API server's pod proxy for clusters where the operator cannot reach pods (it needs
 * {@code pods/proxy}, which the rendered role does not grant). Either way a read is bounded in time and size, and
 * anything unreadable reads as unknown, never as "not forging".
 */
@FunctionalInterface
public interface ProducerAgents {
  /** How long one read may take, from connecting to the last byte of the body. */
  long TIMEOUT_SECONDS = 3;
  /** The largest {@code /status} body read; an agent's is a few hundred bytes. */
  int MAX_BODY_BYTES = 1 << 20;
  /** At most this many of the agent's reasons are kept. */
  int MAX_REASONS = 20;
  /** An agent's reason is cut at this length. */
  int MAX_REASON_CHARS = 300;

  /**
   * The agent's reading.
   *
   * @param client the client
   * @param pod the producer's pod, as this pass listed it
   * @param agentPort the agent's port
   * @return the reading ({@link AgentReading#NONE} when it cannot be read)
   */
  AgentReading read(KubernetesClient client, Pod pod, int agentPort);

  /**
   * The leader-schedule files the producer's agent serves ({@code GET /leader-schedule}, written by the pod's schedule
   * sidecar): name to content, at most {@link AgentHttp#MAX_SCHEDULE_FILES} files of at most {@link
   * io.palisade.operator.model.PublishedSchedule#MAX_BYTES} each. Empty when the agent serves none or cannot be read:
   * the caller checks every file before it uses one. The default reads nothing (a port that only reads
   * {@code /status}).
   *
   * @param client the client
   * @param pod the producer's pod, as this pass listed it
   * @param agentPort the agent's port
   * @return the files, by name
   */
  default Map<String, byte[]> schedules(KubernetesClient client, Pod pod, int agentPort) {
    return Map.of();
  }

  /** Pod to pod, at the pod's IP; a pod without an IP yet reads as unknown. */
  static ProducerAgents direct() {
    // One HTTP client for the operator's life, made on first use: pools without a standby never need it.
    AgentHttp http = new AgentHttp(TIMEOUT_SECONDS);
    return new ProducerAgents() {
      @Override
      public AgentReading read(KubernetesClient client, Pod pod, int agentPort) {
        return http.get(pod, agentPort, "/status", MAX_BODY_BYTES).map(a -> reading(a.code(), a.body()))
            .orElse(AgentReading.NONE);
      }

      @Override
      public Map<String, byte[]> schedules(KubernetesClient client, Pod pod, int agentPort) {
        return http.scheduleFiles(pod, agentPort);
      }
    };
  }

  /** Through the API server's pod proxy (needs {@code pods/proxy} get in the operator's role). */
  static ProducerAgents apiProxy() {
    return (client, pod, agentPort) -> {
      String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
          + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName() + ":" + agentPort
          + "/proxy/status";
      HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).build();
      return awaited(client.getHttpClient().sendAsync(request, String.class).thenApply(r -> reading(r.code(),
          r.body() == null ? null : r.body().getBytes(StandardCharsets.UTF_8))));
    };
  }

  /**
   * The reading an agent's answer gives: its {@code forgingEnabled}, whether its {@code state} is SYNCED, the state,
   * {@code ready} and {@code reasons} (at most {@link #MAX_REASONS}, each cut at {@link #MAX_REASON_CHARS}), and its
   * {@code forge} counters (each present only when the node exposes it: an absent or non-integral one is unknown,
   * never 0), and its {@code forgeScrape} (when they were sampled: an agent answers with its last observation). A
   * 503 is an agent that answers "not ready", with the same body; any other failure reads as nothing.
   *
   * @param code the HTTP status
   * @param body the body (null when it was too large)
   * @return the reading
   */
  static AgentReading reading(int code, byte[] body) {
    if (code != 200 && code != 503 || body == null || body.length > MAX_BODY_BYTES) {
      return AgentReading.NONE;
    }
    try {
      JsonNode status = new ObjectMapper().readTree(body);
      if (status == null || !status.isObject()) {
        return AgentReading.NONE;
      }
      JsonNode forging = status.get("forgingEnabled");
      ForgingReading reading = forging == null || !forging.isBoolean() ? ForgingReading.UNKNOWN
          : forging.asBoolean() ? ForgingReading.ON : ForgingReading.OFF;
      JsonNode state = status.get("state");
      String stateText = state != null && state.isTextual() && state.asText().matches("[A-Z_]{1,20}")
          ? state.asText() : null;
      JsonNode ready = status.get("ready");
      List<String> reasons = new ArrayList<>();
      for (JsonNode r : status.path("reasons")) {
        if (r.isTextual() && reasons.size() < MAX_REASONS) {
          String t = r.asText();
          reasons.add(t.length() <= MAX_REASON_CHARS ? t : t.substring(0, MAX_REASON_CHARS));
        }
      }
      JsonNode forge = status.path("forge");
      ForgeCounters counters = forge.isObject() ? new ForgeCounters(counter(forge, "adopted"),
          counter(forge, "didntAdopt"), counter(forge, "forgedInvalid"), counter(forge, "couldNotForge"),
          counter(forge, "blockFromFuture"), counter(forge, "nodeIsLeader")) : ForgeCounters.UNKNOWN;
      return new AgentReading(reading, "SYNCED".equals(stateText), stateText,
          ready != null && ready.isBoolean() ? ready.asBoolean() : null, reasons, counters,
          instant(status.path("forgeScrape").get("start")), instant(status.path("forgeScrape").get("end")));
    } catch (IOException e) {
      return AgentReading.NONE;
    }
  }

  /** One of the agent's times: an ISO-8601 instant, else unknown (null). */
  private static Instant instant(JsonNode n) {
    if (n == null || !n.isTextual() || n.asText().length() > 40) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A counter of the {@code forge} object: a non-negative integer, else unknown. */
  private static Long counter(JsonNode forge, String field) {
    JsonNode n = forge.get(field);
    return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0 ? n.asLong() : null;
  }

  /** The future's reading within {@link #TIMEOUT_SECONDS}, cancelled after; any failure is no reading. */
  private static AgentReading awaited(CompletableFuture<AgentReading> f) {
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      f.cancel(true);
      return AgentReading.NONE;
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      return AgentReading.NONE;
    }
  }
}
