package io.palisade.console.charts;

import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console observed of each node over the last hours, for the dashboard's charts: a ring per node, bounded
 * in size ({@link #MAX_SAMPLES}) and age ({@link #WINDOW}), at most one sample per node every {@link #SPACING}, and
 * at most {@link #MAX_NODES} nodes (a node the pool no longer reports is dropped with its samples). Thread-safe: the
 * console's sampler adds, dashboard views read.
 *
 * <p>It lives in memory only, on purpose: it is a picture of observations the pool can give again, not evidence. A
 * restarted console starts with empty charts (they say since when they sample); the long history belongs to
 * Prometheus, which {@code palisade render}'s rules and dashboard read. Writing it to the console's database would
 * add an fsynced write every half minute to the store whose durability the audit log and the delay depend on, for
 * nothing either needs.
 */
public final class PoolHistory {
  /** How far back the charts look. */
  public static final Duration WINDOW = Duration.ofHours(6);
  /** At most one sample per node this often. */
  public static final Duration SPACING = Duration.ofSeconds(30);
  /** Samples kept per node: the window at the spacing. */
  public static final int MAX_SAMPLES = (int) (WINDOW.toSeconds() / SPACING.toSeconds());
  /** Nodes kept at most (a pool has a handful; the bound keeps a hostile or broken gateway from growing memory). */
  public static final int MAX_NODES = 64;

  private final Map<String, Deque<Sample>> rings = new HashMap<>();

  /**
   * Records a snapshot: one sample per node at the snapshot's time, unless the node's last sample is less than
   * {@link #SPACING} older. Samples later than the snapshot are dropped first: the clock was set back, and they would
   * otherwise lie in the future and hold every new sample back until the clock passed them again. A disconnected
   * snapshot adds nothing (the charts then show a gap); nodes it no longer reports are dropped.
   *
   * @param s the snapshot
   */
  public synchronized void observe(PoolSnapshot s) {
    if (!s.connected()) {
      return;
    }
    rings.keySet().retainAll(s.nodes().stream().map(NodeStatus::name).toList());
    for (NodeStatus n : s.nodes()) {
      Deque<Sample> ring = rings.get(n.name());
      if (ring == null) {
        if (rings.size() >= MAX_NODES) {
          continue;
        }
        ring = new ArrayDeque<>();
        rings.put(n.name(), ring);
      }
      while (!ring.isEmpty() && ring.peekLast().at().isAfter(s.observedAt())) {
        ring.removeLast();
      }
      Sample last = ring.peekLast();
      if (last != null && s.observedAt().isBefore(last.at().plus(SPACING))) {
        continue;
      }
      ring.addLast(new Sample(s.observedAt(), n.slotGap(), n.peers()));
      Instant oldest = s.observedAt().minus(WINDOW);
      while (ring.size() > MAX_SAMPLES || ring.peekFirst().at().isBefore(oldest)) {
        ring.removeFirst();
      }
    }
  }

  /**
   * @param node a node's name
   * @return its samples, oldest first (empty when none)
   */
  public synchronized List<Sample> samples(String node) {
    Deque<Sample> ring = rings.get(node);
    return ring == null ? List.of() : List.copyOf(ring);
  }

  /** @return the time of the oldest sample kept (the charts start there), or null when none is */
  public synchronized Instant since() {
    return rings.values().stream().map(Deque::peekFirst).map(Sample::at).min(Instant::compareTo).orElse(null);
  }
}
