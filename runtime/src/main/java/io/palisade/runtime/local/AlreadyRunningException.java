package io.palisade.runtime.local;

import java.io.IOException;

/**
 * Another control plane already runs on the data directory: its lock is held ({@link LocalPool#open}, and
 * {@link LocalPool#stopLeftoverNodes}, which must not stop the nodes of a control plane that still runs, throw it).
 * Its own type, beside {@link PoolRecord}, because it is a fact of the data directory, not of a running pool.
 */
public final class AlreadyRunningException extends IOException {
  private static final long serialVersionUID = 1L;

  AlreadyRunningException(String message) {
    super(message);
  }
}
