package io.palisade.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Every text format cardano-node writes, and what happens to text it does not. */
class PrometheusTextParserTest {

  @Test
  void legacy_noTypeLines_spaceBeforeLabels() throws Exception {
    NodeMetrics m = NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom"));
    assertThat(m.style()).isEqualTo(MetricStyle.LEGACY);
    assertThat(m.integer(NodeMetric.SLOT_NUM)).hasValue(89321798);
    assertThat(m.integer(NodeMetric.CURRENT_KES_PERIOD)).hasValue(689);
    assertThat(m.integer(NodeMetric.REMAINING_KES_PERIODS)).hasValue(20);
    assertThat(m.integer(NodeMetric.OPCERT_EXPIRY_KES_PERIOD)).hasValue(709);
    assertThat(m.integer(NodeMetric.FORGING_ENABLED)).hasValue(1);
    assertThat(m.integer(NodeMetric.HOT_PEERS)).hasValue(2);
    assertThat(m.integer(NodeMetric.BLOCKS_FORGED)).hasValue(82);
    assertThat(m.integer(NodeMetric.MEM_RESIDENT)).hasValue(15885094912L);
    assertThat(m.real(NodeMetric.DENSITY).getAsDouble()).isEqualTo(0.047);
    assertThat(m.real(NodeMetric.BLOCK_DELAY_CDF_ONE).getAsDouble()).isEqualTo(0.9546296296296296);
    assertThat(m.labels(NodeMetric.BUILD_INFO)).containsEntry("version", "1.35.5");
    assertThat(m.problems()).isEmpty();
  }

  @Test
  void newTracing_typeLines_eof_infoLabels() throws Exception {
    MetricsSnapshot s = PrometheusTextParser.parse(Fixtures.text("new-tracing-relay.prom"));
    assertThat(s.terminatedByEof()).isTrue();
    assertThat(s.types()).containsEntry("cardano_node_metrics_forks_counter", "counter")
        .containsEntry("cardano_node_metrics_tipBlock", "info");
    NodeMetrics m = NodeMetrics.of(s);
    assertThat(m.style()).isEqualTo(MetricStyle.NEW_TRACING);
    assertThat(m.integer(NodeMetric.HOT_PEERS)).hasValue(3);
    assertThat(m.integer(NodeMetric.FORKS)).hasValue(3);
    assertThat(m.integer(NodeMetric.GSM_STATE)).hasValue(2);
    assertThat(m.real(NodeMetric.DENSITY).getAsDouble()).isEqualTo(4.814814814814815e-2);
    assertThat(m.labels(NodeMetric.TIP_BLOCK)).containsEntry("parent_hash", "9a0b7c");
    assertThat(m.labels(NodeMetric.BUILD_INFO)).containsEntry("version", "10.5.0");
  }

  @Test
  void missingMetric_isUnknown_notZero() throws Exception {
    NodeMetrics m = NodeMetrics.parse(Fixtures.text("new-tracing-relay.prom"));
    assertThat(m.integer(NodeMetric.REMAINING_KES_PERIODS)).isEmpty();
    assertThat(m.real(NodeMetric.BLOCK_REPLAY_PROGRESS)).isEmpty();
    assertThat(m.has(NodeMetric.FORGING_ENABLED)).isFalse();
    assertThat(m.labels(NodeMetric.BASIC_INFO)).isEmpty();
  }

  @Test
  void nosuffix_andUnprefixedNames_areRecognised() throws Exception {
    String text = "# TYPE cardano_node_metrics_slotNum gauge\ncardano_node_metrics_slotNum 42\n"
        + "cardano_node_metrics_peerSelection_Hot 5\ncardano_node_metrics_forks 1\n# EOF\n";
    NodeMetrics m = NodeMetrics.parse(text);
    assertThat(m.style()).isEqualTo(MetricStyle.NEW_TRACING_NOSUFFIX);
    assertThat(m.integer(NodeMetric.SLOT_NUM)).hasValue(42);
    assertThat(m.integer(NodeMetric.HOT_PEERS)).hasValue(5);
    // trace-dispatcher without TraceOptionMetricsPrefix writes no prefix at all.
    assertThat(NodeMetrics.parse("slotNum_int 7\nblockNum_int 3\n").integer(NodeMetric.SLOT_NUM)).hasValue(7);
  }

