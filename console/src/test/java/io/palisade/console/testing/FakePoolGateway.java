package io.palisade.console.testing;

import io.palisade.gateway.ActionResult;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolEvent;
import io.palisade.gateway.PoolGateway;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ProcessShellSession;
import io.palisade.gateway.RolloutProgress;
import io.palisade.gateway.ShellSession;
import io.palisade.spec.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pool of three nodes that records what it is asked to do. Its shells are real: {@code /bin/sh} in a per-node
 * directory under a temporary folder.
 */
public final class FakePoolGateway implements PoolGateway {
  private final Clock clock;
  private final Path shellRoot;
  private final List<PoolAction> executed = new CopyOnWriteArrayList<>();

  /**
   * @param clock for the snapshot's times
   * @param shellRoot where the nodes' working directories are made
   */
  public FakePoolGateway(Clock clock, Path shellRoot) {
    this.clock = clock;
    this.shellRoot = shellRoot;
  }

  /** @return the actions executed so far, in order */
  public List<PoolAction> executed() {
    return List.copyOf(executed);
  }

  @Override
  public PoolSnapshot snapshot() {
    var now = clock.instant();
    return new PoolSnapshot(now, true, List.of(
        new NodeStatus("block-producer", NodeRole.BLOCK_PRODUCER, "", NodeState.READY, List.of(),
            OptionalLong.of(170_000_000L), OptionalLong.of(2), 2, "10.5.3", OptionalLong.of(42),
            Optional.of(now.plus(Duration.ofDays(63)))),
        new NodeStatus("relay-eu-0", NodeRole.RELAY, "eu", NodeState.READY, List.of(),
            OptionalLong.of(170_000_001L), OptionalLong.of(1), 12, "10.5.3", OptionalLong.empty(), Optional.empty()),
        new NodeStatus("relay-us-0", NodeRole.RELAY, "us", NodeState.DEGRADED, List.of("only 1 peer (want 5)"),
            OptionalLong.of(169_999_900L), OptionalLong.of(103), 1, "10.5.3", OptionalLong.empty(),
            Optional.empty())),
        Optional.of(new RolloutProgress("10.5.3", "done", 3, 3, "", "all nodes on 10.5.3")),
        List.of(new PoolEvent(now, "relay-us-0", "restart", "liveness failed twice; restarted")));
  }

  @Override
  public ActionResult execute(PoolAction action) {
    executed.add(action);
    return ActionResult.ok("fake pool did: " + action.describe());
  }

  @Override
  public ShellSession openShell(String node) throws IOException {
    if (snapshot().node(node).isEmpty()) {
      throw new IllegalArgumentException("no node " + node);
    }
    Path dir = Files.createDirectories(shellRoot.resolve(node));
    return ProcessShellSession.start(List.of("/bin/sh"), dir, Map.of("PALISADE_NODE", node));
  }
}
