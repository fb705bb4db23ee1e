package io.palisade.control;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Fake nodes behind the runtime port, on a fake clock: a started node is ready {@link #readyAfter} later unless a
 * fault says otherwise. Records every call so tests can check what the controller asked for.
 */
final class FakeNodes implements NodeRuntime {
  /** One fake node. */
  static final class Node {
    final NodeRef ref;
    boolean running;
    boolean hung;
    NodeVersion version;
    Instant startedAt;
    List<String> peers = List.of();
    int starts;

    Node(NodeRef ref) {
      this.ref = ref;
    }
  }

  final Map<String, Node> nodes = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  Instant now;
  Duration readyAfter = Duration.ofSeconds(5);
  /** (node, version) pairs that never become ready. */
  BiPredicate<String, NodeVersion> neverReady = (n, v) -> false;
  /** Versions that crash right after starting. */
  final Set<NodeVersion> crashing = new HashSet<>();
  final Map<String, Boolean> crashOnNextObserve = new HashMap<>();

  FakeNodes(Instant now) {
    this.now = now;
  }

  Node node(String name) {
    return nodes.get(name);
  }

  @Override
  public void start(NodeRef ref, NodeVersion version) {
    Node n = nodes.computeIfAbsent(ref.name(), k -> new Node(ref));
    if (pending.containsKey(ref.name())) {
      n.peers = pending.remove(ref.name());
    }
    calls.add("start " + ref.name() + " " + version);
    boot(n, version);
  }

  @Override
  public void stop(String nodeName) {
    calls.add("stop " + nodeName);
    Node n = nodes.get(nodeName);
    if (n != null) {
      n.running = false;
    }
  }

  @Override
  public void restart(NodeRef ref, NodeVersion version) {
    calls.add("restart " + ref.name() + " " + version);
    Node n = nodes.computeIfAbsent(ref.name(), k -> new Node(ref));
    boot(n, version);
  }

  @Override
  public void wipeVolume(NodeRef ref, NodeVersion version) {
    calls.add("wipe " + ref.name() + " " + version);
    Node n = nodes.computeIfAbsent(ref.name(), k -> new Node(ref));
    boot(n, version);
  }

  /** The node's process starts on {@code version} now (a start, restart or wipe). */
  private void boot(Node n, NodeVersion version) {
    n.running = true;
    n.hung = false;
    n.version = version;
    n.startedAt = now;
    n.starts++;
  }

  /** The producer the last {@link #moveForging} asked for, and when; null when none is pending. */
  String moveRequestedTo;
  Instant moveRequestedAt;

  @Override
  public void moveForging(String nodeName) {
    calls.add("move forging to " + nodeName);
    moveRequestedTo = nodeName;
    moveRequestedAt = now;
  }

  @Override
  public void setTopology(String nodeName, List<String> peers) {
    calls.add("topology " + nodeName + " " + peers);
    Node n = nodes.get(nodeName);
    if (n == null) {
      // A node gets its topology before its first start; the fake learns its ref at start.
      pending.put(nodeName, List.copyOf(peers));
    } else {
      n.peers = List.copyOf(peers);
    }
  }

  private final Map<String, List<String>> pending = new HashMap<>();

  List<String> peersOf(String name) {
    Node n = nodes.get(name);
    return n != null ? n.peers : pending.getOrDefault(name, List.of());
  }

  @Override
  public List<RuntimeNode> list() {
    return nodes.values().stream().map(n -> new RuntimeNode(n.ref, n.version, n.running, n.running ? "fake" : null))
        .toList();
  }

  @Override
  public Map<String, NodeObservation> observe() {
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    for (Node n : nodes.values()) {
      if (n.running && crashing.contains(n.version)) {
        n.running = false;
      }
      if (!n.running) {
        out.put(n.ref.name(), NodeObservation.down(n.ref.name(), now, "process exited"));
        continue;
      }
      if (n.hung) {
        out.put(n.ref.name(), new NodeObservation(n.ref.name(), now, true, true, false, false, HealthState.DOWN,
            n.version, null, null, List.of("metrics do not answer")));
        continue;
      }
      boolean replayed = !now.isBefore(n.startedAt.plus(readyAfter));
      boolean ready = replayed && !neverReady.test(n.ref.name(), n.version);
      HealthState state = ready ? HealthState.SYNCED : replayed ? HealthState.SYNCING : HealthState.STARTING;
      out.put(n.ref.name(), new NodeObservation(n.ref.name(), now, true, replayed, true, ready, state, n.version,
          null, null, List.of(state.name().toLowerCase(java.util.Locale.ROOT))));
    }
    return out;
  }
}
