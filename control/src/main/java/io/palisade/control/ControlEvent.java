package io.palisade.control;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision and why it was taken, for {@code palisade status}, the event log and Kubernetes events.
 *
 * @param time when the decision was taken
 * @param severity whether it needs attention
 * @param reason a CamelCase cause, stable for scripts (for example {@code NodeRestarted}, {@code RolloutRolledBack}):
 *     a {@link Reason}'s {@link Reason#wire() name}
 * @param node the node concerned, or null for the whole pool
 * @param message what happened and why, for people
 */
public record ControlEvent(Instant time, Severity severity, String reason, String node, String message) {
  /** How much attention an event needs; the names are Kubernetes event types. */
  public enum Severity {
    /** Expected progress. */
    Normal,
    /** Something failed or is waiting on a problem. */
    Warning
  }

  /**
   * Why an event was recorded: each reason has its stable CamelCase name (what {@link #reason()}, the event log, the
   * API and Kubernetes events carry), its severity and a note for people. Events are made from these only
   * ({@link #of}), never from free strings.
   */
  public enum Reason {
    NODE_STARTED("NodeStarted", Severity.Normal,
        "a node was started: its first start, or the first after a clean stop"),
    NODE_RESTARTED("NodeRestarted", Severity.Warning,
        "self-healing restarted a node whose process died or that stopped being live"),
    NODE_RESTART_SCHEDULED("NodeRestartScheduled", Severity.Warning,
        "a node failed again; it is restarted after a backoff"),
    NODE_FAILED("NodeFailed", Severity.Warning,
        "a node failed too often in a row: it is stopped and left for the operator"),
    NODE_READY_AGAIN("NodeReadyAgain", Severity.Normal,
        "a node self-healing restarted is ready again: the last word on a failure is not a warning"),
    NODE_RECOVERED("NodeRecovered", Severity.Normal,
        "a node stayed ready long enough: its failure count starts over"),
    NODE_RESTART_REQUESTED("NodeRestartRequested", Severity.Normal,
        "the operator asked to restart (or start) a node"),
    ROLLOUT_STARTED("RolloutStarted", Severity.Normal,
        "a rolling upgrade to a new version started"),
    NODE_UPGRADING("NodeUpgrading", Severity.Normal,
        "a rollout step: a node was restarted on the new version"),
    NODE_READY("NodeReady", Severity.Normal,
        "the node of a rollout step is ready on the new version; the hold begins"),
    NODE_UPGRADED("NodeUpgraded", Severity.Normal,
        "the node of a rollout step stayed ready through the hold: the step is done"),
    ROLLOUT_WAITING("RolloutWaiting", Severity.Warning,
        "the next rollout step waits (a node not ready, the last ready relay, or no free window between the block"
            + " producer's leader slots)"),
    LEADER_SCHEDULE_PUBLISHED("LeaderSchedulePublished", Severity.Normal,
        "the operator copied the leader schedule a block producer's agent serves into the pool's Secret"),
    MAINTENANCE_WAITING("MaintenanceWaiting", Severity.Warning,
        "a restart or key rotation of the block producer is queued until a free window between its leader slots"),
    FORGING_MOVE_REQUESTED("ForgingMoveRequested", Severity.Normal,
        "a rollout of a pool with a standby asks for forging to move to the upgraded producer before it upgrades"
            + " (or restores) the lease holder"),
    FORGING_MOVED("ForgingMoved", Severity.Normal,
        "the lease is with the producer the rollout moved forging to: the former holder is upgraded next"),
    FORGING_MOVE_TIMED_OUT("ForgingMoveTimedOut", Severity.Warning,
        "forging did not move within the node step deadline: the lease holder is upgraded in place, in a free window"
            + " between its leader slots"),
    ROLLOUT_SUCCEEDED("RolloutSucceeded", Severity.Normal,
        "every node runs the new version"),
    VERSION_FAILED("VersionFailed", Severity.Warning,
        "a node missed its deadline on the new version: the version is marked failed"),
    VERSION_NOT_RETRIED("VersionNotRetried", Severity.Warning,
        "the pool is asked for a version that failed before; it is not rolled out again by itself"),
    ROLLBACK_STARTED("RollbackStarted", Severity.Warning,
        "the upgraded nodes are restored to their previous version, one at a time"),
    NODE_ROLLING_BACK("NodeRollingBack", Severity.Normal,
        "a rollback step: a node was restarted on its previous version"),
    NODE_ROLLED_BACK("NodeRolledBack", Severity.Normal,
        "a node is ready again on its previous version"),
    ROLLBACK_WAITING("RollbackWaiting", Severity.Warning,
        "the next rollback step waits (it would cost the block producer its last ready relay)"),
    ROLLBACK_STUCK("RollbackStuck", Severity.Warning,
        "a node was not ready on its previous version in time; self-healing keeps watching it"),
    ROLLOUT_ROLLED_BACK("RolloutRolledBack", Severity.Warning,
        "the rollout ended rolled back: the pool runs the version it started with"),
    RELAY_ADD_STARTED("RelayAddStarted", Severity.Normal,
        "a new relay was started; it joins the topologies once ready"),
    RELAY_ADDED("RelayAdded", Severity.Normal,
        "a new relay is ready and joins the block producer's topology"),
    RELAY_ADD_FAILED("RelayAddFailed", Severity.Warning,
        "a new relay was not ready in time: stopped, reported FAILED, never in a topology"),
    TOPOLOGY_UPDATED("TopologyUpdated", Severity.Normal,
        "a node's pool peers changed"),
    NODE_REMOVED("NodeRemoved", Severity.Normal,
        "a node was removed at the operator's request (topologies first, then stopped)"),
    RELAY_REMOVED("RelayRemoved", Severity.Normal,
        "on Kubernetes: a relay left the topologies, then its StatefulSet was scaled down"),
    RELAY_REMOVAL_WAITING("RelayRemovalWaiting", Severity.Warning,
        "on Kubernetes: a relay the spec no longer declares waits for the guard rails"),
    VOLUME_DELETED("VolumeDeleted", Severity.Warning,
        "a node's chain database was deleted at the operator's request; it resyncs"),
    KEYS_ROTATED("KeysRotated", Severity.Normal,
        "new hot keys were installed and the block producer restarted with them"),
    KEYS_REVOKED("KeysRevoked", Severity.Warning,
        "the hot keys were wiped and the block producer restarted without them"),
    FAILOVER_STARTED("FailoverStarted", Severity.Warning,
        "the active block producer was down or could not forge too long: the lease moves to the standby"),
    SWITCHOVER_STARTED("SwitchoverStarted", Severity.Normal,
        "a switchover asked for by the operator starts in a free window: the lease moves to the other producer"),
    SWITCHOVER_WAITING("SwitchoverWaiting", Severity.Warning,
        "a switchover waits for a free window between the leader slots, or for the other producer to be synced"),
    PRODUCER_FENCED("ProducerFenced", Severity.Normal,
        "the former lease holder is confirmed keyless (forging_enabled reads 0) or gone"),
    PRODUCER_KILLED("ProducerKilled", Severity.Warning,
        "the former lease holder still ran without confirming it was keyless in time: it was killed to fence it"),
    PRODUCER_PROMOTED("ProducerPromoted", Severity.Normal,
        "the lease (a new fencing token) and the forging credentials went to the other producer"),
    PROMOTION_REFUSED("PromotionRefused", Severity.Warning,
        "a failover or switchover was not carried out (the standby not ready, or the fence not confirmed): why"),
    POOL_DELETING("PoolDeleting", Severity.Warning,
        "the pool is being deleted at the operator's request"),
    POOL_DELETED("PoolDeleted", Severity.Warning,
        "the pool was deleted: nodes stopped, runtime state removed"),
    POOL_STOPPED("PoolStopped", Severity.Normal,
        "every node was stopped cleanly (palisade down, Ctrl-C)"),
    ACTION_FAILED("ActionFailed", Severity.Warning,
        "the runtime could not carry out an action (start, stop, topology, ...)"),
    CONTROL_LOOP_ERROR("ControlLoopError", Severity.Warning,
        "a control-loop pass failed; the next pass tries again"),
    INVALID_SPEC("InvalidSpec", Severity.Warning,
        "on Kubernetes: the StakePool's spec breaks pool.yaml's rules; nothing is touched"),
    LEADER_SLOT_MISSED("LeaderSlotMissed", Severity.Warning,
        "on Kubernetes: a leader slot of the pool was missed; its verdict and why (the slot ledger, status.slots)");

    private final String wire;
    private final Severity severity;
    private final String note;

    Reason(String wire, Severity severity, String note) {
      this.wire = wire;
      this.severity = severity;
      this.note = note;
    }

    /** The stable CamelCase name, as events carry it. */
    public String wire() {
      return wire;
    }

    /** Whether an event of this reason needs attention. */
    public Severity severity() {
      return severity;
    }

    /** What the reason means, for people (documentation, help). */
    public String note() {
      return note;
    }
  }

  /** Checks the required fields. */
  public ControlEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /**
   * An event of a known reason, with that reason's severity.
   *
   * @param time when the decision was taken
   * @param reason why
   * @param node the node concerned, or null for the whole pool
   * @param message what happened and why, for people
   * @return the event
   */
  public static ControlEvent of(Instant time, Reason reason, String node, String message) {
    return new ControlEvent(time, reason.severity(), reason.wire(), node, message);
  }

  @Override
  public String toString() {
    return time + " " + severity + " " + reason + (node == null ? "" : " " + node) + ": " + message;
  }
}
