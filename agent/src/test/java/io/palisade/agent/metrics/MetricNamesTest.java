package io.palisade.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testing.SharedData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against the official legacy-to-new-tracing mapping (developer-portal {@code metrics-migration.md},
 * saved as ../shared/nodedata/metrics/legacy-to-new-tracing-metric-names.tsv).
 */
class MetricNamesTest {
  private static final String P = MetricNames.PREFIX;

  /**
   * Counters that exist only after their first event, missing from the official table because the nodes it was made
   * from never saw them; their names are cardano-node's own (legacy {@code Cardano.Tracing.Tracers.forgeTracers},
   * new {@code Cardano.Node.Tracing.Tracers.Consensus} {@code asMetrics} of {@code TraceForgeEvent}).
   */
  private static final Map<NodeMetric, String> EVENT_COUNTERS_NOT_IN_THE_TABLE = Map.of(
      NodeMetric.FORGE_DIDNT_ADOPT, P + "Forge_didnt_adopt_counter",
      NodeMetric.FORGE_FORGED_INVALID, P + "Forge_forged_invalid_counter",
      NodeMetric.FORGE_COULD_NOT_FORGE, P + "Forge_could_not_forge_counter",
      NodeMetric.FORGE_BLOCK_FROM_FUTURE, P + "Forge_block_from_future_counter");

  /** (variant, legacy name) to new name, for renamed rows; and the added new names per variant. */
  private static final Map<String, String> RENAMED = new HashMap<>();
  private static final Map<String, List<String>> ADDED = new HashMap<>();

  @BeforeAll
  static void load() throws Exception {
    List<String> lines = Files.readAllLines(SharedData.require(
        "nodedata/metrics/legacy-to-new-tracing-metric-names.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      if (f[1].equals("renamed")) {
        RENAMED.put(f[0] + "|" + f[2], f[3]);
      } else if (f[1].equals("added")) {
        ADDED.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[3]);
      }
    }
    assertThat(RENAMED).hasSizeGreaterThan(100);
  }

  @Test
  void everyCatalogueEntry_matchesTheOfficialMapping() {
    for (NodeMetric m : NodeMetric.values()) {
      String suffix = m.name(MetricStyle.NEW_TRACING).orElseThrow();
      String nosuffix = m.name(MetricStyle.NEW_TRACING_NOSUFFIX).orElseThrow();
      Optional<String> legacy = m.name(MetricStyle.LEGACY);
      if (EVENT_COUNTERS_NOT_IN_THE_TABLE.containsKey(m)) {
        assertThat(RENAMED).as("%s is in the table now: drop the exception", m).doesNotContainKey("suffix|"
            + legacy.orElseThrow());
        assertThat(suffix).isEqualTo(EVENT_COUNTERS_NOT_IN_THE_TABLE.get(m));
        assertThat(nosuffix).isEqualTo(MetricNames.stripSuffix(suffix));
      } else if (legacy.isPresent()) {
        assertThat(RENAMED.getOrDefault("suffix|" + legacy.get(), legacy.get())).as("%s suffix", m).isEqualTo(suffix);
        assertThat(RENAMED.getOrDefault("nosuffix|" + legacy.get(), legacy.get())).as("%s nosuffix", m)
            .isEqualTo(nosuffix);
      } else {
        assertThat(ADDED.get("suffix")).as("%s added (suffix)", m).contains(suffix);
        assertThat(ADDED.get("nosuffix")).as("%s added (nosuffix)", m).contains(nosuffix);
      }
    }
  }

  @Test
  void nosuffix_isTheSuffixNameWithoutItsSuffix_acrossTheWholeTable() {
    // The rule NodeMetric relies on, checked on every renamed row of the official table.
    RENAMED.forEach((key, suffixName) -> {
      if (key.startsWith("suffix|")) {
        String legacy = key.substring("suffix|".length());
        String nosuffix = RENAMED.getOrDefault("nosuffix|" + legacy, legacy);
        assertThat(MetricNames.stripSuffix(suffixName)).as(legacy).isEqualTo(nosuffix);
      }
    });
    for (int i = 0; i < ADDED.get("suffix").size(); i++) {
      assertThat(MetricNames.stripSuffix(ADDED.get("suffix").get(i))).isEqualTo(ADDED.get("nosuffix").get(i));
    }
  }

  @Test
  void lookup_acceptsEverySpelling_withOrWithoutPrefix() {
    assertThat(MetricNames.lookup(P + "peerSelection_hot")).hasValue(NodeMetric.HOT_PEERS);
    assertThat(MetricNames.lookup(P + "peerSelection_Hot_int")).hasValue(NodeMetric.HOT_PEERS);
    assertThat(MetricNames.lookup("peerSelection_Hot")).hasValue(NodeMetric.HOT_PEERS);
    assertThat(MetricNames.lookup(P + "Forge_forge_about_to_lead_int")).hasValue(NodeMetric.FORGE_ABOUT_TO_LEAD);
    assertThat(MetricNames.lookup(P + "Forge_about_to_lead")).hasValue(NodeMetric.FORGE_ABOUT_TO_LEAD);
    assertThat(MetricNames.lookup("rts_gc_num_gcs")).isEmpty();
    assertThat(NodeMetric.SLOT_NUM.name(MetricStyle.NEW_TRACING_NOSUFFIX)).hasValue(P + "slotNum");
    assertThat(NodeMetric.BLOCK_REPLAY_PROGRESS.name(MetricStyle.LEGACY)).isEmpty();
    // Every spelling belongs to one metric (the index would have refused to build otherwise).
    assertThat(MetricNames.spellings()).hasSizeGreaterThan(NodeMetric.values().length);
  }
}
