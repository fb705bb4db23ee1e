package io.palisade.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Drives {@link PoolController} against {@link FakeNodes} on a fake clock, one pass per tick. */
final class ControlSim {
  final FakeNodes nodes;
  final PoolController controller;
  DesiredPool desired;
  ControlState state;
  final List<ControlEvent> events = new ArrayList<>();
  final List<Decision> decisions = new ArrayList<>();
  /** The observations each decision was made from, index for index. */
  final List<java.util.Map<String, NodeObservation>> observations = new ArrayList<>();
  /** The lease each decision was made with, index for index. */
  final List<ForgingLease> leases = new ArrayList<>();
  Duration tick = Duration.ofSeconds(1);
  /** Leader-aware maintenance: ungated unless a test sets a calendar. */
  ForgingWindow window = ForgingWindow.UNGATED;
  /** The producer lease of a pool with a standby, as the runtime reports it; null: none known. */
  ForgingLease lease;
  /** How long a requested move of forging takes to show in {@link #lease}; null: it never completes. */
  Duration moveTakes = Duration.ofSeconds(3);

  ControlSim(DesiredPool desired, HealingPolicy healing, Instant start) {
    this(desired, healing, start, RolloutOrder.LOWEST_ORDINAL_FIRST);
  }

  ControlSim(DesiredPool desired, HealingPolicy healing, Instant start, RolloutOrder order) {
    this.desired = desired;
    this.nodes = new FakeNodes(start);
    this.controller = new PoolController(healing, order);
  }

  Instant now() {
    return nodes.now;
  }

  /** One pass: observe, decide, apply; then the clock moves one tick. */
  Decision pass() {
    if (nodes.moveRequestedTo != null && moveTakes != null && lease != null
        && !nodes.now.isBefore(nodes.moveRequestedAt.plus(moveTakes))) {
      if (!lease.holder().equals(nodes.moveRequestedTo)) {
        lease = new ForgingLease(nodes.moveRequestedTo, lease.token() + 1);
      }
      nodes.moveRequestedTo = null;
    }
    java.util.Map<String, NodeObservation> seen = nodes.observe();
    Decision d = controller.decide(desired, seen, state, nodes.now, window, lease);
    leases.add(lease);
    observations.add(seen);
    state = d.state();
    events.addAll(d.events());
    decisions.add(d);
    d.actions().forEach(a -> a.applyTo(nodes));
    nodes.now = nodes.now.plus(tick);
    return d;
  }

  /** Passes until {@code done} holds, at most {@code limit} of simulated time. */
  void runUntil(Predicate<ControlSim> done, Duration limit) {
    Instant end = nodes.now.plus(limit);
    while (!done.test(this)) {
      if (nodes.now.isAfter(end)) {
        throw new AssertionError("not done within " + limit + "; events:\n" + eventText());
      }
      pass();
    }
  }

  void runFor(Duration d) {
    Instant end = nodes.now.plus(d);
    while (nodes.now.isBefore(end)) {
      pass();
    }
  }

  boolean allReady() {
    return state != null && nodes.observe().values().stream().allMatch(NodeObservation::ready)
        && state.members().stream().allMatch(m -> nodes.observe().containsKey(m.name()));
  }

  List<String> reasons() {
    return events.stream().map(ControlEvent::reason).toList();
  }

  String eventText() {
    StringBuilder b = new StringBuilder();
    events.forEach(e -> b.append(e).append('\n'));
    return b.toString();
  }
}
