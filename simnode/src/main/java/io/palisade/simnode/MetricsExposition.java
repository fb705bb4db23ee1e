package io.palisade.simnode;

import java.util.Locale;

/**
 * Writes a {@link NodeSnapshot} as cardano-node's Prometheus text: the new tracing system's names ({@code _int},
 * {@code _counter}, {@code _real}; {@code # TYPE} lines; {@code # EOF}) or the legacy ones (no type lines, the
 * legacy names, a space before the build-info labels). Names follow the official legacy-to-new mapping
 * (developer-portal {@code metrics-migration.md}).
 */
public final class MetricsExposition {
  /** A metric's two spellings (new tracing with suffix; legacy, or null if legacy has none) and its type. */
  private enum Metric {
    SLOT_NUM("slotNum_int", "slotNum_int", Type.GAUGE),
    BLOCK_NUM("blockNum_int", "blockNum_int", Type.GAUGE),
    EPOCH("epoch_int", "epoch_int", Type.GAUGE),
    SLOT_IN_EPOCH("slotInEpoch_int", "slotInEpoch_int", Type.GAUGE),
    DENSITY("density_real", "density_real", Type.REAL),
    FORKS("forks_counter", "forks_int", Type.COUNTER),
    REPLAY("blockReplayProgress_real", null, Type.REAL),
    GSM("GSM_state_int", null, Type.GAUGE),
    HOT("peerSelection_Hot_int", "peerSelection_hot", Type.GAUGE),
    WARM("peerSelection_Warm_int", "peerSelection_warm", Type.GAUGE),
    COLD("peerSelection_Cold_int", "peerSelection_cold", Type.GAUGE),
    ACTIVE_LOCAL_ROOTS("peerSelection_ActiveLocalRootPeers_int", "peerSelection_ActiveLocalRootPeers", Type.GAUGE),
    ESTABLISHED_LOCAL_ROOTS("peerSelection_EstablishedLocalRootPeers_int", "peerSelection_EstablishedLocalRootPeers",
        Type.GAUGE),
    KNOWN_LOCAL_ROOTS("peerSelection_KnownLocalRootPeers_int", "peerSelection_KnownLocalRootPeers", Type.GAUGE),
    OUTBOUND("connectionManager_outboundConns_int", "connectionManager_outgoingConns", Type.GAUGE),
    INBOUND("connectionManager_inboundConns_int", "connectionManager_incomingConns", Type.GAUGE),
    MEMPOOL_TXS("txsInMempool_int", "txsInMempool_int", Type.GAUGE),
    MEMPOOL_BYTES("mempoolBytes_int", "mempoolBytes_int", Type.GAUGE),
    START_TIME("node_start_time_int", "nodeStartTime_int", Type.GAUGE),
    VERSION_MAJOR("cardano_version_major_int", null, Type.GAUGE),
    VERSION_MINOR("cardano_version_minor_int", null, Type.GAUGE),
    VERSION_PATCH("cardano_version_patch_int", null, Type.GAUGE),
    MEM_RESIDENT("Mem_resident_int", "Mem_resident_int", Type.GAUGE),
    FORGING_ENABLED("forging_enabled_int", "forging_enabled", Type.GAUGE),
    KES_CURRENT("currentKESPeriod_int", "currentKESPeriod_int", Type.GAUGE),
    KES_REMAINING("remainingKESPeriods_int", "remainingKESPeriods_int", Type.GAUGE),
    OPCERT_START("operationalCertificateStartKESPeriod_int", "operationalCertificateStartKESPeriod_int", Type.GAUGE),
    OPCERT_EXPIRY("operationalCertificateExpiryKESPeriod_int", "operationalCertificateExpiryKESPeriod_int",
        Type.GAUGE),
    IS_LEADER("Forge_node_is_leader_counter", "Forge_node_is_leader_int", Type.COUNTER),
    FORGED("Forge_forged_counter", "Forge_forged_int", Type.COUNTER),
    ADOPTED("Forge_adopted_counter", "Forge_adopted_int", Type.COUNTER),
    BLOCKS_FORGED("blocksForged_int", "blocksForgedNum_int", Type.GAUGE),
    NODE_IS_LEADER("nodeIsLeader_int", "nodeIsLeaderNum_int", Type.GAUGE),
    FORGED_SLOT_LAST("forgedSlotLast_int", null, Type.GAUGE);

    final String newName;
    final String legacyName;
    final Type type;

    Metric(String newName, String legacyName, Type type) {
      this.newName = newName;
      this.legacyName = legacyName;
      this.type = type;
    }
  }

  private enum Type { GAUGE, COUNTER, REAL }

  private final MetricsFormat format;
  private final String prefix;

  /**
   * @param format which output
   * @param prefix the mangled name prefix ({@code cardano_node_metrics_} in the official configs)
   */
  public MetricsExposition(MetricsFormat format, String prefix) {
    this.format = format;
    this.prefix = prefix;
  }

