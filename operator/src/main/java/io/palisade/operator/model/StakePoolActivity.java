package io.palisade.operator.model;

import io.palisade.control.ControlState;
import io.palisade.control.FailedVersion;
import io.palisade.control.PoolActivity;
import io.palisade.spec.Names;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a StakePool is doing, for control's guard rails ({@link io.palisade.control.PoolCommands}): read from its spec
 * (what is asked for) and its status (what the operator last reported). Pure. A relay the spec declares that the
 * status does not list yet is being added; one the status lists that the spec no longer declares is being removed
 * (the operator has not acted on the change yet).
 */
public final class StakePoolActivity {
  private StakePoolActivity() {}

  /**
   * The activity of a StakePool.
   *
   * @param pool the StakePool (its spec, and its status when the operator has reported)
   * @return the activity; with nothing known (no status), a settled pool
   */
  public static PoolActivity of(StakePool pool) {
    StakePoolSpec spec = pool.getSpec();
    StakePoolStatus s = pool.getStatus();
    NodeVersion target = spec == null || spec.node == null || spec.node.version == null ? null
        : NodeVersion.parse(spec.node.version);
    if (s == null) {
      return new PoolActivity(null, target, null, null, List.of(), List.of(), List.of());
    }
    NodeVersion running = s.poolVersion == null ? null : NodeVersion.parse(s.poolVersion);
    NodeVersion rolloutTo = s.rollout == null || s.rollout.to == null ? null : NodeVersion.parse(s.rollout.to);
    String step = s.rollout == null ? null : s.rollout.current;
    List<FailedVersion> failed = new ArrayList<>();
    if (s.failedVersions != null) {
      for (StakePoolStatus.FailedVersionView f : s.failedVersions) {
        failed.add(new FailedVersion(NodeVersion.parse(f.version), time(f.at), f.node,
            f.reason == null ? "" : f.reason));
      }
    }
    Set<String> members = new LinkedHashSet<>();
    if (s.nodes != null) {
      s.nodes.stream().filter(n -> "RELAY".equals(n.role) && n.name != null).forEach(n -> members.add(n.name));
    }
    Set<String> declared = spec == null ? Set.of() : declaredRelays(spec);
    List<String> adding = new ArrayList<>();
    ControlState state = StatusBuilder.controlState(s);
    if (state != null && state.relayAddition() != null) {
      adding.add(state.relayAddition().node());
    }
    if (s.nodes != null) {
      declared.stream().filter(r -> !members.contains(r) && !adding.contains(r)).forEach(adding::add);
    }
    List<String> removing = members.stream().filter(r -> !declared.contains(r)).toList();
    return new PoolActivity(running, target, rolloutTo, step, failed, adding, removing);
  }

  /** The relays a StakePool's spec declares, by name. */
  public static Set<String> declaredRelays(StakePoolSpec spec) {
    Set<String> declared = new LinkedHashSet<>();
    if (spec.relays != null) {
      for (StakePoolSpec.RelayGroup g : spec.relays) {
        int count = g.count == null ? 1 : g.count;
        for (int i = 0; i < count; i++) {
          declared.add(Names.relayName(g.region, i));
        }
      }
    }
    return declared;
  }

  /** A failure's time as the status wrote it; a time that cannot be read says nothing the guard rails use. */
  private static Instant time(String text) {
    if (text == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
