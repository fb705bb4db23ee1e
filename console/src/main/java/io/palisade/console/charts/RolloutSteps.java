package io.palisade.console.charts;

import java.util.List;

/**
 * The rollout's steps as a row of boxes (pure SVG), one per node in upgrade order: done, in progress, waiting, or
 * failed (the step a rollout stopped or rolled back at). Each box names its node and says its step in its title.
 */
public final class RolloutSteps {
  static final int BOX_WIDTH = 118;
  static final int BOX_HEIGHT = 30;
  static final int GAP = 14;
  static final int PAD = 2;
  /** A node name longer than this is cut in its box (its whole name is in the box's title). */
  static final int NAME_CHARS = 16;

  /** Where a node's step stands. */
  public enum State {
    /** Upgraded and settled. */
    DONE,
    /** Being upgraded (or rolled back) now. */
    RUNNING,
    /** Not reached yet. */
    WAITING,
    /** The step the rollout failed at. */
    FAILED;

    String words() {
      return switch (this) {
        case DONE -> "done";
        case RUNNING -> "in progress";
        case WAITING -> "waiting";
        case FAILED -> "failed";
      };
    }
  }

  /**
   * One step.
   *
   * @param node the node
   * @param state where it stands
   */
  public record Step(String node, State state) {}

  private RolloutSteps() {}

  /**
   * @param version the version rolled out
   * @param steps the steps in upgrade order
   * @return the SVG markup
   */
  public static String render(String version, List<Step> steps) {
    int width = Math.max(BOX_WIDTH + 2 * PAD, steps.size() * (BOX_WIDTH + GAP) - GAP + 2 * PAD);
    int height = BOX_HEIGHT + 2 * PAD;
    long done = steps.stream().filter(s -> s.state() == State.DONE).count();
    Svg svg = Svg.start("rollout-steps", width, height, "rollout to " + version + ": " + done + " of " + steps.size()
        + " nodes done");
    if (steps.isEmpty()) {
      svg.text("text", "no steps reported", "class", "chart-empty", "x", Svg.num(PAD + 4), "y",
          Svg.num(height / 2.0 + 4));
      return svg.end();
    }
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      double x = PAD + i * (BOX_WIDTH + GAP);
      if (i > 0) {
        svg.empty("line", "class", "step-link", "x1", Svg.num(x - GAP), "y1", Svg.num(PAD + BOX_HEIGHT / 2.0), "x2",
            Svg.num(x), "y2", Svg.num(PAD + BOX_HEIGHT / 2.0));
      }
      svg.begin("g", "class", "step step-" + s.state().name().toLowerCase(), "data-node", s.node(), "data-step",
          s.state().name());
      svg.text("title", s.node() + ": " + s.state().words());
      svg.empty("rect", "x", Svg.num(x), "y", Svg.num(PAD), "width", Svg.num(BOX_WIDTH), "height",
          Svg.num(BOX_HEIGHT), "rx", "4");
      String name = s.node().length() <= NAME_CHARS ? s.node() : s.node().substring(0, NAME_CHARS - 1) + "…";
      svg.text("text", name, "class", "step-name", "x", Svg.num(x + 6), "y", Svg.num(PAD + 13));
      svg.text("text", s.state().words(), "class", "step-state", "x", Svg.num(x + 6), "y", Svg.num(PAD + 25));
      svg.close("g");
    }
    return svg.end();
  }
}
