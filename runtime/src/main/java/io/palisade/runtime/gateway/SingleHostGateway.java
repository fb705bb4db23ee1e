package io.palisade.runtime.gateway;

import io.palisade.control.MemberState;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.PoolService;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.api.ProducerStatus;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolEvent;
import io.palisade.gateway.PoolGateway;
import io.palisade.gateway.PoolIdentity;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ProcessShellSession;
import io.palisade.gateway.ProducerLease;
import io.palisade.gateway.RolloutProgress;
import io.palisade.gateway.ShellSession;
import io.palisade.spec.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The console's {@link PoolGateway} onto the single-host runtime, through the runtime's {@link PoolService}: the
 * pool itself when {@code palisade up} runs the console in-process ({@code LocalPool}), or its loopback API when the
 * console runs as its own process ({@code RemotePoolService}, {@code palisade console}). It lives in the runtime
 * module, so the console depends on the port ({@code gateway}) only. Every pool action maps to one service call;
 * shells open as processes in a node's working directory, as the unprivileged {@link ShellUser} (refused, with the
 * reason, where the console cannot drop to it). The snapshot also names the pool (its pool id from the hot keys,
 * simulated or real nodes from the pool.yaml it runs, {@link PoolFacts}) and carries the block producer's leader
 * slots from the slot ledger ({@link LedgerSlots}); {@link #refusal} asks control's guard rails on the status now
 * ({@link SingleHostActions#refusal}), and the producer lease of a pool with a standby (which producer forges, its
 * fencing token).
 *
 * <pre>{@code
 * PoolGateway gateway = new SingleHostGateway(localPool, Clock.systemUTC());
 * RunningConsole console = PalisadeConsole.start(settings, gateway, clock);
 * }</pre>
 */
public final class SingleHostGateway implements PoolGateway {
  private final PoolService service;
  private final Clock clock;
  private final Supplier<ShellUser> shells;
  /** The ledger is read at most this often: the dashboard and the clock guard ask for snapshots every few seconds. */
  private static final Duration SLOTS_FRESH = Duration.ofSeconds(2);

  private record Facts(String dataDir, PoolFacts facts) {}

  private record Slots(String dataDir, Instant readAt, LeaderSlots slots) {}

  private volatile Facts facts;
  private volatile Slots slots;

  /**
   * @param service the runtime's pool service
   * @param clock stamps a disconnected snapshot
   */
  public SingleHostGateway(PoolService service, Clock clock) {
    this(service, clock, memoized(ShellUser::prepare));
  }

  /**
   * @param service the runtime's pool service
   * @param clock stamps a disconnected snapshot
   * @param shells who shells run as (looked up, or created, at the first shell)
   */
  public SingleHostGateway(PoolService service, Clock clock, Supplier<ShellUser> shells) {
    this.service = service;
    this.clock = clock;
    this.shells = shells;
  }

  private static Supplier<ShellUser> memoized(Supplier<ShellUser> s) {
    return new Supplier<>() {
      private ShellUser value;

      @Override
      public synchronized ShellUser get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }

  @Override
  public PoolSnapshot snapshot() {
    PoolStatus s;
    try {
      s = service.status();
    } catch (IllegalStateException | UncheckedIOException e) {
      // No control plane answers (none runs, or it is stopping).
      return PoolSnapshot.disconnected(clock.instant(), e.getMessage());
    }
    HotKeyStatus keys = s.keys();
    List<NodeStatus> nodes = s.nodes().stream().map(n -> {
      boolean bp = n.role() == NodeRole.BLOCK_PRODUCER;
      boolean installed = bp && keys != null && keys.state() == HotKeyStatus.State.INSTALLED
          && keys.kesPeriodsLeft() != null;
      List<String> reasons = new ArrayList<>(n.ready() ? List.of() : n.reasons());
      if (bp && keys != null && keys.state() != HotKeyStatus.State.INSTALLED) {
        reasons.add("keys: " + keys.detail());
      }
      if (n.lastFailure() != null && n.phase() == MemberState.Phase.FAILED) {
        reasons.add(0, "FAILED: " + n.lastFailure());
      }
      return new NodeStatus(n.name(), n.role(), n.region(), state(n), reasons, optional(n.tipSlot()),
          optional(n.slotGap()), n.peers().size(), String.valueOf(n.runningVersion() == null ? n.version()
          : n.runningVersion()), installed ? OptionalLong.of(keys.kesPeriodsLeft()) : OptionalLong.empty(),
          installed ? Optional.ofNullable(keys.kesExpiry()) : Optional.empty());
    }).toList();
    Optional<RolloutProgress> rollout = Optional.ofNullable(s.rollout()).map(r -> new RolloutProgress(
        r.to().toString(), r.phase().name(), Math.min(r.done().size(), r.order().size()), r.order().size(),
        r.current(), r.waitingFor() != null ? r.waitingFor() : r.failure(), r.order(), r.done()));
    List<PoolEvent> events = new ArrayList<>(s.events().stream()
        .map(e -> new PoolEvent(e.time(), e.node(), e.reason(), e.message())).toList());
    Collections.reverse(events); // the snapshot lists the newest first
    PoolFacts f = facts(s.dataDir());
    String poolId = keys == null ? null : keys.poolIdBech32() != null ? keys.poolIdBech32() : keys.poolId();
    return new PoolSnapshot(s.at(), true, nodes, rollout, events)
        .withPool(new PoolIdentity(s.pool(), s.network(), poolId, f.nodes()))
        .withLeaderSlots(leaderSlots(s, f))
        .withProducer(producer(s.producer()));
  }

  /** The producer lease as the console shows it; a pool without a standby has none. */
  static ProducerLease producer(ProducerStatus p) {
    if (p == null) {
      return ProducerLease.unknown("the pool has no standby block producer (pool.yaml declares none)");
    }
    return new ProducerLease(true, "", p.holder(), p.token(), Optional.ofNullable(p.since()), p.standby(),
        p.handover(), p.forgingEnabled(), p.status());
  }

  private PoolFacts facts(String dataDir) {
    Facts known = facts;
    if (known == null || !known.dataDir().equals(dataDir)) {
      known = new Facts(dataDir, PoolFacts.read(Path.of(dataDir), clock));
      facts = known;
    }
    return known.facts();
  }

  private LeaderSlots leaderSlots(PoolStatus s, PoolFacts f) {
    Slots known = slots;
    Instant now = s.at();
    if (known == null || !known.dataDir().equals(s.dataDir()) || now.isBefore(known.readAt())
        || !now.isBefore(known.readAt().plus(SLOTS_FRESH))) {
      known = new Slots(s.dataDir(), now, LedgerSlots.read(Path.of(s.dataDir()), f.chain(), now, s.maintenance()));
      slots = known;
    }
    return known.slots();
  }

  @Override
  public Optional<String> refusal(PoolAction action) {
    try {
      return SingleHostActions.refusal(service.status(), action);
    } catch (IllegalStateException | UncheckedIOException e) {
      return Optional.empty(); // no control plane now: the runtime decides when the action runs
    }
  }

  private static NodeState state(io.palisade.control.api.NodeStatus n) {
    if (n.phase() == MemberState.Phase.FAILED) {
      return NodeState.DOWN;
    }
    if (n.phase() == MemberState.Phase.NEW) {
      return NodeState.STOPPED;
    }
    if (n.ready()) {
      return NodeState.READY;
    }
    return switch (n.state()) {
      case DOWN -> NodeState.DOWN;
      case STARTING -> NodeState.STARTING;
      case SYNCING -> NodeState.SYNCING;
      case LAGGING, SYNCED -> NodeState.DEGRADED;
      case UNKNOWN -> NodeState.UNKNOWN;
    };
  }

  private static OptionalLong optional(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  @Override
  public ActionResult execute(PoolAction action) {
    io.palisade.control.api.ActionResult r;
    try {
      r = SingleHostActions.call(service, action);
    } catch (IllegalStateException | UncheckedIOException e) {
      return ActionResult.failed("the pool's control plane is not reachable: " + e.getMessage());
    } catch (IllegalArgumentException | NoSuchElementException e) {
      return ActionResult.failed(e.getMessage());
    }
    return new ActionResult(r.accepted(), r.message());
  }

  @Override
  public ShellSession openShell(String node) throws IOException {
    PoolStatus s;
    try {
      s = service.status();
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new IOException("the pool's control plane is not reachable: " + e.getMessage(), e);
    }
    var n = s.nodes().stream().filter(x -> x.name().equals(node)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node named " + node));
    Path dir = Path.of(n.directory());
    if (!Files.isDirectory(dir)) {
      throw new IOException("the working directory of " + node + " does not exist (" + dir + ")");
    }
    // Never as the console's own user: it can read the control-plane token and the console's key, which would let a
    // shell bypass the delay. The shell user is confined to what the node's directory lets others read.
    return ProcessShellSession.start(shells.get().shellCommand(), dir, Map.of("PALISADE_NODE", node));
  }
}
