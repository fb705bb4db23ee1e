package io.palisade.gateway;

import java.io.IOException;
import java.time.Clock;

/**
 * The gateway of a console started on its own ({@code palisade console}) before a runtime is attached: it shows an
 * empty pool, and refuses every action and shell with a message saying so. Nothing is pretended.
 */
public final class DisconnectedPoolGateway implements PoolGateway {
  private static final String WHY = "no pool runtime is attached to this console (start it with 'palisade up')";

  private final Clock clock;

  /**
   * @param clock for the snapshot's time
   */
  public DisconnectedPoolGateway(Clock clock) {
    this.clock = clock;
  }

  @Override
  public PoolSnapshot snapshot() {
    return PoolSnapshot.disconnected(clock.instant(), WHY);
  }

  @Override
  public ActionResult execute(PoolAction action) {
    return ActionResult.failed(WHY);
  }

  @Override
  public ShellSession openShell(String node) throws IOException {
    throw new IOException(WHY);
  }
}
