package io.palisade.cli.runtime;

import io.palisade.console.gateway.ActionResult;
import io.palisade.console.gateway.NodeState;
import io.palisade.console.gateway.NodeStatus;
import io.palisade.console.gateway.PoolAction;
import io.palisade.console.gateway.PoolEvent;
import io.palisade.console.gateway.PoolGateway;
import io.palisade.console.gateway.PoolSnapshot;
import io.palisade.console.gateway.ProcessShellSession;
import io.palisade.console.gateway.RolloutProgress;
import io.palisade.console.gateway.ShellSession;
import io.palisade.control.local.DataDir;
import io.palisade.control.plane.ControlPlaneClient;
import io.palisade.control.plane.PoolStatus;
import io.palisade.spec.NodeRole;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The console's {@link PoolGateway} onto the single-host runtime: it talks to the control plane of a data directory
 * over its loopback API (so the console may run as its own process), and opens shells as processes in a node's
 * working directory, as the node's user. Changes the single-host runtime does not offer are refused with a reason.
 */
public final class ControlPlaneGateway implements PoolGateway {
  private final Path dataDir;
  private final Clock clock;

  /**
   * @param dataDir the runtime's data directory
   * @param clock the clock stamping a disconnected snapshot
   */
  public ControlPlaneGateway(Path dataDir, Clock clock) {
    this.dataDir = dataDir;
    this.clock = clock;
  }

  private ControlPlaneClient client() throws ControlPlaneClient.UnavailableException {
    try {
      return ControlPlaneClient.connect(new DataDir(dataDir));
    } catch (IOException e) {
      throw new IllegalStateException("cannot use " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public PoolSnapshot snapshot() {
    PoolStatus s;
    try {
      s = client().status();
    } catch (ControlPlaneClient.UnavailableException e) {
      return PoolSnapshot.disconnected(clock.instant(), e.getMessage());
    }
    List<NodeStatus> nodes = s.nodes().stream().map(n -> new NodeStatus(n.name(), NodeRole.valueOf(n.role()),
        n.region(), state(n), n.reasons(), optional(n.tipSlot()), optional(n.slotGap()), n.peers().size(),
        String.valueOf(n.runningVersion() == null ? n.version() : n.runningVersion()), OptionalLong.empty(),
        Optional.empty())).toList();
    Optional<RolloutProgress> rollout = Optional.ofNullable(s.rollout()).map(r -> new RolloutProgress(
        r.to().toString(), r.phase().name(), Math.min(r.done().size(), r.order().size()), r.order().size(),
        r.current(), r.waitingFor() != null ? r.waitingFor() : r.failure()));
    List<PoolEvent> events = s.events().stream()
        .map(e -> new PoolEvent(e.time(), e.node(), e.reason(), e.message())).toList();
    return new PoolSnapshot(s.at(), true, nodes, rollout, events);
  }

  private static NodeState state(io.palisade.control.plane.NodeStatus n) {
    if (n.phase().equals("FAILED")) {
      return NodeState.DOWN;
    }
    if (n.phase().equals("NEW")) {
      return NodeState.STOPPED;
    }
    if (n.ready()) {
      return NodeState.READY;
    }
    return switch (n.state()) {
      case "DOWN" -> NodeState.DOWN;
      case "STARTING" -> NodeState.STARTING;
      case "SYNCING" -> NodeState.SYNCING;
      case "LAGGING", "SYNCED" -> NodeState.DEGRADED;
      default -> NodeState.UNKNOWN;
    };
  }

  private static OptionalLong optional(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  @Override
  public ActionResult execute(PoolAction action) {
    try {
      ControlPlaneClient.Answer answer;
      if (action instanceof PoolAction.Upgrade u) {
        answer = client().upgrade(u.version(), false);
      } else if (action instanceof PoolAction.AddRelay a) {
        answer = client().addRelay(a.region());
      } else {
        return new ActionResult(false, "the single-host runtime cannot " + action.getClass().getSimpleName()
            + "; stop the pool with 'palisade down' and edit pool.yaml instead");
      }
      return new ActionResult(answer.status() == 202, answer.result().message());
    } catch (ControlPlaneClient.UnavailableException e) {
      return new ActionResult(false, e.getMessage());
    }
  }

  @Override
  public ShellSession openShell(String node) throws IOException {
    PoolStatus s;
    try {
      s = client().status();
    } catch (ControlPlaneClient.UnavailableException e) {
      throw new IOException(e.getMessage(), e);
    }
    var n = s.nodes().stream().filter(x -> x.name().equals(node)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node named " + node));
    return ProcessShellSession.start(List.of("/bin/sh", "-i"), Path.of(n.directory()), Map.of("PALISADE_NODE", node));
  }
}
