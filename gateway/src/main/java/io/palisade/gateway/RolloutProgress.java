package io.palisade.gateway;

import java.util.List;
import java.util.Objects;

/**
 * Where a rolling upgrade stands.
 *
 * @param targetVersion the version being rolled out
 * @param state the runtime's word for it ({@code running}, {@code done}, {@code rolled-back}, ...)
 * @param nodesDone nodes already on the target version and ready
 * @param nodesTotal nodes the rollout covers
 * @param currentNode the node being upgraded now; empty when none
 * @param message one sentence for the operator
 * @param order the nodes in upgrade order, when the runtime reports it (empty: not reported)
 * @param done the nodes already upgraded and settled, when the runtime reports them
 */
public record RolloutProgress(String targetVersion, String state, int nodesDone, int nodesTotal, String currentNode,
    String message, List<String> order, List<String> done) {
  /**
   * A rollout without its order (a runtime that reports counts only).
   *
   * @param targetVersion the version being rolled out
   * @param state the runtime's word for it
   * @param nodesDone nodes already on the target version and ready
   * @param nodesTotal nodes the rollout covers
   * @param currentNode the node being upgraded now; empty when none
   * @param message one sentence for the operator
   */
  public RolloutProgress(String targetVersion, String state, int nodesDone, int nodesTotal, String currentNode,
      String message) {
    this(targetVersion, state, nodesDone, nodesTotal, currentNode, message, List.of(), List.of());
  }

  /** Rejects nulls and impossible counts; copies the lists. */
  public RolloutProgress {
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(state, "state");
    if (nodesDone < 0 || nodesTotal < 0 || nodesDone > nodesTotal) {
      throw new IllegalArgumentException("nodesDone must be within 0.." + nodesTotal + ", was: " + nodesDone);
    }
    currentNode = currentNode == null ? "" : currentNode;
    message = message == null ? "" : message;
    order = order == null ? List.of() : List.copyOf(order);
    done = done == null ? List.of() : List.copyOf(done);
  }
}
