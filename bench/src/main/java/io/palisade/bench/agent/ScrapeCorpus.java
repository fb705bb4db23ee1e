package io.palisade.bench.agent;

import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsExposition;
import io.palisade.agent.metrics.NodeMetric;
import java.util.Map;

/**
 * A cardano-node scrape of a given size: every catalogued metric with plausible values and labels, then the
 * uncatalogued families a real node exposes (peer-selection churn, RTS and EKG counters) until the size is reached.
 * A 10.5 node on the recorded benchmark network wrote about 10 KB; a mainnet relay with more peers and forge counters
 * writes 15 to 25 KB, hence the 20 KB the agent issue names.
 */
public final class ScrapeCorpus {
  private ScrapeCorpus() {}

  /**
   * @param style how the node writes its metrics
   * @param minChars the size to reach
   * @param tipSlot the tip slot to report
   * @return the scrape text
   */
  public static String of(MetricStyle style, int minChars, long tipSlot) {
    MetricsExposition e = new MetricsExposition(style);
    long i = 0;
    for (NodeMetric m : NodeMetric.values()) {
      switch (m.kind()) {
        case INFO -> e.info(m, Map.of("version", "10.5.0", "revision", "0".repeat(40), "compiler_name", "ghc",
            "compiler_version", "9.6.6", "architecture", "x86_64", "os_name", "linux"));
        case REAL -> e.value(m, 0.0481 + i * 1e-4);
        default -> e.value(m, 1000 + i * 37);
      }
      i++;
    }
    e.value(NodeMetric.SLOT_NUM, tipSlot);
    e.value(NodeMetric.HOT_PEERS, 20);
    e.value(NodeMetric.GSM_STATE, 2);
    e.value(NodeMetric.FORGING_ENABLED, 0);
    String[] families = {"peerSelection_churn_IncreasedActivePeers_int", "peerSelection_WarmBigLedgerPeersPromotions_int",
        "rts_gc_bytes_copied", "rts_gc_mutator_wall_ms", "Stat_netWr_int", "localInboundGovernor_warm_int"};
    int n = 0;
    String text = e.render();
    while (text.length() < minChars) {
      for (String f : families) {
        e.other(f.startsWith("rts_") ? f + "_" + n : "cardano_node_metrics_" + f.replace("_int", "_" + n + "_int"),
            123_456_789L + n);
      }
      n++;
      text = e.render();
    }
    return text;
  }
}
