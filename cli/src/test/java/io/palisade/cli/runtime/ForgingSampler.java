package io.palisade.cli.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

/**
 * Reads the producers' {@code forging_enabled} from their own simulated nodes' metrics every 100 ms on a background
 * thread, independently of any control plane (it goes on while {@code palisade up} is dead), and keeps every sample in
 * which two producers read 1.
 */
final class ForgingSampler implements AutoCloseable {
  private final Map<String, Integer> metricsPorts;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "forging-sampler");
    t.setDaemon(true);
    return t;
  });
  private final List<String> bothForging = new CopyOnWriteArrayList<>();
  private final AtomicLong bothRead = new AtomicLong();

  /**
   * @param metricsPorts each producer's metrics port, by node name
   */
  ForgingSampler(Map<String, Integer> metricsPorts) {
    this.metricsPorts = Map.copyOf(metricsPorts);
    executor.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** Each producer's {@code forging_enabled} now, for those whose metrics answered. */
  Map<String, Integer> readNow() {
    Map<String, Integer> read = new HashMap<>();
    metricsPorts.forEach((node, port) -> {
      Integer v = forging(port);
      if (v != null) {
        read.put(node, v);
      }
    });
    return read;
  }

  /** The samples in which two producers read 1, each as its time and readings. */
  List<String> bothForging() {
    return List.copyOf(bothForging);
  }

  /** How many samples read every producer (for the report only: never asserted, it depends on machine speed). */
  long bothRead() {
    return bothRead.get();
  }

  private void sample() {
    Map<String, Integer> read = readNow();
    if (read.size() == metricsPorts.size()) {
      bothRead.incrementAndGet();
    }
    if (read.values().stream().filter(v -> v == 1).count() > 1) {
      bothForging.add(Instant.now() + ": " + read);
    }
  }

  private Integer forging(int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = ProducerEndToEndTest.FORGING.matcher(r.body());
      return m.find() ? Integer.parseInt(m.group(1)) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
