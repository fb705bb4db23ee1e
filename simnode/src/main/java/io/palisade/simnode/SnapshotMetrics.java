package io.palisade.simnode;

import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsExposition;
import io.palisade.agent.metrics.NodeMetric;
import io.palisade.simnode.forge.ForgeCounters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link NodeSnapshot} as cardano-node's Prometheus text, through the health agent's metric catalogue and
 * exposition: the same names (legacy, new tracing, nosuffix) the agent reads, so the two cannot drift apart.
 */
final class SnapshotMetrics {
  private final MetricStyle style;
  private final boolean prefixed;

  /**
   * @param style legacy or new tracing
   * @param prefixed whether names carry {@code cardano_node_metrics_} (the official configurations' prefix)
   */
  SnapshotMetrics(MetricStyle style, boolean prefixed) {
    this.style = style;
    this.prefixed = prefixed;
  }

  String render(NodeSnapshot s, long residentBytes) {
    MetricsExposition m = new MetricsExposition(style, prefixed);
    Map<String, String> build = new LinkedHashMap<>();
    build.put("version", s.version());
    build.put("revision", "0000000000000000000000000000000000000000");
    build.put("compiler_name", "simnode");
    m.info(NodeMetric.BUILD_INFO, build);
    String[] v = s.version().split("[.-]");
    m.value(NodeMetric.VERSION_MAJOR, number(v, 0));
    m.value(NodeMetric.VERSION_MINOR, number(v, 1));
    m.value(NodeMetric.VERSION_PATCH, number(v, 2));
    m.value(NodeMetric.NODE_START_TIME, s.startedAt().getEpochSecond());
    m.value(NodeMetric.MEM_RESIDENT, residentBytes);
    m.value(NodeMetric.BLOCK_REPLAY_PROGRESS, Math.round(s.replayProgress() * 100) / 100.0);
    m.value(NodeMetric.GSM_STATE, s.gsmState());
    if (s.tipSlot() >= 0) {
      // Like the real node: the tip metrics exist only once a block has been added after start.
      m.value(NodeMetric.SLOT_NUM, s.tipSlot());
      m.value(NodeMetric.BLOCK_NUM, s.tipBlockNo());
      m.value(NodeMetric.EPOCH, s.epoch());
      m.value(NodeMetric.SLOT_IN_EPOCH, s.slotInEpoch());
      m.value(NodeMetric.DENSITY, s.density());
      m.value(NodeMetric.FORKS, s.forging() == null ? 0 : s.forging().counters().orphaned());
    }
    if (s.phase() != NodeSnapshot.Phase.REPLAYING) {
      m.value(NodeMetric.HOT_PEERS, s.hotPeers());
      m.value(NodeMetric.WARM_PEERS, 0);
      m.value(NodeMetric.COLD_PEERS, s.localRoots() - s.hotPeers());
      m.value(NodeMetric.ACTIVE_LOCAL_ROOT_PEERS, s.hotPeers());
      m.value(NodeMetric.ESTABLISHED_LOCAL_ROOT_PEERS, s.hotPeers());
      m.value(NodeMetric.KNOWN_LOCAL_ROOT_PEERS, s.localRoots());
      m.value(NodeMetric.OUTBOUND_CONNS, s.hotPeers());
      m.value(NodeMetric.INBOUND_CONNS, s.inboundConns());
      m.value(NodeMetric.TXS_IN_MEMPOOL, 0);
      m.value(NodeMetric.MEMPOOL_BYTES, 0);
    }
    NodeSnapshot.Forging f = s.forging();
    if (f != null) {
      forging(m, f);
    }
    return m.render();
  }

  private static void forging(MetricsExposition m, NodeSnapshot.Forging f) {
    ForgeCounters c = f.counters();
    m.value(NodeMetric.FORGING_ENABLED, f.enabled() ? 1 : 0);
    if (!f.enabled()) {
      // No forge loop: none of its KES or forge metrics.
      return;
    }
    m.value(NodeMetric.CURRENT_KES_PERIOD, f.currentKesPeriod());
    m.value(NodeMetric.REMAINING_KES_PERIODS, f.remainingKesPeriods());
    m.value(NodeMetric.OPCERT_START_KES_PERIOD, f.startKesPeriod());
    m.value(NodeMetric.OPCERT_EXPIRY_KES_PERIOD, f.expiryKesPeriod());
    m.value(NodeMetric.NODE_IS_LEADER, c.isLeader());
    m.value(NodeMetric.BLOCKS_FORGED, c.forged());
    // Forge counters appear only after their first event, as on the real node.
    counter(m, NodeMetric.FORGE_ABOUT_TO_LEAD, c.aboutToLead());
    counter(m, NodeMetric.FORGE_NODE_NOT_LEADER, c.notLeader());
    counter(m, NodeMetric.FORGE_NODE_IS_LEADER, c.isLeader());
    counter(m, NodeMetric.FORGE_FORGED, c.forged());
    counter(m, NodeMetric.FORGE_ADOPTED, c.adopted());
    counter(m, NodeMetric.FORGE_DIDNT_ADOPT, c.didntAdopt());
    counter(m, NodeMetric.FORGE_FORGED_INVALID, c.forgedInvalid());
    // Forge.could-not-forge counts a missing ledger view (a node not synced) and a node that cannot forge.
    counter(m, NodeMetric.FORGE_COULD_NOT_FORGE, c.couldNotForge() + c.noLedgerView());
    counter(m, NodeMetric.FORGE_BLOCK_FROM_FUTURE, c.blockFromFuture());
    counter(m, NodeMetric.NODE_CANNOT_FORGE, c.couldNotForge());
    counter(m, NodeMetric.SLOTS_MISSED, c.slotsMissed());
    if (c.forged() > 0) {
      m.value(NodeMetric.FORGED_SLOT_LAST, c.lastForgedSlot());
    }
  }

  private static void counter(MetricsExposition m, NodeMetric metric, long value) {
    if (value > 0) {
      m.value(metric, value);
    }
  }

  private static double number(String[] parts, int i) {
    try {
      return parts.length > i ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
