package io.palisade.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.agent.metrics.MetricNames;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsExposition;
import io.palisade.agent.metrics.NodeMetric;
import io.palisade.chain.GenesisParameters;
import io.palisade.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The real recorded metrics of 6 cardano-node 10.5.0 nodes over 4 hours (cardano-node
 * {@code bench/cardano-timeseries-io/data/6nodes_4hours_1mininterval}, in ../shared/nodedata/metrics), one sample
 * per node per minute. The nodes ran a private benchmark testnet: epochLength 600, slotLength 1 s, all six forging.
 */
public final class TimeSeries {
  private static final String FILE = "nodedata/metrics/timeseries-6nodes/6nodes_4hours_1mininterval.jsonl.gz";
  private static List<Sample> cache;

  private TimeSeries() {}

  /**
   * One recorded scrape.
   *
   * @param node node name ({@code node-0} ... {@code node-5})
   * @param time when it was taken
   * @param metrics metric name (without the cardano_node_metrics_ prefix) to value
   */
  public record Sample(String node, Instant time, Map<String, Double> metrics) {
    /** The value of a metric, if recorded. */
    public Optional<Double> get(String name) {
      return Optional.ofNullable(metrics.get(name));
    }

    /** A copy with some metrics replaced (null removes one). */
    public Sample with(Map<String, Double> changes) {
      Map<String, Double> m = new LinkedHashMap<>(metrics);
      changes.forEach((k, v) -> {
        if (v == null) {
          m.remove(k);
        } else {
          m.put(k, v);
        }
      });
      return new Sample(node, time, m);
    }

    /** A copy at another time. */
    public Sample at(Instant t) {
      return new Sample(node, t, metrics);
    }

    /**
     * This sample as cardano-node would serve it in {@code style}: catalogued metrics under that style's names,
     * the rest (RTS, EKG) under their recorded names.
     */
    public String render(MetricStyle style, boolean prefixed) {
      MetricsExposition e = new MetricsExposition(style, prefixed);
      metrics.forEach((name, value) -> {
        Optional<NodeMetric> m = MetricNames.lookup(name);
        if (m.isPresent() && m.get().kind() == NodeMetric.Kind.INFO) {
          e.info(m.get(), Map.of());
        } else if (m.isPresent()) {
          e.value(m.get(), value);
        } else {
          boolean ekg = name.startsWith("rts_gc_") || name.startsWith("ekg_");
          e.other(prefixed && !ekg ? MetricNames.PREFIX + name : name, value);
        }
      });
      return e.render();
    }
  }

  /** Every sample, node by node, in time order. */
  public static synchronized List<Sample> all() {
    if (cache == null) {
      cache = load();
    }
    return cache;
  }

  /** The samples of one node, in time order. */
  public static List<Sample> node(String name) {
    return all().stream().filter(s -> s.node().equals(name)).toList();
  }

  /**
   * A genesis matching the recorded network: epochLength 600, slotLength 1 s, mainnet's KES schedule, and the system
   * start that the recorded tips imply (the latest start no tip contradicts; it equals the nodes' start time).
   */
  public static GenesisParameters genesis() {
    return new GenesisParameters("bench-6nodes", 42, systemStart(), 20_000, 2160, 0, 600, 1000, 129_600, 62, 2160,
        0.05);
  }

  /** The latest system start consistent with every recorded tip: min over samples of (time − slotNum). */
  public static Instant systemStart() {
    long min = Long.MAX_VALUE;
    for (Sample s : all()) {
      Double slot = s.metrics().get("slotNum_int");
      if (slot != null) {
        min = Math.min(min, s.time().getEpochSecond() - slot.longValue());
      }
    }
    return Instant.ofEpochSecond(min);
  }

  private static List<Sample> load() {
    ObjectMapper json = new ObjectMapper();
    List<Sample> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(SharedData.require(FILE))), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = json.readTree(line);
        Map<String, Double> metrics = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.get("metrics").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          metrics.put(e.getKey(), e.getValue().asDouble());
        }
        out.add(new Sample(n.get("node").asText(), Instant.ofEpochSecond(n.get("t").asLong()), metrics));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort((a, b) -> a.node().equals(b.node()) ? a.time().compareTo(b.time()) : a.node().compareTo(b.node()));
    return List.copyOf(out);
  }
}
