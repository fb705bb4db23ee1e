package io.palisade.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.palisade.agent.KesWarning;
import io.palisade.control.ControlState;
import io.palisade.control.FailedVersion;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.RolloutRecord;
import io.palisade.control.RolloutState;
import io.palisade.control.StateJson;
import io.palisade.deploy.model.PoolNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a StakePool's status from the control state and what was observed: the four conditions with CamelCase
 * reasons, the node, rollout and failed-version views, and the control state itself. Pure; a condition keeps its
 * {@code lastTransitionTime} while its status does not change.
 */
public final class StatusBuilder {
  /** Condition: every node ready, nothing in progress. */
  public static final String READY = "Ready";
  /** Condition: a rollout or a relay addition is running. */
  public static final String PROGRESSING = "Progressing";
  /** Condition: a node is not ready or failed, or the last rollout was rolled back. */
  public static final String DEGRADED = "Degraded";
  /** Condition: the operational certificate expires within 10 days (or has). */
  public static final String KES_EXPIRING = "KESExpiring";

  private StatusBuilder() {}

  /**
   * The status of a StakePool the operator runs.
   *
   * @param pool the resource (its generation and previous status)
   * @param names the pool's names
   * @param state the control state after this pass
   * @param observed this pass's observations
   * @param kes the operational certificate's judgement
   * @param images the image of each version to remember
   * @param now the time
   * @return the new status
   */
  public static StakePoolStatus running(StakePool pool, PoolNames names, ControlState state,
      Map<String, NodeObservation> observed, KesCheck kes, Map<String, String> images, Instant now) {
    StakePoolStatus previous = pool.getStatus();
    List<Condition> before = previous == null || previous.conditions == null ? List.of() : previous.conditions;
    Long generation = pool.getMetadata().getGeneration();
    StakePoolStatus s = new StakePoolStatus();
    s.observedGeneration = generation;
    s.poolVersion = state.poolVersion().toString();
    s.targetVersion = pool.getSpec().node.version;
    s.nodeImages = new java.util.TreeMap<>(images);
    s.control = toJson(state);
    s.nodes = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (MemberState m : state.members()) {
      NodeObservation o = observed.get(m.name());
      StakePoolStatus.NodeView v = new StakePoolStatus.NodeView();
      v.name = m.name();
      v.role = m.ref().role().name();
      v.region = m.ref().region();
      v.pod = names.podName(m.ref());
      v.version = m.version().toString();
      v.podVersion = o == null || o.version() == null ? null : o.version().toString();
      v.phase = m.phase().name();
      v.ready = o != null && o.ready();
      v.admitted = m.admitted();
      v.peers = m.topology();
      v.reason = o == null ? null : o.reasonText();
      v.lastFailure = m.lastFailure();
      s.nodes.add(v);
      if (m.phase() == MemberState.Phase.FAILED) {
        failed.add(m.name());
      } else if (!v.ready) {
        notReady.add(m.name());
      }
    }
    s.rollout = rolloutView(state.rollout());
    s.failedVersions = state.failedVersions().stream().map(StatusBuilder::failedView).toList();
    if (s.failedVersions.isEmpty()) {
      s.failedVersions = null;
    }

    List<Condition> conditions = new ArrayList<>();
    RolloutState r = state.rollout();
    boolean progressing = r != null || state.relayAddition() != null;
    String progressReason;
    String progressMessage;
    if (r != null && r.phase() == RolloutState.Phase.ROLLING_BACK) {
      progressReason = "RollingBack";
      progressMessage = "rolling back the upgrade to " + r.to() + ": " + r.failure();
    } else if (r != null) {
      progressReason = "RolloutInProgress";
      progressMessage = "upgrading from " + r.from() + " to " + r.to() + ": " + r.done().size() + " of "
          + r.order().size() + " node(s) done" + (r.current() == null ? "" : ", now " + r.current())
          + (r.waitingFor() == null ? "" : "; " + r.waitingFor());
    } else if (state.relayAddition() != null) {
      progressReason = "RelayBeingAdded";
      progressMessage = "adding relay " + state.relayAddition().node() + "; it joins the block producer's topology"
          + " once ready";
    } else {
      progressReason = "Idle";
      progressMessage = "every node runs " + state.poolVersion();
    }
    conditions.add(condition(before, PROGRESSING, progressing, progressReason, progressMessage, generation, now));

    RolloutRecord last = state.history().isEmpty() ? null : state.history().get(state.history().size() - 1);
    boolean refused = !progressing && state.failure(io.palisade.spec.NodeVersion.parse(s.targetVersion)).isPresent()
        && !s.targetVersion.equals(s.poolVersion);
    String degradedReason;
    String degradedMessage;
    boolean degraded;
    if (!failed.isEmpty()) {
      degraded = true;
      degradedReason = "NodeFailed";
      degradedMessage = String.join(", ", failed) + " failed and is left for the operator";
    } else if (refused) {
      degraded = true;
      FailedVersion f = state.failure(io.palisade.spec.NodeVersion.parse(s.targetVersion)).orElseThrow();
      degradedReason = "VersionFailed";
      degradedMessage = "version " + f.version() + " failed on " + f.node() + " (" + f.reason() + ") and was rolled"
          + " back; the pool runs " + state.poolVersion() + ". It is not retried automatically: set"
          + " spec.node.version to another version, or retry explicitly";
    } else if (!notReady.isEmpty() && !progressing) {
      degraded = true;
      degradedReason = "NodesNotReady";
      degradedMessage = "not ready: " + String.join(", ", notReady);
    } else {
      degraded = false;
      degradedReason = last != null && last.outcome() == RolloutRecord.Outcome.ROLLED_BACK && !progressing
          ? "RecoveredFromRollback" : "NodesHealthy";
      degradedMessage = notReady.isEmpty() ? "every node is ready" : "not ready while in progress: "
          + String.join(", ", notReady);
    }
    conditions.add(condition(before, DEGRADED, degraded, degradedReason, degradedMessage, generation, now));

    boolean ready = notReady.isEmpty() && failed.isEmpty() && !progressing;
    conditions.add(condition(before, READY, ready, ready ? "PoolReady" : progressing ? progressReason
        : failed.isEmpty() ? "NodesNotReady" : "NodeFailed", ready ? "every node is ready on " + state.poolVersion()
        : progressing ? progressMessage : degradedMessage, generation, now));

    KesWarning w = kes.warning();
    if (w == null) {
      conditions.add(condition(before, KES_EXPIRING, null, "OperationalCertificateUnknown", kes.message(),
          generation, now));
    } else {
      String reason = switch (w) {
        case NONE -> "KesValid";
        case WITHIN_10_DAYS -> "KesExpiresWithin10Days";
        case WITHIN_5_DAYS -> "KesExpiresWithin5Days";
        case WITHIN_1_DAY -> "KesExpiresWithin1Day";
        case EXPIRED -> "KesExpired";
      };
      conditions.add(condition(before, KES_EXPIRING, w != KesWarning.NONE, reason, kes.message(), generation, now));
    }
    s.conditions = conditions;
    return s;
  }

