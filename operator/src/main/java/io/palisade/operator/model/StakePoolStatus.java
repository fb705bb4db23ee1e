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
}
