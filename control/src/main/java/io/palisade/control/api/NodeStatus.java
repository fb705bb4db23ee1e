package io.palisade.control.api;

import io.palisade.control.HealthState;
import io.palisade.control.MemberState;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.util.List;

/**
 * One node in {@code GET /v1/status}.
 *
 * @param name the node's name
 * @param role block producer or relay (JSON: {@code BLOCK_PRODUCER}, {@code RELAY})
 * @param region the relay's region, or null
 * @param phase the control logic's view (JSON: {@code NEW}, {@code RUNNING}, {@code RESTART_PENDING},
 *     {@code FAILED})
 * @param state the health state (JSON: {@code DOWN}, {@code STARTING}, {@code SYNCING}, {@code LAGGING},
 *     {@code SYNCED}, {@code UNKNOWN})
 * @param processAlive whether its process runs
 * @param live whether it is live
 * @param ready whether it is ready
 * @param version the version it should run
 * @param runningVersion the version it reports running, or null
 * @param pid its process id, or null
 * @param nodeToNodePort its node-to-node port on 127.0.0.1
 * @param metricsPort its metrics port on 127.0.0.1
 * @param tipSlot its tip slot, or null
 * @param slotGap slots behind the chain clock, or null
 * @param restarts restarts by self-healing
 * @param peers the pool peers in its topology
 * @param reasons the reasons behind its health verdicts
 * @param lastFailure why it last failed, or null
 * @param directory its working directory
 */
public record NodeStatus(
    String name,
    NodeRole role,
    String region,
    MemberState.Phase phase,
    HealthState state,
    boolean processAlive,
    boolean live,
    boolean ready,
    NodeVersion version,
    NodeVersion runningVersion,
    Long pid,
    int nodeToNodePort,
    int metricsPort,
    Long tipSlot,
    Long slotGap,
    int restarts,
    List<String> peers,
    List<String> reasons,
    String lastFailure,
    String directory) {}