  @Test
  void values_integersDecimalsExponentsSpecials_andTimestamps() throws Exception {
    MetricsSnapshot s = PrometheusTextParser.parse(String.join("\n",
        "a 7.6137225e+07", "b 5.0e-2", "c -12", "d +Inf", "e -Inf", "f NaN", "g 1.5 1700000000000",
        "h 9223372036854775807", "i 99999999999999999999", "j .5", "k 1E3\r", "l\t3", "m{x=\"1\"}4"));
    Map<String, Double> values = new java.util.HashMap<>();
    s.samples().forEach(x -> values.put(x.name(), x.value()));
    assertThat(values).containsEntry("a", 76137225.0).containsEntry("b", 0.05).containsEntry("c", -12.0)
        .containsEntry("d", Double.POSITIVE_INFINITY).containsEntry("e", Double.NEGATIVE_INFINITY)
        .containsEntry("g", 1.5).containsEntry("i", 1e20).containsEntry("j", 0.5).containsEntry("k", 1000.0)
        .containsEntry("l", 3.0).containsEntry("m", 4.0);
    assertThat(values.get("f")).isNaN();
    assertThat(s.first("h").orElseThrow().integer()).hasValue(Long.MAX_VALUE);
    assertThat(s.first("i").orElseThrow().integer()).isEmpty();
    assertThat(s.first("a").orElseThrow().asLong()).isEqualTo(OptionalLong.of(76137225));
    assertThat(s.problems()).isEmpty();
  }

  @Test
  void labels_escapes_trailingComma() throws Exception {
    MetricsSnapshot s = PrometheusTextParser.parse("x{a=\"q\\\"uote\",b=\"back\\\\slash\",c=\"new\\nline\",} 1\n");
    assertThat(s.samples().get(0).labels())
        .isEqualTo(Map.of("a", "q\"uote", "b", "back\\slash", "c", "new\nline"));
  }

  @Test
  void malformedLines_areSkipped_withTheirLineNumbers() throws Exception {
    String text = String.join("\n",
        "cardano_node_metrics_slotNum_int 100",
        "cardano_node_metrics_nodeStartTime_int 2024-01-01",
        "{broken} 1",
        "x{a=\"unclosed} 1",
        "y{a=1} 1",
        "z 1 2 3",
        "cardano_node_metrics_slotNum_int 200",
        "w 0x10",
        "v 1.5d",
        "ok 1");
    MetricsSnapshot s = PrometheusTextParser.parse(text);
    assertThat(s.samples()).extracting(MetricSample::name)
        .containsExactly("cardano_node_metrics_slotNum_int", "ok");
    assertThat(s.problemCount()).isEqualTo(8);
    assertThat(s.problems().get(0)).startsWith("line 2: ").contains("not a number");
    assertThat(s.problems()).anyMatch(p -> p.startsWith("line 7:") && p.contains("appears twice"));
    assertThat(NodeMetrics.of(s).integer(NodeMetric.SLOT_NUM)).hasValue(100);
  }

  @Test
  void notMetricsAtAll_failsWithTheFirstProblem() {
    assertThatThrownBy(() -> PrometheusTextParser.parse("<html><body>502 Bad Gateway</body></html>\n"))
        .isInstanceOf(MetricsFormatException.class).hasMessageContaining("not Prometheus text")
        .hasMessageContaining("line 1");
  }

  @Test
  void emptyScrape_isEmpty_notAnError() throws Exception {
    assertThat(PrometheusTextParser.parse("").samples()).isEmpty();
    assertThat(PrometheusTextParser.parse("# EOF\n").terminatedByEof()).isTrue();
  }

