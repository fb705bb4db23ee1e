package io.palisade.operator.reconcile;

import java.time.Duration;

/**
 * Lets reconciliation passes in until the operator stops, then waits for the ones running to end: a stopping operator
 * writes nothing more before its watches close (a write racing a watch's close can hold an API server's connection
 * handling up, and a test's mock server with it).
 */
final class PassGate {
  private int running;
  private boolean closed;

  /** Enters a pass; false once the gate is closed (the pass must not run). */
  synchronized boolean enter() {
    if (closed) {
      return false;
    }
    running++;
    return true;
  }

  /** Leaves a pass {@link #enter() entered}. */
  synchronized void exit() {
    running--;
    notifyAll();
  }

  /** Whether the gate is closed (the operator is stopping). */
  synchronized boolean closed() {
    return closed;
  }

  /**
   * Closes the gate and waits for the passes running to end.
   *
   * @param timeout how long to wait at most
   * @return whether every pass ended in time
   */
  synchronized boolean close(Duration timeout) {
    closed = true;
    long end = System.nanoTime() + timeout.toNanos();
    while (running > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
