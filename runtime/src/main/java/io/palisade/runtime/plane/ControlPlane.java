package io.palisade.runtime.plane;

import io.palisade.chain.ChainClock;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.runtime.local.AlreadyRunningException;
import io.palisade.runtime.local.ControlPlaneInfo;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.LocalPool;
import io.palisade.runtime.local.LocalPoolOptions;
import java.io.IOException;
import io.palisade.runtime.slots.SlotLedger;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The control plane of one data directory: a {@link LocalPool} with its loopback API in front of it. Starting it
 * opens the pool (lock, adoption), writes a fresh token, starts the API, records where it listens in
 * {@code control-plane.json}, then runs the pool's control loop. The pool closes the API first when it stops (by
 * {@link #close()}, {@code palisade down} or the API's shutdown).
 *
 * <pre>{@code
 * ControlPlane plane = ControlPlane.start(LocalPoolOptions.of(loaded, dataDir, command));
 * plane.url();                     // http://127.0.0.1:PORT, what 'palisade status' talks to
 * plane.pool().status();
 * plane.close();                   // stops every node cleanly
 * }</pre>
 */
public final class ControlPlane implements AutoCloseable {
  private final LocalPool pool;
  private final ControlPlaneServer api;

  private ControlPlane(LocalPool pool, ControlPlaneServer api) {
    this.pool = pool;
    this.api = api;
  }

  /**
   * Starts (or resumes) the pool and its API.
   *
   * @param options how to run the pool; {@link LocalPoolOptions#apiPort()} is the API's port
   * @return the running control plane
   * @throws AlreadyRunningException if another control plane runs on the data directory
   * @throws IllegalStateException if the data directory holds another pool
   * @throws IOException if the data directory cannot be used or the API's port cannot be bound
   */
  public static ControlPlane start(LocalPoolOptions options) throws IOException {
    LocalPool pool = LocalPool.open(options);
    AccessToken token = AccessToken.generate();
    ControlPlaneServer api;
    try {
      DataDir dir = new DataDir(pool.dataDir());
      token.write(dir.tokenFile());
      api = ControlPlaneServer.start(options.apiPort(), pool, token, ledgerGauges(new SlotLedger(dir),
          new ChainClock(options.pool().genesis(), options.clock()), options.clock()));
      try {
        dir.write(dir.controlPlaneFile(), new ControlPlaneInfo(ProcessHandle.current().pid(), api.url().toString(),
            options.pool().spec().name(), options.clock().instant()));
      } catch (IOException | RuntimeException e) {
        api.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      token.wipe();
      pool.release();
      throw e;
    }
    pool.whenStopping(() -> {
      api.close();
      token.wipe();
    });
    pool.run();
    return new ControlPlane(pool, api);
  }

  /**
   * The slot ledger's gauges of the data directory, read at each scrape (the slot watch writes the ledger atomically;
   * a damaged or unreadable file leaves the slot series out of {@code /metrics} rather than failing the pool's).
   */
  static Supplier<LeaderSlotGauges> ledgerGauges(SlotLedger ledger, ChainClock chain, Clock clock) {
    return () -> {
      try {
        return ledger.gauges(chain, clock.instant());
      } catch (IOException | RuntimeException e) {
        return LeaderSlotGauges.NONE;
      }
    };
  }

  /** The pool. */
  public LocalPool pool() {
    return pool;
  }

  /** The API's base URL, {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return api.url();
  }

  /** Stops every node cleanly, then the API and the pool (see {@link LocalPool#close()}). Safe to call twice. */
  @Override
  public void close() {
    pool.close();
  }
}