  /**
   * Writes the metrics of one snapshot.
   *
   * @param s the snapshot
   * @param residentBytes the process's resident memory
   * @return the Prometheus text
   */
  public String render(NodeSnapshot s, long residentBytes) {
    StringBuilder b = new StringBuilder(4096);
    String[] v = s.version().split("[.-]");
    buildInfo(b, s.version());
    put(b, Metric.VERSION_MAJOR, v.length > 0 ? v[0] : "0");
    put(b, Metric.VERSION_MINOR, v.length > 1 ? v[1] : "0");
    put(b, Metric.VERSION_PATCH, v.length > 2 ? v[2] : "0");
    put(b, Metric.START_TIME, Long.toString(s.startedAt().getEpochSecond()));
    put(b, Metric.MEM_RESIDENT, Long.toString(residentBytes));
    put(b, Metric.REPLAY, real(s.replayProgress()));
    put(b, Metric.GSM, Integer.toString(s.gsmState()));
    if (s.tipSlot() >= 0) {
      // Like the real node: the tip metrics only exist once a block has been added after start.
      put(b, Metric.SLOT_NUM, Long.toString(s.tipSlot()));
      put(b, Metric.BLOCK_NUM, Long.toString(s.tipBlockNo()));
      put(b, Metric.EPOCH, Long.toString(s.epoch()));
      put(b, Metric.SLOT_IN_EPOCH, Long.toString(s.slotInEpoch()));
      put(b, Metric.DENSITY, real(s.density()));
      put(b, Metric.FORKS, "0");
    }
    if (s.phase() != NodeSnapshot.Phase.REPLAYING) {
      put(b, Metric.HOT, Integer.toString(s.hotPeers()));
      put(b, Metric.WARM, "0");
      put(b, Metric.COLD, Integer.toString(s.localRoots() - s.hotPeers()));
      put(b, Metric.ACTIVE_LOCAL_ROOTS, Integer.toString(s.hotPeers()));
      put(b, Metric.ESTABLISHED_LOCAL_ROOTS, Integer.toString(s.hotPeers()));
      put(b, Metric.KNOWN_LOCAL_ROOTS, Integer.toString(s.localRoots()));
      put(b, Metric.OUTBOUND, Integer.toString(s.hotPeers()));
      put(b, Metric.INBOUND, Integer.toString(s.inboundConns()));
      put(b, Metric.MEMPOOL_TXS, "0");
      put(b, Metric.MEMPOOL_BYTES, "0");
    }
    NodeSnapshot.Forging f = s.forging();
    if (f != null) {
      put(b, Metric.FORGING_ENABLED, f.enabled() ? "1" : "0");
      put(b, Metric.KES_CURRENT, Long.toString(f.currentKesPeriod()));
      put(b, Metric.KES_REMAINING, Long.toString(f.remainingKesPeriods()));
      put(b, Metric.OPCERT_START, Long.toString(f.startKesPeriod()));
      put(b, Metric.OPCERT_EXPIRY, Long.toString(f.expiryKesPeriod()));
      put(b, Metric.NODE_IS_LEADER, Long.toString(f.leaderSlots()));
      put(b, Metric.BLOCKS_FORGED, Long.toString(f.forged()));
      // Forge counters appear only after their first event, as on the real node.
      if (f.leaderSlots() > 0) {
        put(b, Metric.IS_LEADER, Long.toString(f.leaderSlots()));
      }
      if (f.forged() > 0) {
        put(b, Metric.FORGED, Long.toString(f.forged()));
        put(b, Metric.ADOPTED, Long.toString(f.adopted()));
        put(b, Metric.FORGED_SLOT_LAST, Long.toString(f.lastForgedSlot()));
      }
    }
    if (format != MetricsFormat.LEGACY) {
      b.append("# EOF\n");
    }
    return b.toString();
  }

  private void buildInfo(StringBuilder b, String version) {
    String labels = "version=\"" + version + "\",revision=\"0000000000000000000000000000000000000000\","
        + "compiler_name=\"simnode\",compiler_version=\"" + System.getProperty("java.specification.version") + "\"";
    if (format == MetricsFormat.LEGACY) {
      b.append(prefix).append("cardano_build_info {").append(labels).append("} 1\n");
    } else {
      b.append("# TYPE ").append(prefix).append("cardano_build_info info\n");
      b.append(prefix).append("cardano_build_info{").append(labels).append("} 1\n");
    }
  }

  private void put(StringBuilder b, Metric m, String value) {
    String name;
    switch (format) {
      case LEGACY -> {
        if (m.legacyName == null) {
          return;
        }
        name = prefix + m.legacyName;
      }
      case NEW_TRACING_NOSUFFIX -> name = prefix + m.newName.replaceFirst("_(int|counter|real)$", "");
      default -> name = prefix + m.newName;
    }
    if (format != MetricsFormat.LEGACY && m.type != Type.REAL) {
      b.append("# TYPE ").append(name).append(m.type == Type.COUNTER ? " counter\n" : " gauge\n");
    }
    b.append(name).append(' ').append(value).append('\n');
  }

  private static String real(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
