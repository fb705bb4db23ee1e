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

  /** With another version to run. */
  public MemberState withVersion(NodeVersion v) {
    return new MemberState(ref, v, phase, admitted, topology, consecutiveFailures, restarts, lastActionAt,
        nextRestartAt, readySince, lastFailure);
  }

  /** With other pool peers in its topology. */
  public MemberState withTopology(List<String> peers) {
    return new MemberState(ref, version, phase, admitted, peers, consecutiveFailures, restarts, lastActionAt,
        nextRestartAt, readySince, lastFailure);
  }

  /** In another phase (nothing else changes). */
  public MemberState withPhase(Phase p) {
    return new MemberState(ref, version, p, admitted, topology, consecutiveFailures, restarts, lastActionAt,
        nextRestartAt, readySince, lastFailure);
  }

  /** In, or out of, the other nodes' topologies. */
  public MemberState withAdmitted(boolean inTopologies) {
    return new MemberState(ref, version, phase, inTopologies, topology, consecutiveFailures, restarts, lastActionAt,
        nextRestartAt, readySince, lastFailure);
  }

  /** With another failure count and reason. */
  public MemberState withFailures(int count, String why) {
    return new MemberState(ref, version, phase, admitted, topology, count, restarts, lastActionAt, nextRestartAt,
        readySince, why);
  }

  /**
   * Restarted (or started) at the operator's request or because its keys or volume changed: running, its failure
   * count starting over, nothing older than {@code now} about it counting.
   *
   * @param now when the restart was issued
   * @return the member
   */
  public MemberState restartedAt(Instant now) {
    return new MemberState(ref, version, Phase.RUNNING, admitted, topology, 0, restarts, now, null, null,
        lastFailure);
  }

  /**
   * Stopped on purpose: new again (the next start is not a failure), failures forgotten; a FAILED node stays FAILED.
   *
   * @return the member
   */
  public MemberState stopped() {
    return phase == Phase.FAILED ? new MemberState(ref, version, phase, admitted, topology, consecutiveFailures,
        restarts, lastActionAt, null, null, lastFailure)
        : new MemberState(ref, version, Phase.NEW, admitted, topology, 0, restarts, lastActionAt, null, null,
            lastFailure);
  }

  /**
   * Found not running after a control-plane restart: a running (or restart-pending) node starts afresh, as a new one,
   * without counting a failure.
   *
   * @return the member
   */
  public MemberState startingAfresh() {
    if (phase != Phase.RUNNING && phase != Phase.RESTART_PENDING) {
      return this;
    }
    return new MemberState(ref, version, Phase.NEW, admitted, topology, consecutiveFailures, restarts, lastActionAt,
        null, null, lastFailure);
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
