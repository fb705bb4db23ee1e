package io.palisade.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/**
 * What the operator made of a StakePool. Conditions {@code Ready}, {@code Progressing}, {@code Degraded} and
 * {@code KESExpiring} summarise it; {@code control} holds the control logic's whole state, so a restarted operator
 * resumes a rollout, keeps every failed version and never forgets a relay being added. The other fields are views of
 * it for people and scripts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StakePoolStatus {
  /** The spec generation this status describes. */
  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  public Long observedGeneration;
  /** Ready, Progressing, Degraded, KESExpiring. */
  @JsonPropertyDescription("Ready, Progressing, Degraded and KESExpiring, each with a CamelCase reason.")
  public List<Condition> conditions;
  /** The version the whole pool last settled on. */
  @JsonPropertyDescription("The cardano-node version the whole pool last settled on.")
  public String poolVersion;
  /** The version the spec asks for. */
  @JsonPropertyDescription("The cardano-node version spec.node.version asks for.")
  public String targetVersion;
  /** One entry per node. */
  @JsonPropertyDescription("Every node of the pool.")
  public List<NodeView> nodes;
  /** The running rollout, if any. */
  @JsonPropertyDescription("The rolling upgrade in progress, if any.")
  public RolloutView rollout;
  /** Versions that failed a rollout. */
  @JsonPropertyDescription("Versions that failed a rollout; never rolled out again automatically.")
  public List<FailedVersionView> failedVersions;
  /** The image of each version seen in the spec. */
  @JsonPropertyDescription("The image of every node version the spec has named: what a rollback restores.")
  public Map<String, String> nodeImages;
  /** Why the spec was refused, one line per error. */
  @JsonPropertyDescription("Why the spec was refused, one error per line with its field path.")
  public List<String> specErrors;
  /** The control logic's state (machine-readable). */
  @JsonPropertyDescription("The control logic's state: members, rollout, relay addition, failed versions, history.")
  public JsonNode control;
  /** Leader-aware maintenance of the block producer. */
  @JsonPropertyDescription("Leader-aware maintenance: the block producer's leader schedule as far as it is known,"
      + " its learned restart-to-forging time, and what waits for a free window between its leader slots.")
  public MaintenanceView maintenance;
  /** The producer lease of a pool with a standby. */
  @JsonPropertyDescription("The producer lease of a pool with a standby (docs/standby.md): which producer may forge,"
      + " since when, its fencing token, and a move in progress with what it waits for.")
  public ProducerView producer;
  /** The slot ledger: each leader slot's verdict and evidence. */
  @JsonPropertyDescription("The slot ledger (docs/slots.md): the previous and the current epoch's leader slots, each"
      + " with one verdict, why and its evidence; the epoch's counts and one-line summary; the next leader slot.")
  public SlotsView slots;

  /** The producer lease, mirrored from the Lease {@code <pool>-producer}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ProducerView {
    /** The producer that holds the lease. */
    public String holder;
    /** When it got the lease. */
    public String since;
    /** The fencing token (only grows). */
    public Long token;
    /** The other producer. */
    public String standby;
    /** Holding, SwitchoverQueued, Failover, Switchover or Refused. */
    public String phase;
    /** What the last pass decided, or why a move waits or was refused. */
    public String reason;
  }

  /** One node. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NodeView {
    /** Node name. */
    public String name;
    /** BLOCK_PRODUCER or RELAY. */
    public String role;
    /** Region of a relay. */
    public String region;
    /** Its pod. */
    public String pod;
    /** The version it should run now. */
    public String version;
    /** The version its pod runs. */
    public String podVersion;
    /** NEW, RUNNING, RESTART_PENDING or FAILED. */
    public String phase;
    /** Whether its pod is ready. */
    public Boolean ready;
    /** Whether it is in the other nodes' topologies. */
    public Boolean admitted;
    /** Its pool peers. */
    public List<String> peers;
    /** What its pod status says. */
    public String reason;
    /** Why it last failed. */
    public String lastFailure;
  }

  /** The rollout in progress. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RolloutView {
    /** From. */
    public String from;
    /** To. */
    public String to;
    /** WAITING, UPGRADING or ROLLING_BACK. */
    public String phase;
    /** The node of the running step. */
    public String current;
    /** Upgraded and settled nodes. */
    public List<String> done;
    /** The order. */
    public List<String> order;
    /** Why the next step waits. */
    public String waitingFor;
    /** Why it is rolled back. */
    public String failure;
    /** When it began. */
    public String startedAt;
  }

  /** A failed version. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class FailedVersionView {
    /** The version. */
    public String version;
    /** When. */
    public String at;
    /** On which node. */
    public String node;
    /** Why. */
    public String reason;
  }

  /** Leader-aware maintenance of the block producer. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MaintenanceView {
    /** Where the leader schedule comes from, or why it is not known. */
    @JsonPropertyDescription("Where the leader schedule comes from, or why it is not known (then a planned action on"
        + " the block producer waits).")
    public String schedule;
    /** Whether the current epoch's leader slots are known. */
    public Boolean scheduleKnown;
    /** Every leader slot starting before this time is known. */
    public String scheduleKnownUntil;
    /** The next leader slot. */
    public LeaderSlotView nextLeaderSlot;
    /** The leader-slot count of each known epoch. */
    public List<EpochCountView> epochs;
    /** The expected restart-to-forging time (ISO 8601 duration), margin not included. */
    @JsonPropertyDescription("The block producer's expected restart-to-forging time (ISO 8601 duration): the 90th"
        + " percentile of its measured restarts, or a conservative default until 3 are measured.")
    public String expectedRestartToForging;
    /** The margin added to it. */
    public String margin;
    /** Whether the expectation is learned (else the default). */
    public Boolean learned;
    /** The measured restart-to-forging times, oldest first (ISO 8601 durations): the operator's memory of them. */
    public List<String> restartSamples;
    /** When the restart being measured began. */
    public String restartPendingSince;
    /** The uid of the pod that restart replaced: its successor's readiness ends the measurement. */
    public String restartPendingPod;
    /** What waits for a free window. */
    public List<WaitView> waiting;
  }

  /** A leader slot. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class LeaderSlotView {
    /** The absolute slot. */
    public Long slot;
    /** When it starts (UTC). */
    public String at;
  }

  /** One epoch's count. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EpochCountView {
    /** The epoch. */
    public Long epoch;
    /** Its leader slots. */
    public Integer leaderSlots;
    /** Those that have not started yet. */
    public Integer toCome;
  }

  /** A planned action waiting for a free window. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WaitView {
    /** UPGRADE_STEP or RESTART. */
    public String action;
    /** The node. */
    public String node;
    /** For people: "waiting for a free window: next leader slot in 3m12s, window opens at ...". */
    public String message;
    /** Stable while the window does not move (an event is written when it changes). */
    public String reason;
    /** When the window opens, when known. */
    public String opensAt;
    /** Since when it waits. */
    public String since;
    /** The wait is longer than the limit: it is not forced, an operator must decide. */
    public Boolean needsOperator;
  }
}
