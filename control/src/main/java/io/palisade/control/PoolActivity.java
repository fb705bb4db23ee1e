package io.palisade.control;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a pool is doing now, as far as the guard rails of an operator's command care ({@link PoolCommands},
 * {@link PoolChanges}). Every runtime can tell it: the single-host runtime from its control state and desired pool
 * ({@link #of(ControlState, DesiredPool)}), the Kubernetes operator's StakePool from its spec and status. It also
 * holds the one wording of "what runs now" ({@link #busy()}).
 *
 * @param running the version the pool runs, or null when not known yet
 * @param target the version the pool is asked to run, or null when not known
 * @param rolloutTo the version of the rollout in progress, or null
 * @param rolloutStep the node the rollout is stepping now, or null
 * @param failedVersions versions that failed a rollout (never retried by themselves)
 * @param relaysAdding relays being added (started, or asked for and not started yet), in order
 * @param relaysRemoving relays being removed (asked for, and still members), in order
 */
public record PoolActivity(
    NodeVersion running,
    NodeVersion target,
    NodeVersion rolloutTo,
    String rolloutStep,
    List<FailedVersion> failedVersions,
    List<String> relaysAdding,
    List<String> relaysRemoving) {

  /** Copies the lists. */
  public PoolActivity {
    failedVersions = failedVersions == null ? List.of() : List.copyOf(failedVersions);
    relaysAdding = relaysAdding == null ? List.of() : List.copyOf(relaysAdding);
    relaysRemoving = relaysRemoving == null ? List.of() : List.copyOf(relaysRemoving);
  }

  /**
   * The activity of a pool whose changes apply at once (the single-host runtime): a relay is being added while it is
   * the state's relay addition or while the desired pool names it and it is not a member yet; nothing waits to be
   * removed.
   *
   * @param state the control state
   * @param desired the desired pool (its version is the target)
   * @return the activity
   */
  public static PoolActivity of(ControlState state, DesiredPool desired) {
    Set<String> members = state.members().stream().map(MemberState::name).collect(Collectors.toSet());
    List<String> adding = new ArrayList<>();
    if (state.relayAddition() != null) {
      adding.add(state.relayAddition().node());
    }
    for (NodeRef n : desired.nodes()) {
      if (n.role() == NodeRole.RELAY && !members.contains(n.name()) && !adding.contains(n.name())) {
        adding.add(n.name());
      }
    }
    return new PoolActivity(state.poolVersion(), desired.version(), rolloutTo(state), rolloutStep(state),
        state.failedVersions(), adding, List.of());
  }

  /**
   * The activity the control state alone shows (no target known): its rollout and relay addition.
   *
   * @param state the control state
   * @return the activity
   */
  public static PoolActivity of(ControlState state) {
    return new PoolActivity(state.poolVersion(), null, rolloutTo(state), rolloutStep(state), state.failedVersions(),
        state.relayAddition() == null ? List.of() : List.of(state.relayAddition().node()), List.of());
  }

  private static NodeVersion rolloutTo(ControlState state) {
    return state.rollout() == null ? null : state.rollout().to();
  }

  private static String rolloutStep(ControlState state) {
    return state.rollout() == null ? null : state.rollout().current();
  }

  /** The failure record of {@code version}, if it failed a rollout. */
  public Optional<FailedVersion> failure(NodeVersion version) {
    return failedVersions.stream().filter(f -> f.version().equals(version)).findFirst();
  }

  /**
   * Whether the pool is asked for another version than it runs and no rollout shows it yet (it is about to start). A
   * target that failed a rollout is settled, not moving: the pool stays on the version it runs.
   */
  public boolean moving() {
    return rolloutTo == null && target != null && running != null && !target.equals(running)
        && failure(target).isEmpty();
  }

  /**
   * What runs now that another change must wait for, in one wording for every runtime: a rollout, a relay being
   * added or removed, a rollout about to start.
   *
   * @return what runs, or empty when the pool is settled
   */
  public Optional<String> busy() {
    if (rolloutTo != null) {
      return Optional.of("a rollout to " + rolloutTo + " is in progress");
    }
    if (!relaysAdding.isEmpty()) {
      return Optional.of("relay " + relaysAdding.get(0) + " is being added");
    }
    if (!relaysRemoving.isEmpty()) {
      return Optional.of("relay " + relaysRemoving.get(0) + " is being removed");
    }
    if (moving()) {
      return Optional.of("a rollout to " + target + " is in progress (starting, from " + running + ")");
    }
    return Optional.empty();
  }

  /**
   * Why {@code what} must wait, if something runs: {@link #busy()} and when to try again.
   *
   * @param what the command, as the refusal names it ({@code "upgrade"}, {@code "add the relay"}, ...)
   * @return the refusal, or empty when the pool is settled
   */
  public Optional<String> busyFor(String what) {
    return busy().map(b -> b + "; " + what + " after it");
  }
}
