package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.api.ActionResult;
import io.palisade.spec.binding.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How a {@link LocalPool} stops, the I/O of it in one place: the loop and what runs in front of it closed, every node
 * stopped cleanly (SIGTERM, the grace period, then a kill), the hot keys removed, the pool recorded as stopped (or its
 * runtime state deleted), the control plane's files removed and the data directory released.
 *
 * <p>It also holds what a stop needs to be done once and waited for (what runs in front of the pool, the future
 * {@code awaitStopped} waits on), so {@link LocalPool} only says when to stop.
 */
final class PoolShutdown {
  private final LocalPool.Parts parts;
  private final ControlLoop loop;
  /** What runs in front of the pool (its API): closed first when the pool stops. */
  private final List<AutoCloseable> frontEnds = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  PoolShutdown(LocalPool.Parts parts, ControlLoop loop) {
    this.parts = parts;
    this.loop = loop;
  }

  /** Gives up a pool opened but never run: the data directory released, the nodes left running for the next start. */
  void release() {
    loop.shutdownNow();
    parts.gate().close();
    parts.runtime().close();
    parts.dataDir().unlock();
  }

  void whenStopping(AutoCloseable frontEnd) {
    frontEnds.add(frontEnd);
  }

  /**
   * Stops the pool in a moment, so the answer to the request that asked it is sent (and recorded by the console)
   * before the API closes.
   *
   * @param deletePool whether the pool's runtime state is deleted too
   */
  void stopSoon(boolean deletePool) {
    CompletableFuture.runAsync(() -> stop(deletePool), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
  }

  /**
   * Stops the pool unless a stop already began (then returns at once).
   *
   * @param deletePool whether the pool's runtime state is deleted too
   */
  void stop(boolean deletePool) {
    if (!loop.markStopping()) {
      return;
    }
    try {
      stop(parts, loop, frontEnds, deletePool);
    } finally {
      stopped.complete(null);
    }
  }

  void awaitStopped() throws InterruptedException {
    try {
      stopped.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Records that the pool is being deleted at the operator's request.
   *
   * @return the answer to the request
   */
  ActionResult deleting() {
    LocalPool.Parts p = parts;
    p.events().record(List.of(ControlEvent.of(p.options().clock().instant(), Reason.POOL_DELETING, null,
        "deleting pool " + p.options().pool().spec().name() + " at the operator's request: every node is stopped,"
        + " then its runtime state is removed")));
    return new ActionResult(true, "stopping every node, then deleting the pool's runtime state (node directories,"
        + " state, hot keys); the console's database and audit log stay", null);
  }

  /**
   * Stops the pool; {@link #stop(boolean)} makes sure this runs once.
   *
   * @param p the pool's parts
   * @param loop its control loop
   * @param frontEnds what runs in front of it (its API), closed first
   * @param deletePool whether the pool's runtime state is deleted too
   */
  private static void stop(LocalPool.Parts p, ControlLoop loop, List<AutoCloseable> frontEnds, boolean deletePool) {
    LocalPoolOptions options = p.options();
    DataDir dataDir = p.dataDir();
    String pool = options.pool().spec().name();
    loop.shutdown();
    p.gate().close();
    for (AutoCloseable f : frontEnds) {
      try {
        f.close();
      } catch (Exception e) {
        options.progress().accept("cannot close " + f + ": " + e.getMessage());
      }
    }
    options.progress().accept("stopping every node (SIGTERM, then a kill after "
        + DurationText.format(options.stopGrace()) + ")");
    p.runtime().stopAll();
    p.runtime().close();
    try {
      p.keys().removeFiles();
      if (deletePool) {
        dataDir.deletePoolState();
        p.events().record(List.of(ControlEvent.of(options.clock().instant(), Reason.POOL_DELETED, null, "pool "
            + pool + " was deleted at the operator's request: every node stopped, its directories, state and"
            + " hot keys removed (the console's database and this event log stay)")));
      } else {
        if (p.loop().state() != null) {
          p.loop().saveState(p.loop().state().stopped());
        }
        p.events().record(List.of(ControlEvent.of(options.clock().instant(), Reason.POOL_STOPPED, null,
            "every node was stopped cleanly")));
      }
      Files.deleteIfExists(dataDir.controlPlaneFile());
      Files.deleteIfExists(dataDir.tokenFile());
    } catch (IOException e) {
      options.progress().accept("cannot record the stop: " + e.getMessage());
    } finally {
      dataDir.unlock();
    }
  }
}