  /**
   * The status of a StakePool whose spec was refused: Ready False with reason {@code InvalidSpec}, every error with
   * its field path; the control state and images of a pool that ran before are kept (a bad edit loses nothing).
   *
   * @param pool the resource
   * @param errors the errors
   * @param now the time
   * @return the status
   */
  public static StakePoolStatus invalid(StakePool pool, List<String> errors, Instant now) {
    StakePoolStatus previous = pool.getStatus();
    StakePoolStatus s = previous == null ? new StakePoolStatus() : copy(previous);
    List<Condition> before = previous == null || previous.conditions == null ? List.of() : previous.conditions;
    Long generation = pool.getMetadata().getGeneration();
    s.observedGeneration = generation;
    s.specErrors = List.copyOf(errors);
    String message = "the spec was refused; nothing was changed: " + String.join("; ", errors);
    List<Condition> conditions = new ArrayList<>();
    conditions.add(condition(before, READY, false, "InvalidSpec", message, generation, now));
    conditions.add(condition(before, PROGRESSING, false, "InvalidSpec", message, generation, now));
    conditions.add(condition(before, DEGRADED, true, "InvalidSpec", message, generation, now));
    before.stream().filter(c -> KES_EXPIRING.equals(c.getType())).findFirst().ifPresent(conditions::add);
    s.conditions = conditions;
    return s;
  }

