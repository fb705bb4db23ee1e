package io.palisade.control;

import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an operator's command may run on a pool now: an upgrade, a relay add, a restart, a removal. Pure, the same
 * rules and the same wording for every runtime: the single-host runtime, the operator's {@code StakePools} (the CLI's
 * {@code relay add --kubernetes}) and the console's gateways all ask here before they act, and the runtime asks again
 * whatever the console decided days earlier. What each runtime then does to carry a command out (a desired version,
 * a StakePool's spec) stays in the runtime; the destructive changes themselves are {@link PoolChanges}'.
 *
 * <p>Rules:
 * <ul>
 *   <li>An upgrade goes to a version Palisade can configure on the pool's network, and to an older version than the
 *       pool runs only when the operator allows a downgrade ({@link VersionRule}).
 *   <li>One change at a time: nothing starts while a rollout runs, a relay is being added or removed, or a rollout is
 *       about to start ({@link PoolActivity#busy()}).
 *   <li>An upgrade to the version the pool runs changes nothing; if the pool was asked for another version that then
 *       failed, it sets the target back.
 *   <li>A version that failed a rollout is never retried by itself: only an explicit retry (where the runtime has
 *       one) rolls it out again.
 *   <li>The node a rollout is stepping is not restarted behind its back.
 * </ul>
 *
 * <pre>{@code
 * PoolCommands.Verdict v = PoolCommands.upgrade(PoolActivity.of(state, desired), version, rule, retry, "pass --retry");
 * if (!v.accepted()) return refused(v.message());
 * }</pre>
 */
public final class PoolCommands {
  private PoolCommands() {}

  /**
   * What a command came to.
   *
   * @param kind go ahead (and how), or refused
   * @param message why it was refused, or what setting the target back means; empty when it simply goes ahead (the
   *     runtime says what it did)
   */
  public record Verdict(Kind kind, String message) {
    /** Checks the fields. */
    public Verdict {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }

    /** How a command goes ahead, or that it does not. */
    public enum Kind {
      /** Refused: nothing may change. */
      REFUSED,
      /** Goes ahead. */
      GO,
      /** An upgrade that goes ahead to a version that failed before: the runtime forgets that failure first. */
      RETRY,
      /** An upgrade to the version the pool runs, after another target failed: the target is set back to it. */
      SET_BACK
    }

    /** Whether the command goes ahead. */
    public boolean accepted() {
      return kind != Kind.REFUSED;
    }

    static Verdict refused(String why) {
      return new Verdict(Kind.REFUSED, why);
    }

    static Verdict go() {
      return new Verdict(Kind.GO, "");
    }
  }

  /**
   * Whether the pool may be upgraded to {@code version} now.
   *
   * @param activity what the pool does now
   * @param version the version asked for
   * @param rule which versions the pool may go to (its network's floor; downgrades only when allowed)
   * @param retry whether the operator explicitly asked to try a failed version again
   * @param howToRetry how to ask for a retry on this runtime, appended to the refusal of a failed version
   * @return the verdict
   */
  public static Verdict upgrade(PoolActivity activity, NodeVersion version, VersionRule rule, boolean retry,
      String howToRetry) {
    Objects.requireNonNull(version, "version");
    // A version no configuration exists for is refused whatever the pool does: nothing could ever start on it.
    Optional<String> tooOld = rule.unconfigurable(version);
    if (tooOld.isPresent()) {
      return Verdict.refused(tooOld.get());
    }
    Optional<String> busy = activity.busyFor("upgrade");
    if (busy.isPresent()) {
      return Verdict.refused(busy.get());
    }
    if (version.equals(activity.running())) {
      if (activity.target() != null && !activity.target().equals(version)) {
        return new Verdict(Verdict.Kind.SET_BACK, "the target is set back to " + version + ", which the pool runs"
            + " (" + activity.target() + " failed)");
      }
      return Verdict.refused("the pool already runs " + version + "; nothing changed");
    }
    Optional<String> refused = rule.downgradeRefusal(version, activity.running());
    if (refused.isPresent()) {
      return Verdict.refused(refused.get());
    }
    Optional<FailedVersion> failed = activity.failure(version);
    if (failed.isPresent()) {
      if (!retry) {
        FailedVersion f = failed.get();
        return Verdict.refused("version " + version + " failed a rollout on " + f.node() + " (" + f.reason()
            + ") and is never retried by itself; " + howToRetry);
      }
      return new Verdict(Verdict.Kind.RETRY, "");
    }
    return Verdict.go();
  }

  /**
   * Whether a relay may be added now.
   *
   * @param activity what the pool does now
   * @return the verdict
   */
  public static Verdict addRelay(PoolActivity activity) {
    return activity.busyFor("add the relay").map(Verdict::refused).orElseGet(Verdict::go);
  }

  /**
   * Whether {@code node} may be restarted now (also one reported FAILED).
   *
   * @param activity what the pool does now
   * @param node the node's name (a member: the caller checks)
   * @return the verdict
   */
  public static Verdict restartNode(PoolActivity activity, String node) {
    if (node.equals(activity.rolloutStep())) {
      return Verdict.refused(node + " is the current step of the rollout to " + activity.rolloutTo()
          + "; the rollout restarts it");
    }
    return Verdict.go();
  }

  /**
   * Whether {@code node} may be removed now, and how: this command's rules (a relay-only removal takes relays only;
   * one change at a time, pending changes included), then {@link PoolChanges#removeNode}'s.
   *
   * @param activity what the pool does now
   * @param state the control state
   * @param observed the latest observations
   * @param node the node's name
   * @param relayOnly whether only a relay may be removed (the console's "remove relay")
   * @param mainnet whether the pool is on mainnet (its floors apply)
   * @param now the clock's time
   * @return the outcome, with the decision to apply when accepted
   * @throws NoSuchElementException if the pool has no such node
   */
  public static PoolChanges.Outcome removeNode(PoolActivity activity, ControlState state,
      Map<String, NodeObservation> observed, String node, boolean relayOnly, boolean mainnet, Instant now) {
    MemberState m = state.member(node).orElseThrow(() -> new NoSuchElementException("no node named " + node));
    if (relayOnly && m.ref().role() != NodeRole.RELAY) {
      return PoolChanges.Outcome.refused(node + " is not a relay");
    }
    if (!m.ref().isBlockProducer()) {
      Optional<String> busy = activity.busyFor("remove " + node);
      if (busy.isPresent()) {
        return PoolChanges.Outcome.refused(busy.get());
      }
    }
    return PoolChanges.removeNode(state, observed, node, mainnet, now);
  }
}
