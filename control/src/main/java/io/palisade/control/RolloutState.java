package io.palisade.control;

import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rolling upgrade in progress: one node at a time in {@link #order()}, each restarted with {@link #to()}, waited for
 * until ready, held for the settle time; or, after a miss, being rolled back in reverse.
 *
 * @param id a stable name for the rollout ({@code from->to@startedAt})
 * @param from the version the pool ran before
 * @param to the version being rolled out
 * @param startedAt when the rollout began
 * @param order the nodes in upgrade order: relays region by region, the block producer last
 * @param done the nodes already upgraded and settled, in order
 * @param previousVersions each node's version before the rollout (what a rollback restores)
 * @param phase what the rollout is doing
 * @param current the node of the running step (being upgraded or rolled back), or null between steps
 * @param stepStartedAt when the current step's restart was issued, or null
 * @param readySince since when the current node has been ready on the new version (the hold), or null
 * @param waitingFor why the next step cannot start yet, or null
 * @param failure why the rollout is being rolled back, or null
 * @param rollbackQueue nodes still to roll back, in order (the failed node first, then the others in reverse)
 * @param waitingSince since when the next step has been waiting, or null
 */
public record RolloutState(
    String id,
    NodeVersion from,
    NodeVersion to,
    Instant startedAt,
    List<String> order,
    List<String> done,
    Map<String, NodeVersion> previousVersions,
    Phase phase,
    String current,
    Instant stepStartedAt,
    Instant readySince,
    String waitingFor,
    String failure,
    List<String> rollbackQueue,
    Instant waitingSince) {

  /** What a rollout is doing. */
  public enum Phase {
    /** Between steps: the next node is upgraded as soon as that is safe. */
    WAITING,
    /** The current node was restarted with the new version; waiting for it to be ready, then holding. */
    UPGRADING,
    /** A step missed its deadline: nodes are being restored to their previous version, one at a time. */
    ROLLING_BACK
  }

  /**
   * The rollout after its nodes were stopped and started again (a {@code palisade down}, or a control plane that
   * died): the current step starts over, with a fresh deadline, instead of counting the downtime against it.
   *
   * @return the rollout with no step running
   */
  public RolloutState interrupted() {
    Phase p = phase == Phase.UPGRADING ? Phase.WAITING : phase;
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, p, null, null, null, null,
        failure, rollbackQueue, null);
  }

  /**
   * A step of the rollout in {@code phase}: {@code current} restarted at {@code stepStartedAt}, ready since
   * {@code readySince}; nothing waits any more.
   *
   * @param p the phase
   * @param node the node of the step, or null between steps
   * @param started when the step's restart was issued, or null
   * @param ready since when the node has been ready on its target version, or null
   * @return the rollout
   */
  public RolloutState withStep(Phase p, String node, Instant started, Instant ready) {
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, p, node, started, ready, null,
        failure, rollbackQueue, null);
  }

  /** Between steps in {@code p}: no node stepped, nothing waits. */
  public RolloutState betweenSteps(Phase p) {
    return withStep(p, null, null, null);
  }

  /**
   * Waiting to take the next step, for {@code why}: since the first time it waited in a row.
   *
   * @param why what it waits for
   * @param now the clock's time
   * @return the rollout
   */
  public RolloutState waitingFor(String why, Instant now) {
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, phase, null, null, null, why,
        failure, rollbackQueue, waitingSince != null ? waitingSince : now);
  }

  /** With these nodes upgraded and settled. */
  public RolloutState withDone(List<String> nodes) {
    return new RolloutState(id, from, to, startedAt, order, nodes, previousVersions, phase, current, stepStartedAt,
        readySince, waitingFor, failure, rollbackQueue, waitingSince);
  }

  /** With these nodes still to restore. */
  public RolloutState withRollbackQueue(List<String> queue) {
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, phase, current, stepStartedAt,
        readySince, waitingFor, failure, queue, waitingSince);
  }

  /**
   * Rolling back, for {@code why}: {@code queue} to restore, one at a time.
   *
   * @param why why the rollout failed
   * @param queue the nodes to restore, in order
   * @return the rollout
   */
  public RolloutState rollingBack(String why, List<String> queue) {
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, Phase.ROLLING_BACK, null, null,
        null, null, why, queue, null);
  }

  /** Checks the required fields and copies the collections. */
  public RolloutState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(phase, "phase");
    order = List.copyOf(order);
    done = List.copyOf(done);
    previousVersions = Map.copyOf(previousVersions);
    rollbackQueue = rollbackQueue == null ? List.of() : List.copyOf(rollbackQueue);
  }
}
