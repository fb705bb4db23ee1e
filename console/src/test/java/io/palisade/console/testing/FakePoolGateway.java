package io.palisade.console.testing;

import io.palisade.gateway.ActionResult;
import io.palisade.gateway.LeaderSlot;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.NodeState;
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
import io.palisade.gateway.SlotOutcome;
import io.palisade.gateway.WaitingAction;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pool of four simulated nodes (a block producer, its standby, two relays) that records what it is asked to do. Its shells are real: {@code /bin/sh} in a
 * per-node directory under a temporary folder. Its block producer leads four slots this epoch (one adopted, one lost,
 * one missed during a Palisade action, one to come), and a restart waits for a free window. Tests change the relay's
 * state ({@link #relayUs}) and the pool's refusals ({@link #refuse}) while it runs.
 */
public final class FakePoolGateway implements PoolGateway {
  private final Clock clock;
  private final Path shellRoot;
  private final List<PoolAction> executed = new CopyOnWriteArrayList<>();
  private final Map<PoolAction, String> refusals = new ConcurrentHashMap<>();
  private volatile NodeState relayUsState = NodeState.DEGRADED;
  private volatile List<String> relayUsReasons = List.of("only 1 peer (want 5)");
  /** The demo's finished rollout (every node on 10.5.3). */
  public static final RolloutProgress DONE = new RolloutProgress("10.5.3", "done", 4, 4, "", "all nodes on 10.5.3",
      List.of("relay-eu-0", "relay-us-0", "block-producer-standby", "block-producer"),
      List.of("relay-eu-0", "relay-us-0", "block-producer-standby", "block-producer"));
  private volatile RolloutProgress rollout = DONE;

  private volatile ProducerLease lease;

  /** The standby block producer's name. */
  public static final String STANDBY = "block-producer-standby";

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

  /**
   * Changes the state relay-us-0 reports from now on.
   *
   * @param state its verdict
   * @param reasons why
   */
  public void relayUs(NodeState state, List<String> reasons) {
    relayUsState = state;
    relayUsReasons = List.copyOf(reasons);
  }

  /**
   * Makes the pool refuse an action (at queue time and when it runs) with a reason, as a runtime's guard rail would.
   *
   * @param action the action
   * @param why the refusal
   */
  public void refuse(PoolAction action, String why) {
    refusals.put(action, why);
  }

  /** The (fake) epoch its leader slots belong to. */
  public static final long EPOCH = 612;
  private static final long FIRST_SLOT = 52_876_800L;

  @Override
  public Optional<String> refusal(PoolAction action) {
    return Optional.ofNullable(refusals.get(action));
  }

  @Override
  public PoolSnapshot snapshot() {
    var now = clock.instant();
    LeaderSlots slots = new LeaderSlots(true, "", OptionalLong.of(EPOCH), List.of(
        new LeaderSlot(FIRST_SLOT + 100, Optional.of(now.minus(Duration.ofHours(3))), SlotOutcome.ADOPTED,
            "forged and adopted"),
        new LeaderSlot(FIRST_SLOT + 200, Optional.of(now.minus(Duration.ofHours(2))), SlotOutcome.LOST_SLOT_BATTLE,
            "another pool's block won the slot"),
        new LeaderSlot(FIRST_SLOT + 300, Optional.of(now.minus(Duration.ofHours(1))),
            SlotOutcome.MISSED_PALISADE_ACTION, "no block while an upgrade step stopped the block producer"),
        new LeaderSlot(FIRST_SLOT + 400, Optional.of(now.plus(Duration.ofMinutes(10))), SlotOutcome.PENDING, "")),
        true, Optional.of(now.plus(Duration.ofMinutes(10))), List.of(new WaitingAction(
            "restart block-producer: waiting for a free window: next leader slot in 10m, window opens at "
                + now.plus(Duration.ofMinutes(11)), Optional.of(now.plus(Duration.ofMinutes(11))))), false);
    return new PoolSnapshot(now, true, List.of(
        new NodeStatus("block-producer", NodeRole.BLOCK_PRODUCER, "", NodeState.READY, List.of(),
            OptionalLong.of(170_000_000L), OptionalLong.of(2), 2, "10.5.3", OptionalLong.of(42),
            Optional.of(now.plus(Duration.ofDays(63)))),
        new NodeStatus(STANDBY, NodeRole.BLOCK_PRODUCER, "", NodeState.READY, List.of(),
            OptionalLong.of(170_000_000L), OptionalLong.of(1), 2, "10.5.3", OptionalLong.empty(), Optional.empty()),
        new NodeStatus("relay-eu-0", NodeRole.RELAY, "eu", NodeState.READY, List.of(),
            OptionalLong.of(170_000_001L), OptionalLong.of(1), 12, "10.5.3", OptionalLong.empty(), Optional.empty()),
        new NodeStatus("relay-us-0", NodeRole.RELAY, "us", relayUsState, relayUsReasons,
            OptionalLong.of(169_999_900L), OptionalLong.of(103), 1, "10.5.3", OptionalLong.empty(),
            Optional.empty())),
        Optional.ofNullable(rollout),
        List.of(new PoolEvent(now, "relay-us-0", "restart", "liveness failed twice; restarted")))
        .withPool(new PoolIdentity("demo", "preview", "pool1demo0fake0id", PoolIdentity.Nodes.SIMULATED))
        .withLeaderSlots(slots)
        .withProducer(lease != null ? lease : new ProducerLease(true, "", "block-producer", 3,
            Optional.of(now.minus(Duration.ofDays(2))), STANDBY, "", Map.of("block-producer", true, STANDBY, false),
            "block-producer forges (token 3); " + STANDBY + " is ready to take over"));
  }

  /**
   * Makes the producer lease the pool reports from now on.
   *
   * @param l the lease, or null for the demo's own (the block producer forges, token 3, since two days)
   */
  public void producer(ProducerLease l) {
    lease = l;
  }

  /**
   * The pool as it was observed at {@code at}, {@code i} samples into a past the charts draw: relay-us-0 falls
   * behind and loses peers for a while, the others stay close to the tip.
   *
   * @param at when
   * @param i which sample (0, 1, ...)
   * @return the snapshot
   */
  public PoolSnapshot pastSnapshot(java.time.Instant at, int i) {
    PoolSnapshot now = snapshot();
    long wave = Math.round(60 * Math.max(0, Math.sin(i / 12.0)));
    List<NodeStatus> nodes = now.nodes().stream().map(n -> new NodeStatus(n.name(), n.role(), n.region(), n.state(),
        n.reasons(), n.tipSlot(), OptionalLong.of(n.name().equals("relay-us-0") ? 3 + wave : 1 + (i / 45) % 3),
        n.name().equals("relay-us-0") ? Math.max(1, 5 - (int) (wave / 15)) : n.peers() + (i / 70) % 2, n.version(),
        n.kesPeriodsLeft(), n.kesExpiry())).toList();
    return new PoolSnapshot(at, true, nodes, now.rollout(), now.recentEvents(), now.pool(), now.leaderSlots(),
        now.producer());
  }

  /**
   * Makes the rollout the pool reports from now on.
   *
   * @param r the rollout, or null for none
   */
  public void rollout(RolloutProgress r) {
    rollout = r;
  }

  @Override
  public ActionResult execute(PoolAction action) {
    String refused = refusals.get(action);
    if (refused != null) {
      return ActionResult.failed(refused);
    }
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
