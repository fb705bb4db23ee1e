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
