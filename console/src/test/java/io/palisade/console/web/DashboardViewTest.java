package io.palisade.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.testing.FakePoolGateway;
import io.palisade.testing.MutableClock;
import io.palisade.gateway.LeaderSlot;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolIdentity;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.RolloutProgress;
import io.palisade.gateway.SlotOutcome;
import io.palisade.spec.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The dashboard's pure parts: the banner's health, the why of each node, the leader-slot strip. */
class DashboardViewTest {
  static final Instant T = Instant.parse("2026-12-03T14:00:00Z");

  static NodeStatus node(String name, NodeRole role, NodeState state, List<String> reasons) {
    return new NodeStatus(name, role, role == NodeRole.RELAY ? "eu" : "", state, reasons, OptionalLong.of(10),
        OptionalLong.of(0), 3, "10.5.3", OptionalLong.empty(), Optional.empty());
  }

  static PoolSnapshot pool(NodeState relay, List<String> reasons) {
    return new PoolSnapshot(T, true, List.of(node("block-producer", NodeRole.BLOCK_PRODUCER, NodeState.READY,
        List.of()), node("relay-eu-0", NodeRole.RELAY, relay, reasons)), Optional.empty(), List.of());
  }

  @Test
  void aPoolIsHealthyOnlyWhenEveryNodeIsReady_andNothingRunsOrWaits() {
    assertThat(PoolHealth.of(pool(NodeState.READY, List.of()))).isEqualTo(new PoolHealth(true,
        "every node is ready (2 nodes)"));
    PoolHealth degraded = PoolHealth.of(pool(NodeState.SYNCING, List.of("47 slots behind the tip", "2 peers")));
    assertThat(degraded.healthy()).isFalse();
    assertThat(degraded.summary()).isEqualTo("relay-eu-0 syncing (47 slots behind the tip)");

    PoolSnapshot rolling = new PoolSnapshot(T, true, pool(NodeState.READY, List.of()).nodes(),
        Optional.of(new RolloutProgress("10.6.0", "UPGRADING", 1, 2, "relay-eu-0", "")), List.of());
    assertThat(PoolHealth.of(rolling).summary()).isEqualTo("a rollout to 10.6.0 runs (1 of 2 nodes)");
    PoolSnapshot done = new PoolSnapshot(T, true, pool(NodeState.READY, List.of()).nodes(),
        Optional.of(new RolloutProgress("10.6.0", "done", 2, 2, "", "")), List.of());
    assertThat(PoolHealth.of(done).healthy()).isTrue();

    assertThat(PoolHealth.of(PoolSnapshot.disconnected(T, "no control plane runs"))).isEqualTo(
        new PoolHealth(false, "the console does not reach the pool: no control plane runs"));
  }

  @Test
  void aSlotMissedDuringAPalisadeAction_comesFirst_andAWaitingActionIsNamed() {
    PoolSnapshot s = new FakePoolGateway(new MutableClock(), Path.of("unused")).snapshot();
    PoolHealth h = PoolHealth.of(s);
    assertThat(h.healthy()).isFalse();
    assertThat(h.summary()).startsWith("1 leader slot was missed during a Palisade action this epoch; relay-us-0"
        + " degraded (only 1 peer (want 5))").endsWith("1 action waits for a free window");
  }

  @Test
  void theBannerNamesThePool_andSaysSimulatedNodes() {
    PoolSnapshot s = new FakePoolGateway(new MutableClock(), Path.of("unused")).snapshot();
    DashboardView.Banner b = DashboardView.of(s, T).banner();
    assertThat(b.name()).isEqualTo("demo");
    assertThat(b.network()).isEqualTo("preview");
    assertThat(b.poolId()).isEqualTo("pool1demo0fake0id");
    assertThat(b.simulated()).isTrue();
    assertThat(b.health()).isEqualTo("NOT HEALTHY");

    DashboardView.Banner unknown = DashboardView.of(pool(NodeState.READY, List.of()), T).banner();
    assertThat(unknown).isEqualTo(new DashboardView.Banner("unknown pool", "network unknown", "pool id unknown",
        false, "nodes of unknown kind", true, true, "HEALTHY", "every node is ready (2 nodes)"));
    assertThat(DashboardView.of(pool(NodeState.READY, List.of()).withPool(new PoolIdentity("p", "mainnet", "pool1x",
        PoolIdentity.Nodes.CARDANO_NODE)), T).banner().simulated()).isFalse();
  }

  @Test
  void eachNodeSaysWhy_shortWithTheWholeReasonOnDemand() {
    DashboardView.Node ready = DashboardView.node(node("block-producer", NodeRole.BLOCK_PRODUCER, NodeState.READY,
        List.of()));
    assertThat(ready.why()).isEqualTo("at the tip and serving");
    assertThat(ready.whyFull()).isEmpty();
    assertThat(ready.role()).isEqualTo("block producer");

    String longReason = "the tip is 4000 slots behind the chain clock: ".repeat(4);
    DashboardView.Node lagging = DashboardView.node(node("relay-eu-0", NodeRole.RELAY, NodeState.DEGRADED,
        List.of(longReason, "2 peers")));
    assertThat(lagging.why()).hasSize(DashboardView.SHORT_WHY).endsWith("...");
    assertThat(lagging.whyFull()).isEqualTo(longReason + "; 2 peers");
    assertThat(lagging.role()).isEqualTo("relay (eu)");

    DashboardView.Node one = DashboardView.node(node("relay-eu-0", NodeRole.RELAY, NodeState.DOWN,
        List.of("process not running")));
    assertThat(one.why()).isEqualTo("process not running");
    assertThat(one.whyFull()).isEmpty();
  }

  @Test
  void theStripColoursEachSlotByVerdict_andCountsThemInPalisadeSlotsWords() {
    LeaderSlots slots = new LeaderSlots(true, "", OptionalLong.of(612), List.of(
        new LeaderSlot(100, Optional.of(T.minusSeconds(60)), SlotOutcome.ADOPTED, "forged and adopted"),
        new LeaderSlot(200, Optional.of(T.minusSeconds(30)), SlotOutcome.MISSED_NODE_DOWN, "down"),
        new LeaderSlot(300, Optional.of(T.plusSeconds(95)), SlotOutcome.PENDING, "")), true,
        Optional.of(T.plusSeconds(95)), List.of(), false);
    SlotStrip strip = SlotStrip.of(slots, T);
    assertThat(strip.cells()).extracting(SlotStrip.Cell::cssClass).containsExactly("slot-ok", "slot-missed",
        "slot-pending");
    assertThat(strip.cells().get(1).title()).isEqualTo("slot 200, 2026-12-03 13:59:30 UTC: missed: node down (down)");
    assertThat(strip.summary()).isEqualTo("epoch 612: 3 leader slots, 1 adopted, 1 missed: node down, 1 to come");
    assertThat(strip.nextSeconds()).isEqualTo(95);
    assertThat(strip.nextAt()).isEqualTo("2026-12-03 14:01:35 UTC");

    SlotStrip partial = SlotStrip.of(new LeaderSlots(true, "", OptionalLong.of(612), List.of(), false,
        Optional.empty(), List.of(), false), T);
    assertThat(partial.summary()).contains("known so far");
    assertThat(partial.nextSeconds()).isEqualTo(-1);

    SlotStrip unknown = SlotStrip.of(LeaderSlots.unknown(PoolSnapshot.NO_SLOTS), T.plus(Duration.ofHours(1)));
    assertThat(unknown.known()).isFalse();
    assertThat(unknown.unknownWhy()).isEqualTo("this gateway does not report leader slots");
    assertThat(unknown.summary()).isEmpty();
  }
}
