package io.palisade.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.charts.PoolHistory;
import io.palisade.console.charts.RolloutSteps;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ProducerLease;
import io.palisade.gateway.RolloutProgress;
import io.palisade.spec.NodeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The dashboard's pictures and producer panel, from a snapshot and the history (pure). */
class ChartsViewTest {
  static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

  static NodeStatus node(String name, NodeRole role, NodeState state, String version, Optional<Instant> kes) {
    return new NodeStatus(name, role, role == NodeRole.RELAY ? "eu" : "", state, List.of(), OptionalLong.of(1),
        OptionalLong.of(2), 3, version, OptionalLong.empty(), kes);
  }

  static final List<NodeStatus> NODES = List.of(
      node("block-producer", NodeRole.BLOCK_PRODUCER, NodeState.READY, "10.5.3", Optional.of(T.plus(Duration.ofDays(8)))),
      node("bp-standby", NodeRole.BLOCK_PRODUCER, NodeState.SYNCING, "10.6.0", Optional.empty()),
      node("relay-eu-0", NodeRole.RELAY, NodeState.READY, "10.6.0", Optional.empty()),
      node("relay-eu-1", NodeRole.RELAY, NodeState.READY, "10.5.3", Optional.empty()));

  static List<String> steps(RolloutProgress r) {
    return ChartsView.steps(r, NODES).stream().map(s -> s.node() + "=" + s.state()).toList();
  }

  @Test
  void theRolloutsStepsFollowTheRuntimesOrder() {
    RolloutProgress r = new RolloutProgress("10.6.0", "UPGRADING", 1, 4, "relay-eu-1", "",
        List.of("relay-eu-0", "relay-eu-1", "bp-standby", "block-producer"), List.of("relay-eu-0"));
    assertThat(steps(r)).containsExactly("relay-eu-0=DONE", "relay-eu-1=RUNNING", "bp-standby=WAITING",
        "block-producer=WAITING");
    RolloutProgress back = new RolloutProgress("10.6.0", "ROLLING_BACK", 1, 4, "relay-eu-1", "deadline missed",
        r.order(), r.done());
    assertThat(steps(back)).contains("relay-eu-1=FAILED");
  }

  @Test
  void withoutAnOrder_aNodeIsDoneWhenReadyOnTheTargetVersion() {
    RolloutProgress r = new RolloutProgress("10.6.0", "rolling", 1, 4, "bp-standby", "");
    assertThat(steps(r)).containsExactly("block-producer=WAITING", "bp-standby=RUNNING", "relay-eu-0=DONE",
        "relay-eu-1=WAITING");
  }

  @Test
  void eachNodeHasTwoCharts_eachProducerWithACertificateAGauge_andTheRolloutItsSteps() {
    PoolHistory history = new PoolHistory();
    history.observe(new PoolSnapshot(T.minusSeconds(60), true, NODES, Optional.empty(), List.of()));
    history.observe(new PoolSnapshot(T, true, NODES, Optional.empty(), List.of()));
    PoolSnapshot s = new PoolSnapshot(T, true, NODES, Optional.of(new RolloutProgress("10.6.0", "UPGRADING", 1, 4,
        "relay-eu-1", "")), List.of());
    ChartsView v = ChartsView.of(s, history, T);
    assertThat(v.nodes()).extracting(ChartsView.NodeCharts::name).containsExactly("block-producer", "bp-standby",
        "relay-eu-0", "relay-eu-1");
    assertThat(v.nodes().get(0).gap()).contains("<polyline").contains("block-producer: tip gap in slots");
    assertThat(v.nodes().get(0).peers()).contains("chart-peers");
    assertThat(v.kes()).singleElement().satisfies(k -> {
      assertThat(k.node()).isEqualTo("block-producer");
      assertThat(k.gauge()).contains("kes-warn").contains("8 d 0 h left"); // 10 days or less
    });
    assertThat(v.rollout()).contains("data-step=\"RUNNING\"");
    assertThat(v.rolloutSummary()).isEqualTo("10.6.0: upgrading, 1 of 4 nodes done (now: relay-eu-1)");
    assertThat(v.since()).isEqualTo("2026-12-03 11:59:00 UTC");
    assertThat(ChartsView.of(new PoolSnapshot(T, true, NODES, Optional.empty(), List.of()), new PoolHistory(), T))
        .satisfies(empty -> {
          assertThat(empty.since()).isEmpty();
          assertThat(empty.rollout()).isEmpty();
          assertThat(empty.nodes().get(0).gap()).contains("no samples yet");
        });
    assertThat(RolloutSteps.State.values()).hasSize(4);
  }

  @Test
  void theProducerPanel_whoForgesSinceWhenWithWhichToken_andTheStandbysState() {
    PoolSnapshot s = new PoolSnapshot(T, true, NODES, Optional.empty(), List.of()).withProducer(new ProducerLease(
        true, "", "block-producer", 7, Optional.of(T.minus(Duration.ofHours(5))), "bp-standby", "",
        Map.of("block-producer", true, "bp-standby", false), "block-producer forges (token 7)"));
    ProducerPanel p = ProducerPanel.of(s, T);
    assertThat(p.known()).isTrue();
    assertThat(p.holder()).isEqualTo("block-producer");
    assertThat(p.token()).isEqualTo(7);
    assertThat(p.since()).isEqualTo("2026-12-03 07:00:00 UTC");
    assertThat(p.sinceAgo()).isEqualTo("5 h 0 min ago");
    assertThat(p.holderForging()).isEqualTo("yes");
    assertThat(p.standbyState()).isEqualTo("SYNCING");
    assertThat(p.standbyStateClass()).isEqualTo("state-syncing");
    assertThat(p.standbyWhy()).isEqualTo("replaying or catching up with the chain");
    assertThat(p.standbyForging()).isEqualTo("no");
    assertThat(p.alarm()).isFalse();
    assertThat(p.status()).isEqualTo("block-producer forges (token 7)");
  }

  @Test
  void aStandbyThatForges_isAnAlarm_andAnUnknownLeaseSaysWhy() {
    PoolSnapshot s = new PoolSnapshot(T, true, NODES, Optional.empty(), List.of()).withProducer(new ProducerLease(
        true, "", "block-producer", 7, Optional.empty(), "bp-standby", "", Map.of("bp-standby", true), ""));
    ProducerPanel p = ProducerPanel.of(s, T);
    assertThat(p.alarm()).isTrue();
    assertThat(p.holderForging()).isEqualTo("unknown");
    assertThat(p.since()).isEmpty();
    ProducerPanel none = ProducerPanel.of(new PoolSnapshot(T, true, NODES, Optional.empty(), List.of()), T);
    assertThat(none.known()).isFalse();
    assertThat(none.holder()).isEqualTo("unknown");
    assertThat(none.unknownWhy()).isEqualTo(ProducerLease.NOT_REPORTED);
    ProducerPanel gone = ProducerPanel.of(s.withProducer(new ProducerLease(true, "", "block-producer", 7,
        Optional.empty(), "not-in-the-pool", "", Map.of(), "")), T);
    assertThat(gone.standbyState()).isEqualTo("UNKNOWN");
  }
}
