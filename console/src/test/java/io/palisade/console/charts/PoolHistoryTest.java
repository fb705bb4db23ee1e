package io.palisade.console.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.spec.NodeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The console's bounded history of what it observed, per node. */
class PoolHistoryTest {
  static final Instant T = Instant.parse("2026-12-03T12:00:00Z");
  final PoolHistory history = new PoolHistory();

  static NodeStatus node(String name, long gap, int peers) {
    return new NodeStatus(name, NodeRole.RELAY, "eu", NodeState.READY, List.of(), OptionalLong.empty(),
        gap < 0 ? OptionalLong.empty() : OptionalLong.of(gap), peers, "10.5.3", OptionalLong.empty(),
        Optional.empty());
  }

  static PoolSnapshot at(Instant t, NodeStatus... nodes) {
    return new PoolSnapshot(t, true, List.of(nodes), Optional.empty(), List.of());
  }

  @Test
  void oneSamplePerNode_atMostEverySpacing() {
    history.observe(at(T, node("a", 1, 5), node("b", 2, 6)));
    history.observe(at(T.plusSeconds(10), node("a", 9, 9), node("b", 9, 9)));
    history.observe(at(T.plus(PoolHistory.SPACING), node("a", 3, 7), node("b", -1, 0)));
    assertThat(history.samples("a")).extracting(Sample::peers).containsExactly(5, 7);
    assertThat(history.samples("b")).extracting(Sample::slotGap).containsExactly(OptionalLong.of(2),
        OptionalLong.empty());
    assertThat(history.samples("nobody")).isEmpty();
    assertThat(history.since()).isEqualTo(T);
  }

  @Test
  void boundedInAge_andInSize() {
    int n = PoolHistory.MAX_SAMPLES + 50;
    IntStream.range(0, n).forEach(i -> history.observe(at(T.plus(PoolHistory.SPACING.multipliedBy(i)),
        node("a", i, 1))));
    List<Sample> kept = history.samples("a");
    assertThat(kept).hasSizeLessThanOrEqualTo(PoolHistory.MAX_SAMPLES);
    Instant last = T.plus(PoolHistory.SPACING.multipliedBy(n - 1));
    assertThat(kept.get(kept.size() - 1).at()).isEqualTo(last);
    assertThat(kept.get(0).at()).isAfterOrEqualTo(last.minus(PoolHistory.WINDOW));
    // A long silence (the pool was unreachable): everything older than the window goes at the next sample.
    history.observe(at(last.plus(PoolHistory.WINDOW).plusSeconds(1), node("a", 0, 0)));
    assertThat(history.samples("a")).hasSize(1);
  }

  @Test
  void aDisconnectedSnapshotAddsNothing_andANodeNoLongerReportedIsDropped() {
    history.observe(at(T, node("a", 1, 5), node("b", 2, 6)));
    history.observe(PoolSnapshot.disconnected(T.plusSeconds(60), "no control plane"));
    assertThat(history.samples("a")).hasSize(1);
    history.observe(at(T.plusSeconds(120), node("a", 1, 5)));
    assertThat(history.samples("b")).isEmpty();
    assertThat(history.samples("a")).hasSize(2);
  }

  @Test
  void aClockSetBackDropsTheSamplesNowInTheFuture_andSamplingGoesOn() {
    IntStream.range(0, 10).forEach(i -> history.observe(at(T.plus(Duration.ofMinutes(i)), node("a", i, 1))));
    history.observe(at(T.plus(Duration.ofMinutes(4)).plusSeconds(40), node("a", 99, 1)));
    assertThat(history.samples("a")).extracting(s -> s.slotGap().getAsLong()).containsExactly(0L, 1L, 2L, 3L, 4L,
        99L);
  }

  @Test
  void aHostileOrBrokenGatewayCannotGrowItPastTheNodeBound() {
    NodeStatus[] many = IntStream.range(0, PoolHistory.MAX_NODES * 3).mapToObj(i -> node("n" + i, 1, 1))
        .toArray(NodeStatus[]::new);
    history.observe(at(T, many));
    long tracked = IntStream.range(0, PoolHistory.MAX_NODES * 3).filter(i -> !history.samples("n" + i).isEmpty())
        .count();
    assertThat(tracked).isEqualTo(PoolHistory.MAX_NODES);
  }
}
