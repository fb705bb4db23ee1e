package io.palisade.gateway;

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
 */
public record RolloutProgress(
    String targetVersion, String state, int nodesDone, int nodesTotal, String currentNode, String message) {
  /** Rejects nulls and impossible counts. */
  public RolloutProgress {
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(state, "state");
    if (nodesDone < 0 || nodesTotal < 0 || nodesDone > nodesTotal) {
      throw new IllegalArgumentException("nodesDone must be within 0.." + nodesTotal + ", was: " + nodesDone);
    }
    currentNode = currentNode == null ? "" : currentNode;
    message = message == null ? "" : message;
  }
}
