package io.palisade.ouroboros.n2n;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import java.util.List;
import java.util.Objects;

/**
 * The chain-sync messages ({@code chain-sync.cddl}) this code exchanges. Headers ({@code MsgRollForward}) are not
 * modelled: the agent and the simulated node read and serve the tip, not blocks. Encode and decode with
 * {@link ChainSyncCodec}.
 */
public sealed interface ChainSyncMessage {
  /** {@code [0]}. */
  record RequestNext() implements ChainSyncMessage {}

  /** {@code [1]}. */
  record AwaitReply() implements ChainSyncMessage {}

  /**
   * {@code [3, point, tip]}.
   *
   * @param point where to roll back to
   * @param tip the server's tip
   */
  record RollBackward(Point point, ChainTip tip) implements ChainSyncMessage {
    /** Requires both. */
    public RollBackward {
      Objects.requireNonNull(point, "point");
      Objects.requireNonNull(tip, "tip");
    }
  }

  /**
   * {@code [4, points]}: asks for the best intersection; with no points the server answers with its tip.
   *
   * @param points candidate points, best first
   */
  record FindIntersect(List<Point> points) implements ChainSyncMessage {
    /** Copies the list. */
    public FindIntersect {
      points = List.copyOf(points);
    }
  }

  /**
   * {@code [5, point, tip]}.
   *
   * @param point the intersection found
   * @param tip the server's tip
   */
  record IntersectFound(Point point, ChainTip tip) implements ChainSyncMessage {
    /** Requires both. */
    public IntersectFound {
      Objects.requireNonNull(point, "point");
      Objects.requireNonNull(tip, "tip");
    }
  }

  /**
   * {@code [6, tip]}.
   *
   * @param tip the server's tip
   */
  record IntersectNotFound(ChainTip tip) implements ChainSyncMessage {
    /** Requires the tip. */
    public IntersectNotFound {
      Objects.requireNonNull(tip, "tip");
    }
  }

  /** {@code [7]}: the client ends chain-sync. */
  record Done() implements ChainSyncMessage {}
}
