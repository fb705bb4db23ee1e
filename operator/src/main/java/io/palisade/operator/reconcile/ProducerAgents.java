package io.palisade.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.palisade.control.lease.ForgingReading;
import io.palisade.operator.model.ProducerPods.AgentReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the operator reads what a producer's agent reports (its node's {@code forging_enabled} and whether it is
 * synced): a port, so tests give the readings of their simulated pods. The default ({@link #direct()}) asks the
 * agent's {@code /status} pod to pod, which the producers' network policy admits from the operator's pods; {@link
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
   * The reading an agent's answer gives: its {@code forgingEnabled} and whether its {@code state} is SYNCED. A 503
   * is an agent that answers "not ready", with the same body; any other failure reads as nothing.
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
      return new AgentReading(reading, "SYNCED".equals(status.path("state").asText()));
    } catch (IOException e) {
      return AgentReading.NONE;
    }
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
