package io.palisade.console.web;

import io.palisade.console.charts.PoolHistory;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolIdentity;
import io.palisade.gateway.PoolSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows of the pool, formatted once (pure): the banner, every node with the why of its verdict, and
 * the leader slots. The page renders it, and {@code GET /dashboard.json} serves the same for the page's live updates.
 *
 * @param banner the pool-level banner
 * @param nodes every node, block producer first
 * @param slots the leader slots
 * @param observedAt when the gateway observed the pool
 * @param now the console's time
 * @param charts the pictures over time (SVG): tip gap and hot peers per node, KES countdown, rollout steps
 * @param producer which block producer forges (the producer lease) and the standby's state
 */
record DashboardView(Banner banner, List<Node> nodes, SlotStrip slots, String observedAt, String now,
    ChartsView charts, ProducerPanel producer) {

  /**
   * The pool at a glance.
   *
   * @param name the pool's name, or "unknown pool"
   * @param network the network, or "network unknown"
   * @param poolId the bech32 pool id, or "pool id unknown"
   * @param simulated whether the pool runs simulated nodes (the SIMULATED NODES badge)
   * @param nodeKind the nodes in words ("simulated nodes", "cardano-node", "nodes of unknown kind")
   * @param connected whether the console reaches the pool
   * @param healthy whether the pool is healthy
   * @param health {@code HEALTHY} or {@code NOT HEALTHY}
   * @param healthWhy one line: what is wrong, or that every node is ready
   */
  record Banner(String name, String network, String poolId, boolean simulated, String nodeKind, boolean connected,
      boolean healthy, String health, String healthWhy) {}

  /**
   * One node.
   *
   * @param name its name
   * @param role block producer or relay (with its region)
   * @param state its verdict
   * @param stateClass the verdict's colour class
   * @param why the agent's reason in short (the first reason, or what the verdict means)
   * @param whyFull every reason, for the details on demand; empty when {@code why} says it all
   * @param tip its tip slot
   * @param gap slots behind the chain clock
   * @param peers connected peers
   * @param version the cardano-node version it runs
   * @param kesLeft KES periods left (block producer)
   * @param kesExpiry when its operational certificate expires (block producer)
   */
  record Node(String name, String role, String state, String stateClass, String why, String whyFull, String tip,
      String gap, int peers, String version, String kesLeft, String kesExpiry) {}

  /** A short why is cut here; the whole reason is one click away. */
  static final int SHORT_WHY = 90;

  static DashboardView of(PoolSnapshot s, Instant now) {
    return of(s, new PoolHistory(), now);
  }

  static DashboardView of(PoolSnapshot s, PoolHistory history, Instant now) {
    PoolIdentity id = s.pool();
    PoolHealth health = PoolHealth.of(s);
    Banner banner = new Banner(id.name().isEmpty() ? "unknown pool" : id.name(),
        id.network().isEmpty() ? "network unknown" : id.network(), id.poolId().isEmpty() ? "pool id unknown"
        : id.poolId(), id.simulated(), switch (id.nodes()) {
          case SIMULATED -> "simulated nodes";
          case CARDANO_NODE -> "cardano-node";
          case UNKNOWN -> "nodes of unknown kind";
        }, s.connected(), health.healthy(), health.healthy() ? "HEALTHY" : "NOT HEALTHY", health.summary());
    return new DashboardView(banner, s.nodes().stream().map(DashboardView::node).toList(),
        SlotStrip.of(s.leaderSlots(), now), Formats.instant(s.observedAt()), Formats.instant(now),
        ChartsView.of(s, history, now), ProducerPanel.of(s, now));
  }

  static Node node(NodeStatus n) {
    String all = String.join("; ", n.reasons());
    String why = n.reasons().isEmpty() ? meaning(n.state()) : shorten(n.reasons().get(0));
    String full = n.reasons().size() > 1 || !why.equals(all) ? all : "";
    return new Node(n.name(), n.role().name().toLowerCase().replace('_', ' ')
        + (n.region().isEmpty() ? "" : " (" + n.region() + ")"), n.state().name(),
        "state-" + n.state().name().toLowerCase(), why, full,
        n.tipSlot().isPresent() ? Long.toString(n.tipSlot().getAsLong()) : "-",
        n.slotGap().isPresent() ? n.slotGap().getAsLong() + " slots" : "-", n.peers(), n.version(),
        n.kesPeriodsLeft().isPresent() ? Long.toString(n.kesPeriodsLeft().getAsLong()) : "-",
        n.kesExpiry().map(Formats::instant).orElse("-"));
  }

  private static String shorten(String reason) {
    return reason.length() <= SHORT_WHY ? reason : reason.substring(0, SHORT_WHY - 3) + "...";
  }

  /** What a verdict means when the runtime gave no reason (a ready node has none). */
  static String meaning(NodeState state) {
    return switch (state) {
      case READY -> "at the tip and serving";
      case STARTING -> "started, not answering yet";
      case SYNCING -> "replaying or catching up with the chain";
      case DEGRADED -> "running, but failing a check";
      case DOWN -> "not running";
      case STOPPED -> "stopped on purpose";
      case UNKNOWN -> "no recent observation";
    };
  }
}
