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
 * @param forgingFallback in a pool with a standby, why forging could not be moved off the lease holder before its
 *     upgrade (the move timed out), so the holder is upgraded in place in a free window; null while moves work
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
    Instant waitingSince,
    String forgingFallback) {

  /** What a rollout is doing. */
  public enum Phase {
    /** Between steps: the next node is upgraded as soon as that is safe. */
    WAITING,
    /** The current node was restarted with the new version; waiting for it to be ready, then holding. */
    UPGRADING,
    /** A step missed its deadline: nodes are being restored to their previous version, one at a time. */
    ROLLING_BACK,
    /**
     * In a pool with a standby: forging is being moved ({@link Action.MoveForging}) to {@link #current()}, so that the
     * producer that held the lease can be upgraded (or restored) without losing a leader slot;
     * {@link #stepStartedAt()} is when the move was asked for. During a rollback, {@link #failure()} is set.
     */
    MOVING_FORGING
  }

  /**
   * A rollout whose forging moves have not timed out (the form before {@link #forgingFallback()} existed).
   *
   * @param id a stable name for the rollout
   * @param from the version the pool ran before
   * @param to the version being rolled out
   * @param startedAt when the rollout began
   * @param order the nodes in upgrade order
   * @param done the nodes already upgraded and settled
   * @param previousVersions each node's version before the rollout
   * @param phase what the rollout is doing
   * @param current the node of the running step, or null
   * @param stepStartedAt when the current step began, or null
   * @param readySince since when the current node has been ready, or null
   * @param waitingFor why the next step cannot start yet, or null
   * @param failure why the rollout is being rolled back, or null
   * @param rollbackQueue nodes still to roll back
   * @param waitingSince since when the next step has been waiting, or null
   */
  public RolloutState(String id, NodeVersion from, NodeVersion to, Instant startedAt, List<String> order,
      List<String> done, Map<String, NodeVersion> previousVersions, Phase phase, String current,
      Instant stepStartedAt, Instant readySince, String waitingFor, String failure, List<String> rollbackQueue,
      Instant waitingSince) {
    this(id, from, to, startedAt, order, done, previousVersions, phase, current, stepStartedAt, readySince,
        waitingFor, failure, rollbackQueue, waitingSince, null);
  }

  /**
   * With forging moves given up for {@code why}: the lease holder is upgraded in place, in a free window.
   *
   * @param why why the move did not complete
   * @return the rollout
   */
  public RolloutState withForgingFallback(String why) {
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, phase, current, stepStartedAt,
        readySince, waitingFor, failure, rollbackQueue, waitingSince, why);
  }

  /**
   * With the nodes still to upgrade in this order (a pool with a standby upgrades the producer without the lease
   * first).
   *
   * @param nodes every node of the rollout, in upgrade order
   * @return the rollout
   */
  public RolloutState withOrder(List<String> nodes) {
    return new RolloutState(id, from, to, startedAt, nodes, done, previousVersions, phase, current, stepStartedAt,
        readySince, waitingFor, failure, rollbackQueue, waitingSince, forgingFallback);
  }

  /**
   * The rollout after its nodes were stopped and started again (a {@code palisade down}, or a control plane that
   * died): the current step starts over, with a fresh deadline, instead of counting the downtime against it.
   *
   * @return the rollout with no step running
   */
  public RolloutState interrupted() {
    // An interrupted move of forging is asked for again from the state between steps.
    Phase p = phase == Phase.UPGRADING || phase == Phase.MOVING_FORGING
        ? (failure == null ? Phase.WAITING : Phase.ROLLING_BACK) : phase;
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, p, null, null, null, null,
        failure, rollbackQueue, null, forgingFallback);
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
        failure, rollbackQueue, null, forgingFallback);
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
        failure, rollbackQueue, waitingSince != null ? waitingSince : now, forgingFallback);
  }

  /** With these nodes upgraded and settled. */
  public RolloutState withDone(List<String> nodes) {
    return new RolloutState(id, from, to, startedAt, order, nodes, previousVersions, phase, current, stepStartedAt,
        readySince, waitingFor, failure, rollbackQueue, waitingSince, forgingFallback);
  }

  /** With these nodes still to restore. */
  public RolloutState withRollbackQueue(List<String> queue) {
    return new RolloutState(id, from, to, startedAt, order, done, previousVersions, phase, current, stepStartedAt,
        readySince, waitingFor, failure, queue, waitingSince, forgingFallback);
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
        null, null, why, queue, null, forgingFallback);
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
