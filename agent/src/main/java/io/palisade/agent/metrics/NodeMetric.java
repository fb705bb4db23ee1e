package io.palisade.agent.metrics;

import java.util.Optional;

/**
 * The cardano-node metrics Palisade reads or serves, each with its name in every {@link MetricStyle}. Names follow
 * the official legacy-to-new-tracing mapping (cardano-foundation developer-portal {@code metrics-migration.md}); a
 * test checks every entry against that table. The {@code nosuffix} name is always the new name without its
 * {@code _int}, {@code _counter} or {@code _real} suffix.
 */
public enum NodeMetric {
  /** Absolute slot of the tip; absent until the first block is added after a start. */
  SLOT_NUM("slotNum_int", "slotNum_int", Kind.GAUGE),
  /** Block number of the tip. */
  BLOCK_NUM("blockNum_int", "blockNum_int", Kind.GAUGE),
  /** Epoch of the tip. */
  EPOCH("epoch_int", "epoch_int", Kind.GAUGE),
  /** Slot of the tip within its epoch. */
  SLOT_IN_EPOCH("slotInEpoch_int", "slotInEpoch_int", Kind.GAUGE),
  /** Chain density. */
  DENSITY("density_real", "density_real", Kind.REAL),
  /** Forks seen. */
  FORKS("forks_int", "forks_counter", Kind.COUNTER),
  /** The tip's hash, as labels (new tracing only). */
  TIP_BLOCK(null, "tipBlock", Kind.INFO),
  /** Ledger replay progress in percent, during startup (new tracing only). */
  BLOCK_REPLAY_PROGRESS(null, "blockReplayProgress_real", Kind.REAL),
  /** Genesis state machine: 0 PreSyncing, 1 Syncing, 2 CaughtUp (new tracing only). */
  GSM_STATE(null, "GSM_state_int", Kind.GAUGE),
  /** Outbound connections. */
  OUTBOUND_CONNS("connectionManager_outgoingConns", "connectionManager_outboundConns_int", Kind.GAUGE),
  /** Inbound connections. */
  INBOUND_CONNS("connectionManager_incomingConns", "connectionManager_inboundConns_int", Kind.GAUGE),
  /** Duplex connections. */
  DUPLEX_CONNS("connectionManager_duplexConns", "connectionManager_duplexConns_int", Kind.GAUGE),
  /** Full-duplex connections. */
  FULL_DUPLEX_CONNS("connectionManager_fullDuplexConns", "connectionManager_fullDuplexConns_int", Kind.GAUGE),
  /** Unidirectional connections. */
  UNIDIRECTIONAL_CONNS(
      "connectionManager_unidirectionalConns", "connectionManager_unidirectionalConns_int", Kind.GAUGE),
  /** Hot peers of the outbound governor. */
  HOT_PEERS("peerSelection_hot", "peerSelection_Hot_int", Kind.GAUGE),
  /** Warm peers of the outbound governor. */
  WARM_PEERS("peerSelection_warm", "peerSelection_Warm_int", Kind.GAUGE),
  /** Cold peers of the outbound governor. */
  COLD_PEERS("peerSelection_cold", "peerSelection_Cold_int", Kind.GAUGE),
  /** Active (hot) peers. */
  ACTIVE_PEERS("peerSelection_ActivePeers", "peerSelection_ActivePeers_int", Kind.GAUGE),
  /** Established (warm and hot) peers. */
  ESTABLISHED_PEERS("peerSelection_EstablishedPeers", "peerSelection_EstablishedPeers_int", Kind.GAUGE),
  /** Known peers. */
  KNOWN_PEERS("peerSelection_KnownPeers", "peerSelection_KnownPeers_int", Kind.GAUGE),
  /** Root peers. */
  ROOT_PEERS("peerSelection_RootPeers", "peerSelection_RootPeers_int", Kind.GAUGE),
  /** Active local-root peers (for a block producer: its relays). */
  ACTIVE_LOCAL_ROOT_PEERS("peerSelection_ActiveLocalRootPeers", "peerSelection_ActiveLocalRootPeers_int", Kind.GAUGE),
  /** Established local-root peers. */
  ESTABLISHED_LOCAL_ROOT_PEERS(
      "peerSelection_EstablishedLocalRootPeers", "peerSelection_EstablishedLocalRootPeers_int", Kind.GAUGE),
  /** Known local-root peers. */
  KNOWN_LOCAL_ROOT_PEERS("peerSelection_KnownLocalRootPeers", "peerSelection_KnownLocalRootPeers_int", Kind.GAUGE),
  /** Hot peers of the inbound governor. */
  INBOUND_GOVERNOR_HOT("inboundGovernor_hot", "inboundGovernor_hot_int", Kind.GAUGE),
  /** Warm peers of the inbound governor. */
  INBOUND_GOVERNOR_WARM("inboundGovernor_warm", "inboundGovernor_warm_int", Kind.GAUGE),
  /** Cold peers of the inbound governor. */
  INBOUND_GOVERNOR_COLD("inboundGovernor_cold", "inboundGovernor_cold_int", Kind.GAUGE),
  /** Idle peers of the inbound governor. */
  INBOUND_GOVERNOR_IDLE("inboundGovernor_idle", "inboundGovernor_idle_int", Kind.GAUGE),
  /** The KES period the node is in (block producers only). */
  CURRENT_KES_PERIOD("currentKESPeriod_int", "currentKESPeriod_int", Kind.GAUGE),
  /** KES periods left before the operational certificate expires. */
  REMAINING_KES_PERIODS("remainingKESPeriods_int", "remainingKESPeriods_int", Kind.GAUGE),
  /** The operational certificate's start KES period. */
  OPCERT_START_KES_PERIOD(
      "operationalCertificateStartKESPeriod_int", "operationalCertificateStartKESPeriod_int", Kind.GAUGE),
  /** The KES period the operational certificate expires at. */
  OPCERT_EXPIRY_KES_PERIOD(
      "operationalCertificateExpiryKESPeriod_int", "operationalCertificateExpiryKESPeriod_int", Kind.GAUGE),
  /** 1 when forging credentials are loaded and forging is on. */
  FORGING_ENABLED("forging_enabled", "forging_enabled_int", Kind.GAUGE),
  /** Slots this node led. */
  FORGE_NODE_IS_LEADER("Forge_node_is_leader_int", "Forge_node_is_leader_counter", Kind.COUNTER),
  /** Slots this node did not lead. */
  FORGE_NODE_NOT_LEADER("Forge_node_not_leader_int", "Forge_node_not_leader_counter", Kind.COUNTER),
  /** Leadership checks started. */
  FORGE_ABOUT_TO_LEAD("Forge_forge_about_to_lead_int", "Forge_about_to_lead_counter", Kind.COUNTER),
  /** Blocks forged. */
  FORGE_FORGED("Forge_forged_int", "Forge_forged_counter", Kind.COUNTER),
  /** Forged blocks adopted. */
  FORGE_ADOPTED("Forge_adopted_int", "Forge_adopted_counter", Kind.COUNTER),
  /**
   * Forged blocks not adopted: another leader's block of the same slot was adopted first (a lost slot battle). Absent
   * from the official mapping table, which was made from nodes that never saw the event; names from cardano-node's
   * tracers (legacy {@code Cardano.Tracing.Tracers} "didnt-adopt", new {@code Forge.didnt-adopt}).
   */
  FORGE_DIDNT_ADOPT("Forge_didnt_adopt_int", "Forge_didnt_adopt_counter", Kind.COUNTER),
  /** Forged blocks the node's own ledger found invalid (names as {@link #FORGE_DIDNT_ADOPT}: "forged-invalid"). */
  FORGE_FORGED_INVALID("Forge_forged_invalid_int", "Forge_forged_invalid_counter", Kind.COUNTER),
  /**
   * Slots led but not forged in: no ledger state or view, or (new tracing only) the node cannot forge, e.g. its KES
   * key is not valid yet (names as {@link #FORGE_DIDNT_ADOPT}: "could-not-forge").
   */
  FORGE_COULD_NOT_FORGE("Forge_could_not_forge_int", "Forge_could_not_forge_counter", Kind.COUNTER),
  /**
   * Leadership checks stopped because the chain's tip is in a later slot than the node's clock (a clock behind, or a
   * node under heavy load; names as {@link #FORGE_DIDNT_ADOPT}: "block-from-future").
   */
  FORGE_BLOCK_FROM_FUTURE("Forge_block_from_future_int", "Forge_block_from_future_counter", Kind.COUNTER),
  /** Blocks forged (aggregate). */
  BLOCKS_FORGED("blocksForgedNum_int", "blocksForged_int", Kind.GAUGE),
  /** Slots led (aggregate). */
  NODE_IS_LEADER("nodeIsLeaderNum_int", "nodeIsLeader_int", Kind.GAUGE),
  /** Slots led but missed (new tracing only). */
  SLOTS_MISSED(null, "slotsMissed_int", Kind.GAUGE),
  /** Slots where the node could not forge (new tracing only). */
  NODE_CANNOT_FORGE(null, "nodeCannotForge_int", Kind.GAUGE),
  /** Slot of the last forged block (new tracing only). */
  FORGED_SLOT_LAST(null, "forgedSlotLast_int", Kind.GAUGE),
  /** Transactions in the mempool. */
  TXS_IN_MEMPOOL("txsInMempool_int", "txsInMempool_int", Kind.GAUGE),
  /** Mempool size in bytes. */
  MEMPOOL_BYTES("mempoolBytes_int", "mempoolBytes_int", Kind.GAUGE),
  /** Transactions processed. */
  TXS_PROCESSED("txsProcessedNum_int", "txsProcessedNum_counter", Kind.COUNTER),
  /** Resident memory of the node process. */
  MEM_RESIDENT("Mem_resident_int", "Mem_resident_int", Kind.GAUGE),
  /** Live bytes after the last GC. */
  GC_LIVE_BYTES("RTS_gcLiveBytes_int", "RTS_gcLiveBytes_int", Kind.GAUGE),
  /** Heap size. */
  GC_HEAP_BYTES("RTS_gcHeapBytes_int", "RTS_gcHeapBytes_int", Kind.GAUGE),
  /** Major GCs. */
  GC_MAJOR("RTS_gcMajorNum_int", "RTS_gcMajorNum_int", Kind.GAUGE),
  /** Minor GCs. */
  GC_MINOR("RTS_gcMinorNum_int", "RTS_gcMinorNum_int", Kind.GAUGE),
  /** When the node process started, in Unix seconds. */
  NODE_START_TIME("nodeStartTime_int", "node_start_time_int", Kind.GAUGE),
  /** Build information as labels ({@code version}, {@code revision}, ...). */
  BUILD_INFO("cardano_build_info", "cardano_build_info", Kind.INFO),
  /** Basic node information as labels (new tracing only). */
  BASIC_INFO(null, "basicInfo", Kind.INFO),
  /** Node major version (new tracing only). */
  VERSION_MAJOR(null, "cardano_version_major_int", Kind.GAUGE),
  /** Node minor version (new tracing only). */
  VERSION_MINOR(null, "cardano_version_minor_int", Kind.GAUGE),
  /** Node patch version (new tracing only). */
  VERSION_PATCH(null, "cardano_version_patch_int", Kind.GAUGE),
  /** Blocks served to peers. */
  SERVED_BLOCKS("served_block_count_int", "served_block_counter", Kind.COUNTER),
  /** Headers served to peers. */
  SERVED_HEADERS("served_header_counter_int", "served_header_counter", Kind.COUNTER),
  /** Block propagation delay in seconds. */
  BLOCK_DELAY("blockfetchclient_blockdelay_s", "blockfetchclient_blockdelay_real", Kind.REAL),
  /** Share of blocks received within 1 s. */
  BLOCK_DELAY_CDF_ONE("blockfetchclient_blockdelay_cdfOne", "blockfetchclient_blockdelay_cdfOne_real", Kind.REAL),
  /** Share of blocks received within 3 s. */
  BLOCK_DELAY_CDF_THREE(
      "blockfetchclient_blockdelay_cdfThree", "blockfetchclient_blockdelay_cdfThree_real", Kind.REAL),
  /** Share of blocks received within 5 s. */
  BLOCK_DELAY_CDF_FIVE("blockfetchclient_blockdelay_cdfFive", "blockfetchclient_blockdelay_cdfFive_real", Kind.REAL),
  /** Blocks received late. */
  LATE_BLOCKS("blockfetchclient_lateblocks", "blockfetchclient_lateblocks_counter", Kind.COUNTER),
  /** Size of the last block fetched. */
  BLOCK_SIZE("blockfetchclient_blocksize", "blockfetchclient_blocksize_int", Kind.GAUGE);

