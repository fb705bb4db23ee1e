package io.palisade.runtime.local;

import io.palisade.agent.PoolView;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the node watchers and the processes tell the control loop, and what it tells them back. A node watcher made
 * before the loop exists gets these signals and the loop binds them when it starts: a verdict that changes, or a
 * process that exits, wakes the loop at once (no waiting for its next tick), and each watcher's judge gets the loop's
 * view of the pool's other nodes (how it tells a stuck process from a stalled pool, see
 * {@link io.palisade.agent.FrozenTip}).
 */
final class LoopSignals {
  private volatile Runnable wake = () -> { };
  private volatile Function<String, Optional<PoolView>> views = node -> Optional.empty();

  /**
   * Binds the loop.
   *
   * @param wake runs a pass of the loop soon
   * @param views the pool's other nodes as seen from a node
   */
  void bind(Runnable wake, Function<String, Optional<PoolView>> views) {
    this.wake = Objects.requireNonNull(wake, "wake");
    this.views = Objects.requireNonNull(views, "views");
  }

  /** Something changed: a pass of the loop should look now. */
  void wake() {
    wake.run();
  }

  /** The other nodes' tips as the loop last saw them, for {@code node}'s judge. */
  Optional<PoolView> viewFor(String node) {
    return views.apply(node);
  }
}
