package io.palisade.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.palisade.control.lease.ForgingReading;
import io.palisade.operator.model.ProducerPods.AgentReading;
import java.util.concurrent.TimeUnit;

/**
 * Where the operator reads what a producer's agent reports (its node's {@code forging_enabled} and whether it is
 * synced): a port, so tests give the readings of their simulated pods. The default ({@link #proxy()}) asks the agent's
 * {@code /status} through the API server's pod proxy, with a timeout; anything else reads as unknown, never as
 * "not forging".
 */
@FunctionalInterface
public interface ProducerAgents {
  /** How long one read may take. */
  long TIMEOUT_SECONDS = 3;

  /**
   * The agent's reading.
   *
   * @param client the client
   * @param namespace the pool's namespace
   * @param pod the producer's pod
   * @param agentPort the agent's port
   * @return the reading ({@link AgentReading#NONE} when it cannot be read)
   */
  AgentReading read(KubernetesClient client, String namespace, String pod, int agentPort);

  /** Through the API server's pod proxy ({@code pods/proxy} in the operator's role). */
  static ProducerAgents proxy() {
    ObjectMapper json = new ObjectMapper();
    return (client, namespace, pod, agentPort) -> {
      String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + namespace
          + "/pods/" + pod + ":" + agentPort + "/proxy/status";
      try {
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).build();
        HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class)
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String body = response.body();
        if (response.code() != 200 && response.code() != 503 || body == null || body.length() > 1 << 20) {
          return AgentReading.NONE;
        }
        JsonNode status = json.readTree(body);
        JsonNode forging = status.get("forgingEnabled");
        ForgingReading reading = forging == null || !forging.isBoolean() ? ForgingReading.UNKNOWN
            : forging.asBoolean() ? ForgingReading.ON : ForgingReading.OFF;
        return new AgentReading(reading, "SYNCED".equals(status.path("state").asText()));
      } catch (java.io.IOException | java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException | RuntimeException e) {
        return AgentReading.NONE;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return AgentReading.NONE;
      }
    };
  }
}
