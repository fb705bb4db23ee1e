package io.palisade.control;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the control logic remembers about one node of the pool.
 *
 * @param ref the node
 * @param version the version the node should run now (changes step by step during a rollout)
 * @param phase where the node is in its life cycle
 * @param admitted whether the node is in the other nodes' topologies (a relay being added is not, until ready)
 * @param topology the pool peers last given to the node, or null if never set
 * @param consecutiveFailures failures since the node was last stably ready
 * @param restarts restarts by self-healing since the control state was created
 * @param lastActionAt when the node was last started, restarted or stopped; older observations are ignored
 * @param nextRestartAt when a node in {@link Phase#RESTART_PENDING} is started again
 * @param readySince since when the node has been ready without interruption, or null
 * @param lastFailure why the node last failed, or null
 */
public record MemberState(
    NodeRef ref,
    NodeVersion version,
    Phase phase,
    boolean admitted,
    List<String> topology,
    int consecutiveFailures,
    int restarts,
    Instant lastActionAt,
    Instant nextRestartAt,
    Instant readySince,
    String lastFailure) {

  /** Where a node is in its life cycle, as the control logic sees it. */
  public enum Phase {
    /** Not started yet (a new pool, a relay being added, or after {@code palisade down}). */
    NEW,
    /** Started; its health is watched. */
    RUNNING,
    /** Failed; waiting for its backoff before the next start. */
    RESTART_PENDING,
    /** Failed too often (or missed its deadline when added): left stopped and reported. */
    FAILED
  }

  /** Checks the required fields and copies the topology. */
  public MemberState {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(phase, "phase");
    topology = topology == null ? null : List.copyOf(topology);
  }

  /** The node's name. */
  public String name() {
    return ref.name();
  }

  /**
   * A node that has not been started yet.
   *
   * @param ref the node
   * @param version its version
   * @param admitted whether other nodes list it in their topology from the start
   * @return the member
   */
  public static MemberState fresh(NodeRef ref, NodeVersion version, boolean admitted) {
    return new MemberState(ref, version, Phase.NEW, admitted, null, 0, 0, null, null, null, null);
  }
}
