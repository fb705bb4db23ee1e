package io.palisade.runtime.local;

import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.PlannedAction;
import io.palisade.control.PoolActivity;
import io.palisade.control.PoolChanges;
import io.palisade.control.PoolCommands;
import io.palisade.control.PoolController;
import io.palisade.control.VersionRule;
import io.palisade.control.api.ActionResult;
import io.palisade.deploy.model.NetworkEnvironment;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.binding.DurationText;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The operator's commands on this host, run on the control loop's thread: control's guard rails decide
 * ({@link PoolCommands}, {@link PoolChanges}), then the request is recorded in {@code desired.json} (before anything
 * acts on it, so a crash finishes it at the next start) and the decision applied.
 */
final class LocalCommands {
  private final PoolSpec spec;
  private final LoopState loop;
  private final LocalRuntime runtime;
  private final PoolController controller;
  private final DecisionApplier applier;
  private final MaintenanceGate gate;
  private final ProducerStops stops;
  private final Clock clock;

  LocalCommands(PoolSpec spec, LoopState loop, LocalRuntime runtime, PoolController controller,
      DecisionApplier applier, MaintenanceGate gate, EventHub events, Clock clock) {
    this.gate = gate;
    this.stops = new ProducerStops(gate, events::record);
    this.spec = spec;
    this.loop = loop;
    this.runtime = runtime;
    this.controller = controller;
    this.applier = applier;
    this.clock = clock;
  }

  ActionResult upgrade(NodeVersion version, boolean retry, boolean allowDowngrade) throws IOException {
    PoolActivity activity = loop.activity();
    VersionRule rule = new VersionRule(NetworkEnvironment.floor(spec.network()), allowDowngrade,
        "pass --allow-downgrade if you mean it");
    PoolCommands.Verdict v = PoolCommands.upgrade(activity, version, rule, retry, "pass --retry to try it again");
    switch (v.kind()) {
      case REFUSED:
        return refused(v.message());
      case SET_BACK:
        loop.saveDesired(loop.desired().withVersion(version));
        return new ActionResult(true, v.message(), null);
      case RETRY:
        loop.saveState(loop.current().withoutFailure(version));
        break;
      case GO:
      default:
        break;
    }
    loop.saveDesired(loop.desired().withVersion(version));
    return new ActionResult(true, (VersionRule.downgrade(version, activity.running()) ? "a DOWNGRADE from "
        + activity.running() + ": " : "") + "rolling out " + version + " one node at a time: relays region by region, the"
        + " block producer last; a node not ready within " + DurationText.format(loop.desiredPool().upgrade()
        .deadlinePerNode()) + " is rolled back", null);
  }

  ActionResult addRelay(String region) throws IOException {
    ControlState s = loop.current();
    PoolCommands.Verdict v = PoolCommands.addRelay(loop.activity());
    if (!v.accepted()) {
      return refused(v.message());
    }
    LocalDesired desired = loop.desired();
    DesiredPool more = loop.desiredPool().withRelayIn(region, desired.removedNodes());
    NodeRef relay = more.lastRelayIn(region);
    loop.saveDesired(desired.withRelay(relay));
    runtime.register(more.nodes());
    boolean newRegion = spec.relayGroup(region).isEmpty()
        && loop.desired().addedRelays().stream().filter(r -> r.region().equals(region)).count() == 1;
    return new ActionResult(true, "adding " + relay.name() + (newRegion ? " (a new region)" : "") + " on "
        + s.poolVersion() + "; it joins the block producer's topology once ready", relay.name());
  }

  ActionResult restartNode(String node) throws IOException {
    ControlState s = loop.current();
    if (s.member(node).isEmpty()) {
      throw new NoSuchElementException("no node named " + node);
    }
    PoolCommands.Verdict v = PoolCommands.restartNode(loop.activity(), node);
    if (!v.accepted()) {
      return refused(v.message());
    }
    Instant now = clock.instant();
    boolean producer = s.member(node).get().ref().isBlockProducer();
    boolean keyless = false;
    if (producer) {
      // Leader-aware: a running producer that forges is restarted only once forging moved off it, or in a free
      // window; one already down or keyless at once.
      ProducerStops.Admission a = stops.admit(PlannedAction.RESTART, node, s, loop.observed(), now);
      if (!a.now()) {
        gate.queueRestart(node, now);
        return new ActionResult(true, "the restart of " + node + " is queued, " + a.waiting(), node);
      }
      keyless = a.keyless();
    }
    applier.apply(controller.restartNode(s, node, now));
    return new ActionResult(true, "restarting " + node + (keyless ? keyless(node) : ""), node);
  }

  ActionResult removeNode(String node, boolean relayOnly) throws IOException {
    ControlState s = loop.current();
    PoolChanges.Outcome o = PoolCommands.removeNode(loop.activity(), s, loop.observed(), node, relayOnly,
        spec.network().isMainnet(), clock.instant());
    if (!o.accepted()) {
      return refused(o.message());
    }
    // Desired first: if the control plane dies after this line, the next start finishes the removal.
    loop.saveDesired(loop.desired().withoutNode(node));
    List<String> failures = applier.apply(o.decision());
    runtime.forget(node);
    return failures.isEmpty() ? new ActionResult(true, o.message(), node)
        : new ActionResult(false, node + " was removed from the pool, but: " + String.join("; ", failures), node);
  }

  ActionResult deleteVolume(String node) throws IOException {
    Instant now = clock.instant();
    ControlState s = loop.current();
    PoolChanges.Outcome o = PoolChanges.deleteVolume(s, loop.observed(), node, now);
    if (!o.accepted()) {
      return refused(o.message());
    }
    boolean producer = s.member(node).map(m -> m.ref().isBlockProducer()).orElse(false);
    boolean keyless = false;
    if (producer) {
      // Leader-aware: deleting a forging producer's database stops it for a whole resync: forging moves off it
      // first, or it waits for a free window.
      ProducerStops.Admission a = stops.admit(PlannedAction.VOLUME_DELETION, node, s, loop.observed(), now);
      if (!a.now()) {
        gate.queueVolumeDeletion(node, now);
        return new ActionResult(true, "the volume deletion of " + node + " is queued, " + a.waiting(), node);
      }
      keyless = a.keyless();
    }
    List<String> failures = applier.apply(o.decision());
    return failures.isEmpty() ? new ActionResult(true, o.message() + (keyless ? keyless(node) : ""), node)
        : new ActionResult(false, String.join("; ", failures), node);
  }

  /** Why a producer's planned action did not wait for a window. */
  private String keyless(String node) {
    return " (it forges nothing, the lease is with " + gate.holder() + ": it waits for no free window)";
  }

  static ActionResult refused(String message) {
    return new ActionResult(false, message, null);
  }
}
