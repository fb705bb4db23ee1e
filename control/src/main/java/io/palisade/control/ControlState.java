package io.palisade.control;

import io.palisade.spec.NodeVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the control logic remembers between passes. It is a value: the runtime persists it (atomically) after
 * every pass that changed it, so a crash of the control plane loses no rollout history and no failed version.
 *
 * @param poolVersion the version the whole pool last settled on
 * @param members every node of the pool, block producer first
 * @param rollout the rolling upgrade in progress, or null
 * @param relayAddition the relay being added, or null
 * @param failedVersions versions that failed a rollout; never retried automatically
 * @param history finished rollouts, oldest first (the last {@value #MAX_HISTORY})
 * @param refusedTarget a desired version already reported as failed (so the report is not repeated), or null
 */
public record ControlState(
    NodeVersion poolVersion,
    List<MemberState> members,
    RolloutState rollout,
    RelayAddition relayAddition,
    List<FailedVersion> failedVersions,
    List<RolloutRecord> history,
    NodeVersion refusedTarget) {

  /** How many finished rollouts the history keeps. */
  public static final int MAX_HISTORY = 50;

  /** Checks the required fields and copies the lists. */
  public ControlState {
    Objects.requireNonNull(poolVersion, "poolVersion");
    members = List.copyOf(members);
    failedVersions = failedVersions == null ? List.of() : List.copyOf(failedVersions);
    history = history == null ? List.of() : List.copyOf(history);
    if (history.size() > MAX_HISTORY) {
      history = List.copyOf(history.subList(history.size() - MAX_HISTORY, history.size()));
    }
  }

  /**
   * The state of a pool that has never run: every node new, at the desired version, in every topology.
   *
   * @param desired the desired pool
   * @return the initial state
   */
  public static ControlState initial(DesiredPool desired) {
    List<MemberState> members = desired.nodes().stream()
        .map(n -> MemberState.fresh(n, desired.version(), true))
        .toList();
    return new ControlState(desired.version(), members, null, null, List.of(), List.of(), null);
  }

  /** With these members (in this order). */
  public ControlState withMembers(List<MemberState> ms) {
    return new ControlState(poolVersion, ms, rollout, relayAddition, failedVersions, history, refusedTarget);
  }

  /**
   * With each member changed by {@code change} (a member it returns unchanged stays as it is).
   *
   * @param change what to do with each member
   * @return the state
   */
  public ControlState mapMembers(java.util.function.UnaryOperator<MemberState> change) {
    return withMembers(members.stream().map(change).toList());
  }

  /**
   * With the member named {@code name} changed by {@code change}.
   *
   * @param name the member's name
   * @param change what to do with it
   * @return the state
   */
  public ControlState withMember(String name, java.util.function.UnaryOperator<MemberState> change) {
    return mapMembers(m -> m.name().equals(name) ? change.apply(m) : m);
  }

  /** Without the members named in {@code names}. */
  public ControlState withoutMembers(java.util.Collection<String> names) {
    return withMembers(members.stream().filter(m -> !names.contains(m.name())).toList());
  }

  /** The member named {@code name}, if any. */
  public Optional<MemberState> member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The failure record of {@code version}, if it failed a rollout. */
  public Optional<FailedVersion> failure(NodeVersion version) {
    return failedVersions.stream().filter(f -> f.version().equals(version)).findFirst();
  }

  /**
   * The state after every node was stopped on purpose ({@code palisade down}): nodes are new again (so the next start
   * is not counted as a failure), failure counts start over; versions, topologies, the rollout and the history stay.
   *
   * @return the stopped state
   */
  public ControlState stopped() {
    return new ControlState(poolVersion, members.stream().map(MemberState::stopped).toList(),
        rollout == null ? null : rollout.interrupted(), relayAddition, failedVersions, history, refusedTarget);
  }

  /**
   * The state after a control-plane restart found some nodes no longer running (not adoptable): those start afresh,
   * as new nodes, without counting a failure.
   *
   * @param names the nodes that are not running
   * @return the state
   */
  public ControlState startingAfresh(java.util.Collection<String> names) {
    List<MemberState> fresh = members.stream().map(m -> names.contains(m.name()) ? m.startingAfresh() : m).toList();
    RolloutState r = rollout != null && rollout.current() != null && names.contains(rollout.current())
        ? rollout.interrupted() : rollout;
    return new ControlState(poolVersion, fresh, r, relayAddition, failedVersions, history, refusedTarget);
  }

  /**
   * The state after an operator explicitly asked to try a failed version again.
   *
   * @param version the version
   * @return the state without that failure record
   */
  public ControlState withoutFailure(NodeVersion version) {
    return new ControlState(poolVersion, members, rollout, relayAddition,
        failedVersions.stream().filter(f -> !f.version().equals(version)).toList(), history, null);
  }
}
