package io.palisade.runtime.local;

import io.palisade.control.api.PoolUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The control loop's one thread: every pass and every request that reads or changes the pool's state run on it, one
 * after the other, so they never race. A pass runs every tick, and also at once when something changed
 * ({@link #wake()}) and at the control state's next deadline ({@link #wakeAt}), through {@link LoopWakeups}.
 */
final class ControlLoop {
  private final ScheduledExecutorService thread;
  private volatile boolean stopping;
  /** The extra passes, once the loop runs. */
  private volatile LoopWakeups wakeups;

  ControlLoop() {
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "palisade-control-loop");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code pass} now, then every {@code tick} after the previous one ended, and whenever {@link #wake()} or
   * {@link #wakeAt} asks for one.
   */
  void start(Runnable pass, Duration tick) {
    wakeups = new LoopWakeups(thread, pass, this::stopping);
    thread.scheduleWithFixedDelay(pass, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A pass as soon as the loop is free, coalesced with one already pending (none before it starts). Any thread. */
  void wake() {
    LoopWakeups w = wakeups;
    if (w != null) {
      w.wake();
    }
  }

  /**
   * A pass just after {@code next}, the control state's next deadline. Loop thread only.
   *
   * @param next the deadline, if any
   * @param now the time
   */
  void wakeAt(Optional<Instant> next, Instant now) {
    LoopWakeups w = wakeups;
    if (w != null) {
      w.wakeAt(next, now);
    }
  }

  /**
   * Runs {@code task} on the loop's thread and waits for it (at most 60 s).
   *
   * @throws PoolUnavailableException once the loop is stopping
   */
  <T> T call(Callable<T> task) {
    if (stopping) {
      throw new PoolUnavailableException("the control plane is shutting down", null);
    }
    try {
      return thread.submit(task).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the control loop did not answer within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (RejectedExecutionException e) {
      throw new PoolUnavailableException("the control plane is shutting down", e);
    }
  }

  boolean stopping() {
    return stopping;
  }

  /** Marks the loop stopping; false if it already was (whoever gets true does the stop). */
  synchronized boolean markStopping() {
    if (stopping) {
      return false;
    }
    stopping = true;
    return true;
  }

  /** Lets the running pass or request end (at most 30 s) and stops the thread. */
  void shutdown() {
    try {
      thread.shutdown();
      thread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread at once (a pool opened but never run). */
  void shutdownNow() {
    thread.shutdownNow();
  }
}
