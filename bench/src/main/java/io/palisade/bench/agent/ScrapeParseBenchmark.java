package io.palisade.bench.agent;

import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsFormatException;
import io.palisade.agent.metrics.MetricsSnapshot;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.PrometheusTextParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to parse a 20 KB cardano-node scrape (issue: "well under 1 ms"): the text parser alone, and the parser plus
 * picking the node metrics out by name (what the agent does on every poll). Run: {@code bench/run.sh
 * ScrapeParseBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ScrapeParseBenchmark {
  @Param({"NEW_TRACING", "LEGACY", "NEW_TRACING_NOSUFFIX"})
  public MetricStyle style;

  @Param({"20480"})
  public int size;

  private String text;

  /** Builds the scrape once. */
  @Setup
  public void setup() throws MetricsFormatException {
    text = ScrapeCorpus.of(style, size, 150_000_000L);
    if (NodeMetrics.parse(text).integer(io.palisade.agent.metrics.NodeMetric.SLOT_NUM).orElse(-1) != 150_000_000L) {
      throw new IllegalStateException("the corpus does not parse back");
    }
  }

  /** The text parser alone. */
  @Benchmark
  public MetricsSnapshot parse() throws MetricsFormatException {
    return PrometheusTextParser.parse(text);
  }

  /** Parse, then index the node metrics by name. */
  @Benchmark
  public NodeMetrics parseAndPick() throws MetricsFormatException {
    return NodeMetrics.parse(text);
  }
}
