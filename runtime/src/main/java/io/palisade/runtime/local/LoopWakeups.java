package io.palisade.runtime.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Extra passes of the control loop, on top of its tick: at once when something changed (a node process exited, a
 * node's verdict changed), and at the control state's next deadline. Wake-ups that come while a pass is pending are
 * that one pass. Every pass runs on the loop's own thread, so passes never overlap.
 */
final class LoopWakeups {
  private final ScheduledExecutorService loop;
  private final Runnable pass;
  private final BooleanSupplier stopping;
  private final AtomicBoolean pending = new AtomicBoolean();
  /** The timed wake-up of the next deadline, and that deadline (loop thread only). */
  private ScheduledFuture<?> deadlineWake;
  private Instant deadlineAt;

  /**
   * @param loop the control loop's executor
   * @param pass one pass of the loop
   * @param stopping whether the pool is stopping (no more passes then)
   */
  LoopWakeups(ScheduledExecutorService loop, Runnable pass, BooleanSupplier stopping) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.pass = Objects.requireNonNull(pass, "pass");
    this.stopping = Objects.requireNonNull(stopping, "stopping");
  }

  /** Runs a pass as soon as the loop is free. Any thread. */
  void wake() {
    if (stopping.getAsBoolean() || !pending.compareAndSet(false, true)) {
      return;
    }
    try {
      loop.execute(() -> {
        pending.set(false);
        pass.run();
      });
    } catch (RejectedExecutionException e) {
      pending.set(false);
    }
  }

  /**
   * Wakes the loop at {@code next} (a millisecond after: at the deadline itself nothing has changed yet). A deadline
   * already scheduled is kept; a new one replaces it. Loop thread only.
   *
   * @param next the control state's next deadline, if any
   * @param now the time
   */
  void wakeAt(Optional<Instant> next, Instant now) {
    if (next.isEmpty() || next.get().equals(deadlineAt)) {
      return;
    }
    if (deadlineWake != null) {
      deadlineWake.cancel(false);
    }
    deadlineAt = next.get();
    try {
      deadlineWake = loop.schedule(this::wake, Math.max(0, Duration.between(now, deadlineAt).toMillis()) + 1,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The loop has stopped.
    }
  }
}