  @Test
  void contentAfterEof_isIgnored_andReported() throws Exception {
    MetricsSnapshot s = PrometheusTextParser.parse("a 1\n# EOF\nb 2\n");
    assertThat(s.samples()).hasSize(1);
    assertThat(s.problems()).containsExactly("line 3: content after # EOF is ignored");
  }

  @Test
  void limits_bigInput_longLines_manyLabels() {
    assertThatThrownBy(() -> PrometheusTextParser.parse("a 1\n".repeat(PrometheusTextParser.MAX_CHARS / 4 + 1)))
        .isInstanceOf(MetricsFormatException.class).hasMessageContaining("over the limit");
    assertThatThrownBy(() -> PrometheusTextParser.parse("a 1\n".repeat(PrometheusTextParser.MAX_SAMPLES + 1)
        .replace("a 1", "a{i=\"x\"} 1")))
        .hasMessageContaining("more than " + PrometheusTextParser.MAX_SAMPLES);
    StringBuilder labels = new StringBuilder("m{");
    for (int i = 0; i < 70; i++) {
      labels.append("l").append(i).append("=\"v\",");
    }
    assertThatThrownBy(() -> PrometheusTextParser.parse(labels + "} 1\n" + "x".repeat(20_000) + " 1\n"))
        .hasMessageContaining("more than 64 labels").hasMessageContaining("and 1 more");
  }

  @Property(tries = 500)
  void anyText_endsInASnapshotOrAFormatException(@ForAll @StringLength(max = 300) String text) {
    assertParsesOrExplains(text);
  }

  @Property(tries = 500)
  void mutatedScrape_endsInASnapshotOrAFormatException(
      @ForAll @IntRange(min = 0, max = 2000) int position, @ForAll("fragments") String fragment,
      @ForAll @IntRange(min = 0, max = 10) int deleted) {
    String base = Fixtures.text("new-tracing-relay.prom");
    int at = Math.min(position, base.length());
    assertParsesOrExplains(base.substring(0, at) + fragment + base.substring(Math.min(base.length(), at + deleted)));
  }

  @Provide
  Arbitrary<String> fragments() {
    return Arbitraries.of("", "{", "}", "\"", "\\", "=", ",", " ", "\t", "\n", "\r", "#", "# EOF\n", "# TYPE ",
        "e+", "NaN", "-", "\u0000", "é", "{a=\"", "1e99999", "0x1p3");
  }

  @Property(tries = 300)
  void generatedSamples_roundTripThroughEveryStyle(
      @ForAll("metricValues") Map<NodeMetric, Long> values, @ForAll MetricStyle style, @ForAll boolean prefixed)
      throws Exception {
    MetricsExposition e = new MetricsExposition(style, prefixed);
    values.forEach((m, v) -> e.value(m, v));
    NodeMetrics parsed = NodeMetrics.parse(e.render());
    values.forEach((m, v) -> {
      if (m.name(style).isPresent()) {
        if (m.kind() == NodeMetric.Kind.REAL) {
          assertThat(parsed.real(m).getAsDouble()).isEqualTo((double) v);
        } else {
          assertThat(parsed.integer(m)).as("%s in %s", m, style).hasValue(v);
        }
      } else {
        assertThat(parsed.has(m)).isFalse();
      }
    });
  }

  @Provide
  Arbitrary<Map<NodeMetric, Long>> metricValues() {
    Arbitrary<NodeMetric> metrics = Arbitraries.of(NodeMetric.class)
        .filter(m -> m.kind() != NodeMetric.Kind.INFO);
    return Arbitraries.maps(metrics, Arbitraries.longs().between(-1L << 52, 1L << 52)).ofMaxSize(20);
  }

  private static void assertParsesOrExplains(String text) {
    try {
      MetricsSnapshot s = PrometheusTextParser.parse(text);
      assertThat(s.problems().size()).isLessThanOrEqualTo(PrometheusTextParser.MAX_PROBLEMS);
      List<MetricSample> samples = s.samples();
      samples.forEach(x -> assertThat(x.name()).isNotEmpty());
    } catch (MetricsFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