  /**
   * The status after a pass failed for another reason than the spec (the API server refused a write, ...): Ready
   * False with reason {@code ReconcileFailed}; everything else as it was.
   *
   * @param pool the resource
   * @param error what failed
   * @param now the time
   * @return the status
   */
  public static StakePoolStatus failed(StakePool pool, String error, Instant now) {
    StakePoolStatus previous = pool.getStatus();
    StakePoolStatus s = previous == null ? new StakePoolStatus() : copy(previous);
    List<Condition> before = previous == null || previous.conditions == null ? List.of() : previous.conditions;
    List<Condition> conditions = new ArrayList<>();
    for (Condition c : before) {
      if (!READY.equals(c.getType())) {
        conditions.add(c);
      }
    }
    conditions.add(0, condition(before, READY, false, "ReconcileFailed", error, pool.getMetadata().getGeneration(),
        now));
    s.conditions = conditions;
    return s;
  }

  /** The control state kept in a status, or null when there is none. */
  public static ControlState controlState(StakePoolStatus status) {
    if (status == null || status.control == null || status.control.isNull()) {
      return null;
    }
    try {
      return StateJson.MAPPER.treeToValue(status.control, ControlState.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status.control is not a control state: " + e.getOriginalMessage(), e);
    }
  }

  /** The control state as the status holds it. */
  public static JsonNode toJson(ControlState state) {
    return StateJson.MAPPER.valueToTree(state);
  }

  /** A condition; its transition time is kept from {@code before} when its status is unchanged. */
  static Condition condition(List<Condition> before, String type, Boolean value, String reason, String message,
      Long generation, Instant now) {
    String status = value == null ? "Unknown" : value ? "True" : "False";
    String since = before.stream().filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(now.toString());
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).withLastTransitionTime(since).build();
  }

  private static StakePoolStatus.RolloutView rolloutView(RolloutState r) {
    if (r == null) {
      return null;
    }
    StakePoolStatus.RolloutView v = new StakePoolStatus.RolloutView();
    v.from = r.from().toString();
    v.to = r.to().toString();
    v.phase = r.phase().name();
    v.current = r.current();
    v.done = r.done();
    v.order = r.order();
    v.waitingFor = r.waitingFor();
    v.failure = r.failure();
    v.startedAt = r.startedAt() == null ? null : r.startedAt().toString();
    return v;
  }

  private static StakePoolStatus.FailedVersionView failedView(FailedVersion f) {
    StakePoolStatus.FailedVersionView v = new StakePoolStatus.FailedVersionView();
    v.version = f.version().toString();
    v.at = f.at().toString();
    v.node = f.node();
    v.reason = f.reason();
    return v;
  }

  private static StakePoolStatus copy(StakePoolStatus p) {
    StakePoolStatus s = new StakePoolStatus();
    s.observedGeneration = p.observedGeneration;
    s.conditions = p.conditions;
    s.poolVersion = p.poolVersion;
    s.targetVersion = p.targetVersion;
    s.nodes = p.nodes;
    s.rollout = p.rollout;
    s.failedVersions = p.failedVersions;
    s.nodeImages = p.nodeImages;
    s.specErrors = p.specErrors;
    s.control = p.control;
    s.maintenance = p.maintenance;
    return s;
  }
}
