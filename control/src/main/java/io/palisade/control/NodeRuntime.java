package io.palisade.control;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.util.List;
import java.util.Map;

/**
 * The port every runtime implements: where nodes actually run. The single-host runtime runs child processes; the
 * Kubernetes operator drives StatefulSets (a restart with a new version is a template change plus a partition step; a
 * rollback also deletes the stuck pod).
 *
 * <p>Contract: every method returns once the request is carried out or handed to the platform; none waits for a node
 * to become ready (readiness comes back through {@link #observe()}). Failures are thrown as
 * {@link NodeRuntimeException}; the control loop records them and tries again on its next pass.
 */
public interface NodeRuntime {
  /**
   * Starts a node that is not running. Starting a node that already runs that version does nothing.
   *
   * @param node the node
   * @param version the version to run
   * @throws NodeRuntimeException if the node cannot be started
   */
  void start(NodeRef node, NodeVersion version);

  /**
   * Stops a node cleanly (the platform's termination signal, then a kill after a grace period). Stopping a node that
   * is not running does nothing.
   *
   * @param nodeName the node's name
   * @throws NodeRuntimeException if the node cannot be stopped
   */
  void stop(String nodeName);

  /**
   * Stops a node cleanly, then starts it with {@code version}.
   *
   * @param node the node
   * @param version the version to run afterwards
   * @throws NodeRuntimeException if the node cannot be restarted
   */
  void restart(NodeRef node, NodeVersion version);

  /**
   * Sets the pool peers of a node and makes it use them (a real cardano-node re-reads its topology on SIGHUP).
   *
   * @param nodeName the node's name
   * @param peers names of the pool nodes it connects to
   * @throws NodeRuntimeException if the topology cannot be written
   */
  void setTopology(String nodeName, List<String> peers);

  /**
   * Stops a node, deletes its chain database (its volume's contents), and starts it again with {@code version}; it
   * replays and resyncs from its peers. Only at an operator's request, after the console's delay.
   *
   * @param node the node
   * @param version the version to run afterwards
   * @throws NodeRuntimeException if this runtime cannot do it, or it failed
   */
  default void wipeVolume(NodeRef node, NodeVersion version) {
    throw new NodeRuntimeException("this runtime cannot delete the volume of " + node.name());
  }

  /**
   * Asks for forging to move to {@code nodeName}, the other block producer of a pool with a standby: a switchover of
   * the producer lease (fenced, in a free window of the leader schedule). Returns once the request is queued; the
   * move's progress comes back as the lease holder the caller observes.
   *
   * @param nodeName the producer that should hold the lease
   * @throws NodeRuntimeException if this runtime has no producer lease, or refuses the move (with the reason)
   */
  default void moveForging(String nodeName) {
    throw new NodeRuntimeException("this runtime cannot move forging to " + nodeName + ": it keeps no producer lease");
  }

  /**
   * The nodes this runtime knows about, running or not.
   *
   * @return one entry per node, never null
   */
  List<RuntimeNode> list();

  /**
   * Observes every node this runtime knows about.
   *
   * @return node name to its latest observation, never null
   */
  Map<String, NodeObservation> observe();
}
