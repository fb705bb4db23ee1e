package io.palisade.console.web;

import io.palisade.console.charts.KesGauge;
import io.palisade.console.charts.LineChart;
import io.palisade.console.charts.PoolHistory;
import io.palisade.console.charts.RolloutSteps;
import io.palisade.console.charts.Sample;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.RolloutProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The dashboard's pictures, rendered once here as SVG markup (pure): per node its tip gap and hot peers over the last
 * {@link PoolHistory#WINDOW}, the KES countdown of each producer that reports one, and the rollout's steps. The page
 * inlines the markup, and {@code GET /dashboard.json} carries the same for the live updates.
 *
 * @param since when the console began sampling (its charts start there), empty before the first sample
 * @param nodes each node's charts, in the snapshot's order
 * @param kes each KES countdown (producers with an operational certificate)
 * @param rollout the rollout's steps, empty when there is no rollout
 * @param rolloutSummary the rollout in one line, empty when there is none
 */
record ChartsView(String since, List<NodeCharts> nodes, List<Kes> kes, String rollout, String rolloutSummary) {

  /**
   * One node's charts.
   *
   * @param name the node
   * @param gap its tip gap over time (SVG)
   * @param peers its hot peers over time (SVG)
   */
  record NodeCharts(String name, String gap, String peers) {}

  /**
   * One KES countdown.
   *
   * @param node the producer
   * @param gauge the gauge (SVG)
   */
  record Kes(String node, String gauge) {}

  static ChartsView of(PoolSnapshot s, PoolHistory history, Instant now) {
    Instant from = now.minus(PoolHistory.WINDOW);
    List<NodeCharts> nodes = new ArrayList<>();
    List<Kes> kes = new ArrayList<>();
    for (NodeStatus n : s.nodes()) {
      List<Sample> samples = history.samples(n.name());
      nodes.add(new NodeCharts(n.name(),
          LineChart.render("chart chart-gap", n.name() + ": tip gap in slots", points(samples, Sample::slotGap), from,
              now),
          LineChart.render("chart chart-peers", n.name() + ": hot peers", points(samples,
              x -> OptionalLong.of(x.peers())), from, now)));
      n.kesExpiry().ifPresent(e -> kes.add(new Kes(n.name(), KesGauge.render(n.name(),
          Optional.of(Duration.between(now, e))))));
    }
    Instant since = history.since();
    String rollout = s.rollout().map(r -> RolloutSteps.render(r.targetVersion(), steps(r, s.nodes()))).orElse("");
    String summary = s.rollout().map(r -> r.targetVersion() + ": " + r.state().toLowerCase(Locale.ROOT).replace('_',
        ' ') + ", " + r.nodesDone() + " of " + r.nodesTotal() + " nodes done" + (r.currentNode().isEmpty() ? ""
        : " (now: " + r.currentNode() + ")") + (r.message().isEmpty() ? "" : ". " + r.message())).orElse("");
    return new ChartsView(since == null ? "" : Formats.instant(since), nodes, kes, rollout, summary);
  }

  private static List<LineChart.Point> points(List<Sample> samples, Function<Sample, OptionalLong> value) {
    return samples.stream().map(x -> new LineChart.Point(x.at(), value.apply(x))).toList();
  }

  /**
   * The rollout's steps in upgrade order. With the order the runtime reports: its done nodes are done, its current
   * node is in progress (failed when the rollout failed or rolls back), the rest wait. Without it (counts only): the
   * pool's nodes, done when ready on the target version.
   */
  static List<RolloutSteps.Step> steps(RolloutProgress r, List<NodeStatus> nodes) {
    String phase = r.state().toLowerCase(Locale.ROOT);
    boolean failing = phase.contains("fail") || phase.contains("rolled") || phase.replace('_', ' ')
        .contains("rolling back");
    List<String> order = !r.order().isEmpty() ? r.order() : nodes.stream().map(NodeStatus::name).toList();
    List<RolloutSteps.Step> steps = new ArrayList<>();
    for (String node : order) {
      boolean done = !r.order().isEmpty() ? r.done().contains(node) : nodes.stream().anyMatch(n -> n.name()
          .equals(node) && n.state() == NodeState.READY && n.version().equals(r.targetVersion()));
      RolloutSteps.State state;
      if (node.equals(r.currentNode())) {
        state = failing ? RolloutSteps.State.FAILED : RolloutSteps.State.RUNNING;
      } else if (done) {
        state = RolloutSteps.State.DONE;
      } else {
        state = RolloutSteps.State.WAITING;
      }
      steps.add(new RolloutSteps.Step(node, state));
    }
    return steps;
  }
}
