package io.palisade.control.local;

import io.palisade.chain.ChainClock;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INTERIM: a small metrics-based judge used until the health agent's {@code HealthJudge}/{@code NodeWatcher} are
 * merged; it is then replaced by an adapter over them. Started once metrics answer; live unless metrics stop answering
 * after startup or startup exceeds its budget; synced within 120 slots of the chain clock; a node is ready when synced
 * with at least one hot peer.
 */
public final class InterimMetricsHealth implements NodeHealth {
  private static final Pattern VERSION = Pattern.compile("cardano_build_info\\s*\\{(?:[^}]*,)?version=\"([^\"]+)\"");
  private static final int MAX_BODY = 256 * 1024;

  private final NodeRef node;
  private final URI metrics;
  private final ChainClock chainClock;
  private final Duration startupBudget;
  private final HttpClient http;
  private Instant lastAnswer;
  private int failuresInARow;

  /**
   * @param node the node
   * @param ports its ports
   * @param chainClock the network's chain clock
   * @param startupBudget how long a node may take to serve metrics before it counts as stuck
   */
  public InterimMetricsHealth(NodeRef node, NodePorts ports, ChainClock chainClock, Duration startupBudget) {
    this.node = node;
    this.metrics = URI.create("http://127.0.0.1:" + ports.metrics() + "/metrics");
    this.chainClock = chainClock;
    this.startupBudget = startupBudget;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  }

  @Override
  public synchronized NodeObservation observe(boolean processAlive, Instant processStartedAt, NodeVersion version) {
    Instant now = chainClock.instant();
    if (!processAlive) {
      return NodeObservation.down(node.name(), now, "process not running");
    }
    Map<String, Double> values = new HashMap<>();
    String running = null;
    List<String> reasons = new ArrayList<>();
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || r.body().length() > MAX_BODY) {
        throw new IOException("HTTP " + r.statusCode());
      }
      for (String line : r.body().split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        Matcher v = VERSION.matcher(line);
        if (v.find()) {
          running = v.group(1);
          continue;
        }
        int sp = line.lastIndexOf(' ');
        if (sp > 0 && line.indexOf('{') < 0) {
          try {
            String name = line.substring(0, sp).trim().replaceFirst("^cardano_node_metrics_", "");
            values.put(name.replaceFirst("_(int|counter|real)$", ""), Double.parseDouble(line.substring(sp + 1)));
          } catch (NumberFormatException ignored) {
            // Not a sample we read.
          }
        }
      }
      lastAnswer = now;
      failuresInARow = 0;
    } catch (IOException | RuntimeException e) {
      failuresInARow++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failuresInARow++;
    }
    NodeVersion reported = null;
    if (running != null) {
      try {
        reported = NodeVersion.parse(running);
      } catch (IllegalArgumentException ignored) {
        // Unknown version text: unknown.
      }
    }
    boolean started = lastAnswer != null && (processStartedAt == null || lastAnswer.isAfter(processStartedAt));
    if (failuresInARow > 0) {
      if (!started) {
        boolean overBudget = processStartedAt != null
            && Duration.between(processStartedAt, now).compareTo(startupBudget) > 0;
        reasons.add(overBudget ? "metrics not served within the startup budget of " + startupBudget.toSeconds() + "s"
            : "starting: metrics not served yet");
        return new NodeObservation(node.name(), now, true, false, !overBudget, false, HealthState.STARTING, null,
            null, null, reasons);
      }
      boolean live = failuresInARow < 3;
      reasons.add("metrics did not answer (" + failuresInARow + " time(s) in a row)");
      return new NodeObservation(node.name(), now, true, true, live, false, live ? HealthState.UNKNOWN
          : HealthState.DOWN, reported, null, null, reasons);
    }
    Double slot = values.get("slotNum");
    if (slot == null) {
      Double progress = values.get("blockReplayProgress");
      reasons.add("replaying the ledger" + (progress == null ? "" : String.format(" (%.0f%%)", progress)));
      return new NodeObservation(node.name(), now, true, true, true, false, HealthState.STARTING, reported, null,
          null, reasons);
    }
    long expected = chainClock.slotAt(now);
    long gap = Math.max(0, expected - slot.longValue());
    HealthState state = gap <= 120 ? HealthState.SYNCED : gap <= 600 ? HealthState.LAGGING : HealthState.SYNCING;
    double hot = values.getOrDefault("peerSelection_Hot", values.getOrDefault("peerSelection_hot", 0.0));
    boolean ready = state == HealthState.SYNCED && hot >= 1;
    reasons.add(state.name().toLowerCase(java.util.Locale.ROOT) + ", " + gap + " slots behind");
    if (state == HealthState.SYNCED && hot < 1) {
      reasons.add("no hot peer");
    }
    return new NodeObservation(node.name(), now, true, true, true, ready, state, reported, slot.longValue(), gap,
        reasons);
  }

  @Override
  public void close() {
    // HttpClient has no close on Java 17; its connections idle out.
  }
}