  /** How the new tracing system types a metric, which decides its suffix and its {@code # TYPE} line. */
  public enum Kind {
    /** {@code _int}, {@code # TYPE gauge}. */
    GAUGE,
    /** {@code _counter}, {@code # TYPE counter}. */
    COUNTER,
    /** {@code _real}, no {@code # TYPE} line (rendered as a label value by trace-dispatcher). */
    REAL,
    /** Labels and the value 1, {@code # TYPE info}. */
    INFO
  }

  private final String legacy;
  private final String current;
  private final String nosuffix;
  private final Kind kind;

  NodeMetric(String legacy, String current, Kind kind) {
    this.legacy = legacy;
    this.current = current;
    this.nosuffix = MetricSuffix.strip(current);
    this.kind = kind;
  }

  /** The new tracing system's type of this metric. */
  public Kind kind() {
    return kind;
  }

  /**
   * The full exposed name (with the {@code cardano_node_metrics_} prefix) in a style, or empty if that style does
   * not have this metric (new-tracing-only metrics in {@link MetricStyle#LEGACY}).
   */
  public Optional<String> name(MetricStyle style) {
    return unprefixedName(style).map(n -> MetricNames.PREFIX + n);
  }

  /** The name without the prefix, as the new tracing system names it when no prefix is configured. */
  public Optional<String> unprefixedName(MetricStyle style) {
    return Optional.ofNullable(rawName(style));
  }

  /** The unprefixed name in a style, or null: the allocation-free form for the parser's hot path. */
  String rawName(MetricStyle style) {
    return switch (style) {
      case LEGACY -> legacy;
      case NEW_TRACING -> current;
      case NEW_TRACING_NOSUFFIX -> nosuffix;
    };
  }
}
