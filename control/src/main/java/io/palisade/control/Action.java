package io.palisade.control;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.util.List;
import java.util.Objects;

/**
 * Something a runtime must do to a node, decided by {@link PoolController}. Actions are values: a runtime applies them
 * with {@link #applyTo(NodeRuntime)}; tests just look at them.
 */
public sealed interface Action
    permits Action.StartNode, Action.RestartNode, Action.StopNode, Action.SetTopology, Action.WipeVolume,
    Action.MoveForging {
  /** The name of the node the action is about. */
  String nodeName();

  /** Why, in words (also in the matching event). */
  String reason();

  /**
   * Carries the action out.
   *
   * @param runtime the runtime to act on
   */
  void applyTo(NodeRuntime runtime);

  /**
   * Start a node that is not running (first start, or after it died or was stopped).
   *
   * @param node the node
   * @param version the version to run
   * @param reason why
   */
  record StartNode(NodeRef node, NodeVersion version, String reason) implements Action {
    /** Checks the fields. */
    public StartNode {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(version, "version");
    }

    @Override
    public String nodeName() {
      return node.name();
    }

    @Override
    public void applyTo(NodeRuntime runtime) {
      runtime.start(node, version);
    }
  }

  /**
   * Stop a running node cleanly and start it again, possibly with another version (an upgrade or rollback step).
   *
   * @param node the node
   * @param version the version to run afterwards
   * @param reason why
   */
  record RestartNode(NodeRef node, NodeVersion version, String reason) implements Action {
    /** Checks the fields. */
    public RestartNode {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(version, "version");
    }

    @Override
    public String nodeName() {
      return node.name();
    }

    @Override
    public void applyTo(NodeRuntime runtime) {
      runtime.restart(node, version);
    }
  }

  /**
   * Stop a node (it is stuck, or it has failed too often to be restarted).
   *
   * @param nodeName the node's name
   * @param reason why
   */
  record StopNode(String nodeName, String reason) implements Action {
    /** Checks the fields. */
    public StopNode {
      Objects.requireNonNull(nodeName, "nodeName");
    }

    @Override
    public void applyTo(NodeRuntime runtime) {
      runtime.stop(nodeName);
    }
  }

  /**
   * Give a node a new set of pool peers (its trustable local roots). The runtime resolves names to addresses and makes
   * the node re-read its topology.
   *
   * @param nodeName the node's name
   * @param peers the names of the pool nodes it must connect to, in order
   * @param reason why
   */
  record SetTopology(String nodeName, List<String> peers, String reason) implements Action {
    /** Checks the fields and copies the peers. */
    public SetTopology {
      Objects.requireNonNull(nodeName, "nodeName");
      peers = List.copyOf(peers);
    }

    @Override
    public void applyTo(NodeRuntime runtime) {
      runtime.setTopology(nodeName, peers);
    }
  }

  /**
   * Delete a node's volume at the operator's request: stop the node, delete its chain database, start it again on
   * {@code version}. It then replays and resyncs from its peers.
   *
   * @param node the node
   * @param version the version to run afterwards
   * @param reason why
   */
  record WipeVolume(NodeRef node, NodeVersion version, String reason) implements Action {
    /** Checks the fields. */
    public WipeVolume {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(version, "version");
    }

    @Override
    public String nodeName() {
      return node.name();
    }

    @Override
    public void applyTo(NodeRuntime runtime) {
      runtime.wipeVolume(node, version);
    }
  }

  /**
   * Move forging to the other block producer of a pool with a standby (a switchover of the producer lease, fenced and
   * in a free window, as the runtime's lease keeper does it), so that the current holder can be restarted without
   * losing a leader slot. The move is asked for once; the rollout watches the observed lease and gives up after the
   * node step deadline.
   *
   * @param nodeName the producer forging moves to
   * @param reason why
   */
  record MoveForging(String nodeName, String reason) implements Action {
    /** Checks the fields. */
    public MoveForging {
      Objects.requireNonNull(nodeName, "nodeName");
    }

    @Override
    public void applyTo(NodeRuntime runtime) {
      runtime.moveForging(nodeName);
    }
  }
}
