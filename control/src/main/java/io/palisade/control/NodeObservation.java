package io.palisade.control;

import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a runtime saw of one node at one instant. The control logic reads nothing else about a node, so it does not
 * depend on how the observation was made (the single-host runtime asks the health agent's judge in-process; the
 * Kubernetes operator reads pod status and probe results).
 *
 * <p>{@code live == false} means "this process is stuck: restart it". The observer is responsible for giving a
 * starting node its startup budget (a ledger replay is not a failure), exactly as Kubernetes does not run a liveness
 * probe before the startup probe passed.
 *
 * @param node the node's name
 * @param observedAt when the observation was made; observations not newer than the last action on the node are ignored
 * @param processAlive whether the node's process (container) is running
 * @param started whether the node has passed startup (serves metrics)
 * @param live whether the node is alive in the liveness sense (false: restart it)
 * @param ready whether the node is ready (synced, and for a relay connected to enough peers)
 * @param state the judged state
 * @param version the version the node reports running, or null if unknown
 * @param tipSlot the node's tip slot, or null if unknown
 * @param slotGap how many slots the tip is behind the chain clock, or null if unknown
 * @param reasons the reasons behind the verdicts, for events and status (never null)
 */
public record NodeObservation(
    String node,
    Instant observedAt,
    boolean processAlive,
    boolean started,
    boolean live,
    boolean ready,
    HealthState state,
    NodeVersion version,
    Long tipSlot,
    Long slotGap,
    List<String> reasons) {

  /** Checks the required fields and copies the reasons. */
  public NodeObservation {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(state, "state");
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  /**
   * A node whose process is not running.
   *
   * @param node the node's name
   * @param at when this was seen
   * @param reason why it is down
   * @return the observation
   */
  public static NodeObservation down(String node, Instant at, String reason) {
    return new NodeObservation(node, at, false, false, false, false, HealthState.DOWN, null, null, null,
        List.of(reason));
  }

  /** The reasons joined for a message, or the state's name when there are none. */
  public String reasonText() {
    return reasons.isEmpty() ? state.name().toLowerCase(java.util.Locale.ROOT) : String.join("; ", reasons);
  }
}
