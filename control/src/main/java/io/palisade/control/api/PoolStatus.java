package io.palisade.control.api;

import io.palisade.control.ControlEvent;
import io.palisade.control.FailedVersion;
import io.palisade.control.RelayAddition;
import io.palisade.control.RolloutRecord;
import io.palisade.control.RolloutState;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /v1/status} and of {@code palisade status --json}: the whole pool at one instant.
 *
 * @param pool the pool's name
 * @param network the network
 * @param dataDir the data directory
 * @param at when the status was taken
 * @param healthy whether every node is ready and nothing is in progress
 * @param version the version the pool runs
 * @param targetVersion the version the operator asked for (differs during a rollout, or after a failed one)
 * @param nodes every node, block producer first
 * @param rollout the rollout in progress, or null
 * @param relayAddition the relay being added, or null
 * @param failedVersions versions that failed a rollout (never retried automatically)
 * @param history finished rollouts, oldest first
 * @param keys the block producer's hot keys
 * @param removedNodes nodes removed from the pool at the operator's request (their names are not reused)
 * @param events the latest events, oldest first
 * @param maintenance leader-aware maintenance of the block producer, or null on a runtime without it
 * @param producer the producer lease (which producer forges, its fencing token), or null for a pool without a standby
 */
public record PoolStatus(
    String pool,
    String network,
    String dataDir,
    Instant at,
    boolean healthy,
    NodeVersion version,
    NodeVersion targetVersion,
    List<NodeStatus> nodes,
    RolloutState rollout,
    RelayAddition relayAddition,
    List<FailedVersion> failedVersions,
    List<RolloutRecord> history,
    HotKeyStatus keys,
    List<String> removedNodes,
    List<ControlEvent> events,
    MaintenanceStatus maintenance,
    ProducerStatus producer) {

  /** A status without a producer lease (a pool without a standby, or a runtime without it). */
  public PoolStatus(String pool, String network, String dataDir, Instant at, boolean healthy, NodeVersion version,
      NodeVersion targetVersion, List<NodeStatus> nodes, RolloutState rollout, RelayAddition relayAddition,
      List<FailedVersion> failedVersions, List<RolloutRecord> history, HotKeyStatus keys, List<String> removedNodes,
      List<ControlEvent> events, MaintenanceStatus maintenance) {
    this(pool, network, dataDir, at, healthy, version, targetVersion, nodes, rollout, relayAddition, failedVersions,
        history, keys, removedNodes, events, maintenance, null);
  }
}
