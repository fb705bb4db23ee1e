package io.palisade.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.control.ControlEvent;
import io.palisade.control.HealthState;
import io.palisade.control.KeyChanges;
import io.palisade.control.MemberState.Phase;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolService;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.api.ProducerStatus;
import io.palisade.control.api.PoolUnavailableException;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ProducerLease;
import io.palisade.gateway.LeaderSlot;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.PoolIdentity;
import io.palisade.gateway.SlotOutcome;
import io.palisade.chain.ChainClock;
import io.palisade.control.RolloutState;
import io.palisade.control.api.MaintenanceStatus;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotEvidence;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.PoolRecord;
import io.palisade.runtime.slots.SlotLedger;
import io.palisade.spec.PoolSpecLoader;
import java.time.Duration;
import java.time.ZoneOffset;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway onto the single-host runtime, against a recording pool service. */
class SingleHostGatewayTest {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  static final NodeVersion V = NodeVersion.parse("10.5.3");

  @TempDir Path dir;

  /** Records calls; answers like a pool of a block producer and one relay. */
  final class Service implements PoolService {
    final List<String> calls = new ArrayList<>();
    boolean down;
    String dataDir = "/data";
    Instant at = T;
    MaintenanceStatus maintenance;
    ProducerStatus producer;
    RolloutState rollout;
    HotKeyStatus keys = new HotKeyStatus(HotKeyStatus.State.INSTALLED, "aa", "pool1aa", 3L, 900L, 41L,
        T.plusSeconds(3600), false, "ok");

    private io.palisade.control.api.ActionResult ok(String call) {
      if (down) {
        throw new PoolUnavailableException("no control plane runs on /data", null);
      }
      calls.add(call);
      return new io.palisade.control.api.ActionResult(!call.contains("refuse"), "answer to " + call, null);
    }

    @Override
    public PoolStatus status() {
      if (down) {
        throw new PoolUnavailableException("no control plane runs on /data", null);
      }
      NodeStatus bp = new NodeStatus("block-producer", NodeRole.BLOCK_PRODUCER, null, Phase.RUNNING, HealthState.SYNCED,
          true, true, true,
          V, V, 1L, 3001, 12798, 100L, 3L, 0, List.of("relay-a-0"), List.of(), null, dir.toString());
      NodeStatus relay = new NodeStatus("relay-a-0", NodeRole.RELAY, "a", Phase.FAILED, HealthState.DOWN, false, false,
          false, V, null,
          null, 3002, 12799, null, null, 5, List.of("block-producer"), List.of("process not running"),
          "failed 5 times", dir.resolve("gone").toString());
      return new PoolStatus("p", "preview", dataDir, at, false, V, V, List.of(bp, relay), rollout, null, List.of(),
          List.of(), keys, List.of("relay-b-0"), List.of(
              new ControlEvent(T, ControlEvent.Severity.Normal, "NodeStarted", "relay-a-0", "first"),
              new ControlEvent(T.plusSeconds(1), ControlEvent.Severity.Normal, "NodeRemoved", "relay-b-0", "last")),
          maintenance, producer);
    }

    @Override
    public List<ControlEvent> events(int limit) {
      return List.of();
    }

    @Override
    public io.palisade.control.api.ActionResult upgrade(NodeVersion version, boolean retry, boolean allowDowngrade) {
      return ok("upgrade " + version + " " + retry + (allowDowngrade ? " allowing a downgrade" : ""));
    }

    @Override
    public io.palisade.control.api.ActionResult addRelay(String region) {
      return ok("add " + region);
    }

    @Override
    public io.palisade.control.api.ActionResult restartNode(String node) {
      return ok("restart " + node);
    }

    @Override
    public io.palisade.control.api.ActionResult removeNode(String node, boolean relayOnly) {
      if (node.equals("nope")) {
        throw new NoSuchElementException("no node named nope");
      }
      return ok("remove " + node + " " + relayOnly);
    }

    @Override
    public io.palisade.control.api.ActionResult deleteVolume(String node) {
      return ok("wipe " + node);
    }

    @Override
    public io.palisade.control.api.ActionResult deletePool() {
      return ok("delete-pool");
    }

    @Override
    public io.palisade.control.api.ActionResult rotateKeys(KeyChanges.Key key, String passphraseFile) {
      return ok("rotate " + key + " " + passphraseFile);
    }

    @Override
    public io.palisade.control.api.ActionResult revokeKeys(KeyChanges.Key key, String reason) {
      return ok("revoke-refuse " + key + " " + reason);
    }

    @Override
    public io.palisade.control.api.ActionResult shutdown() {
      return ok("shutdown");
    }
  }

  final Service service = new Service();
  final SingleHostGateway gateway = new SingleHostGateway(service, Clock.systemUTC());

  @Test
  void theSnapshotShowsEveryNode_theKesKeyOnTheBlockProducer_andTheNewestEventFirst() {
    PoolSnapshot s = gateway.snapshot();
    assertThat(s.connected()).isTrue();
    var bp = s.node("block-producer").orElseThrow();
    assertThat(bp.state()).isEqualTo(NodeState.READY);
    assertThat(bp.kesPeriodsLeft()).hasValue(41);
    assertThat(bp.kesExpiry()).contains(T.plusSeconds(3600));
    var relay = s.node("relay-a-0").orElseThrow();
    assertThat(relay.state()).isEqualTo(NodeState.DOWN);
    assertThat(relay.reasons()).first().asString().startsWith("FAILED: failed 5 times");
    assertThat(relay.kesPeriodsLeft()).isEmpty();
    assertThat(s.recentEvents()).extracting(e -> e.kind()).containsExactly("NodeRemoved", "NodeStarted");

    service.keys = new HotKeyStatus(HotKeyStatus.State.REVOKED, "aa", null, 3L, null, null, null, false,
        "revoked at T (stolen)");
    var revoked = gateway.snapshot().node("block-producer").orElseThrow();
    assertThat(revoked.kesPeriodsLeft()).isEmpty();
    assertThat(revoked.reasons()).contains("keys: revoked at T (stolen)");
  }

  @Test
  void everyPoolAction_isOneServiceCall() {
    List<PoolAction> actions = List.of(new PoolAction.Upgrade("10.6.0"), new PoolAction.AddRelay("eu"),
        new PoolAction.RemoveRelay("relay-a-0"), new PoolAction.RemoveNode("relay-a-1"),
        new PoolAction.DeleteVolume("block-producer"), new PoolAction.DeletePool(),
        new PoolAction.RotateKeys(KeyRole.KES), new PoolAction.RotateKeys(KeyRole.VRF, "/run/pass"),
        new PoolAction.RevokeKeys(KeyRole.COLD, "why"));
    List<ActionResult> results = actions.stream().map(gateway::execute).toList();
    assertThat(gateway.execute(new PoolAction.Upgrade("10.4.1", true)).ok()).isTrue();
    assertThat(service.calls).containsExactly("upgrade 10.6.0 false", "add eu", "remove relay-a-0 true",
        "remove relay-a-1 false", "wipe block-producer", "delete-pool", "rotate KES null", "rotate VRF /run/pass",
        "revoke-refuse COLD why", "upgrade 10.4.1 false allowing a downgrade");
    assertThat(results.subList(0, 8)).allMatch(ActionResult::ok);
    assertThat(results.get(8).ok()).isFalse();
    assertThat(results.get(8).message()).isEqualTo("answer to revoke-refuse COLD why");
    ActionResult unknown = gateway.execute(new PoolAction.RemoveRelay("nope"));
    assertThat(unknown.ok()).isFalse();
    assertThat(unknown.message()).contains("no node named nope");
  }

  @Test
  void theSnapshotNamesThePool_simulatedFromItsPoolYaml_andCarriesTheCurrentEpochsSlotsWithTheirVerdicts()
      throws Exception {
    // The demo pool: no node.binary, so simulated nodes.
    Path yaml = Files.copy(Path.of("..", "examples", "demo-pool.yaml"), dir.resolve("pool.yaml"));
    Path data = Files.createDirectories(dir.resolve("data"));
    DataDir dataDir = new DataDir(data);
    dataDir.write(dataDir.poolFile(), new PoolRecord("p", "preview", yaml.toString()));
    Instant now = T.plusSeconds(3600);
    service.at = now;
    ChainClock chain = new ChainClock(new PoolSpecLoader().load(yaml).genesis(), Clock.fixed(now, ZoneOffset.UTC));
    long epoch = chain.epochOf(chain.slotAt(now));
    long first = chain.firstSlotOfEpoch(epoch);
    assertThat(chain.slotAt(now) - first).as("slots of the epoch before now").isGreaterThan(30);
    long adopted = first + 10;
    long missed = first + 20;
    long later = chain.slotAt(now) + 100;
    EpochSlots e = EpochSlots.empty(epoch).withSchedule(List.of(adopted, missed, later))
        .withVerdict(verdict(adopted, SlotVerdict.ADOPTED, "forged and adopted"))
        .withVerdict(verdict(missed, SlotVerdict.MISSED_PALISADE_ACTION, "an upgrade stopped it"));
    new SlotLedger(dataDir).save(e);
    service.dataDir = data.toString();
    service.maintenance = new MaintenanceStatus("block-producer", Duration.ofSeconds(30), 0, false, null,
        List.of("restart block-producer: waiting for a free window: next leader slot in 1m40s, window opens at X"),
        now.plusSeconds(130), false);

    PoolSnapshot s = gateway.snapshot();
    assertThat(s.pool()).isEqualTo(new PoolIdentity("p", "preview", "pool1aa", PoolIdentity.Nodes.SIMULATED));
    LeaderSlots slots = s.leaderSlots();
    assertThat(slots.known()).isTrue();
    assertThat(slots.epoch()).hasValue(epoch);
    assertThat(slots.scheduleKnown()).isTrue();
    assertThat(slots.slots()).extracting(LeaderSlot::slot, LeaderSlot::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple(adopted, SlotOutcome.ADOPTED),
        org.assertj.core.groups.Tuple.tuple(missed, SlotOutcome.MISSED_PALISADE_ACTION),
        org.assertj.core.groups.Tuple.tuple(later, SlotOutcome.PENDING));
    assertThat(slots.slots().get(1).why()).isEqualTo("an upgrade stopped it");
    assertThat(slots.slots().get(0).at()).contains(chain.startOfSlot(adopted));
    // No next slot from maintenance: the first slot still to come in the ledger.
    assertThat(slots.nextLeaderSlot()).contains(chain.startOfSlot(later));
    assertThat(slots.waiting()).singleElement().satisfies(w -> {
      assertThat(w.description()).contains("waiting for a free window");
      assertThat(w.windowOpensAt()).contains(now.plusSeconds(130));
    });

    // Real nodes: a pool.yaml naming a cardano-node binary (read once per data directory).
    Files.writeString(yaml, Files.readString(yaml).replace("  version: 10.5.3\n",
        "  version: 10.5.3\n  binary: /usr/local/bin/cardano-node\n"));
    SingleHostGateway fresh = new SingleHostGateway(service, Clock.systemUTC());
    assertThat(fresh.snapshot().pool().nodes()).isEqualTo(PoolIdentity.Nodes.CARDANO_NODE);
  }

  @Test
  void withoutALedger_orAPoolYaml_theSlotsAreUnknownSayingWhy_andTheRestIsThere() {
    PoolSnapshot s = gateway.snapshot(); // data directory /data: nothing there
    assertThat(s.pool().nodes()).isEqualTo(PoolIdentity.Nodes.UNKNOWN);
    assertThat(s.pool().name()).isEqualTo("p");
    assertThat(s.leaderSlots().known()).isFalse();
    assertThat(s.leaderSlots().unknownWhy()).contains("slot ledger");
    assertThat(s.nodes()).hasSize(2);
  }

  @Test
  void theProducerLease_whoForgesSinceWhenWithWhichToken_andNoneWithoutAStandby() {
    assertThat(gateway.snapshot().producer().known()).isFalse();
    assertThat(gateway.snapshot().producer().unknownWhy()).contains("no standby");
    service.producer = new ProducerStatus("block-producer-standby", 4, T.minusSeconds(600), "block-producer",
        null, null, java.util.Map.of("block-producer-standby", true, "block-producer", false),
        "block-producer-standby forges (token 4)");
    ProducerLease lease = gateway.snapshot().producer();
    assertThat(lease.known()).isTrue();
    assertThat(lease.holder()).isEqualTo("block-producer-standby");
    assertThat(lease.token()).isEqualTo(4);
    assertThat(lease.since()).contains(T.minusSeconds(600));
    assertThat(lease.standby()).isEqualTo("block-producer");
    assertThat(lease.handover()).isEmpty();
    assertThat(lease.forging("block-producer")).contains(false);
    assertThat(lease.status()).isEqualTo("block-producer-standby forges (token 4)");
  }

  @Test
  void theGuardRailsAnswerAtQueueTime_inTheRuntimesWords() {
    // The only relay is FAILED (not ready): removing it would leave the block producer without a relay.
    assertThat(gateway.refusal(new PoolAction.RemoveRelay("relay-a-0"))).hasValueSatisfying(r ->
        assertThat(r).contains("last relay"));
    assertThat(gateway.refusal(new PoolAction.RemoveRelay("block-producer"))).contains("block-producer is not a relay");
    assertThat(gateway.refusal(new PoolAction.RemoveNode("block-producer"))).hasValueSatisfying(r ->
        assertThat(r).contains("is the block producer"));
    assertThat(gateway.refusal(new PoolAction.RemoveNode("relay-z-9"))).contains("no node named relay-z-9");
    assertThat(gateway.refusal(new PoolAction.DeleteVolume("block-producer"))).isEmpty();
    assertThat(gateway.refusal(new PoolAction.RevokeKeys(KeyRole.COLD, ""))).hasValueSatisfying(r ->
        assertThat(r).contains("cold key never comes online"));
    assertThat(gateway.refusal(new PoolAction.RotateKeys(KeyRole.COLD))).hasValueSatisfying(r ->
        assertThat(r).contains("cold key never comes online"));
    assertThat(gateway.refusal(new PoolAction.RevokeKeys(KeyRole.KES, ""))).isEmpty();
    service.rollout = new RolloutState("r1", V, NodeVersion.parse("10.6.0"), T, List.of("relay-a-0", "block-producer"),
        List.of(), java.util.Map.of(), RolloutState.Phase.values()[0], "relay-a-0", T, null, null, null, List.of(), null);
    assertThat(gateway.refusal(new PoolAction.DeleteVolume("relay-a-0"))).hasValueSatisfying(r ->
        assertThat(r).contains("rollout to 10.6.0 is in progress"));
    assertThat(service.calls).isEmpty(); // nothing was asked of the pool
    service.down = true;
    assertThat(gateway.refusal(new PoolAction.RemoveRelay("relay-a-0"))).isEmpty(); // the runtime decides later
  }

  private static SlotClassification verdict(long slot, SlotVerdict v, String because) {
    return new SlotClassification(slot, v, because, new SlotEvidence(slot, ForgeOutcome.NONE, List.of(),
        ProducerCondition.FORGING, "", ChainCheck.UNCHECKED, List.of()), T);
  }

  @Test
  void withoutAControlPlane_theSnapshotIsDisconnected_andActionsFailSayingWhy() {
    service.down = true;
    assertThat(gateway.snapshot().connected()).isFalse();
    ActionResult r = gateway.execute(new PoolAction.DeletePool());
    assertThat(r.ok()).isFalse();
    assertThat(r.message()).contains("not reachable").contains("no control plane");
    assertThat(service.calls).isEmpty();
    assertThatThrownBy(() -> gateway.openShell("block-producer")).hasMessageContaining("not reachable");
  }

  @Test
  void aShellOpensInTheNodesDirectory_andUnknownNodesAreRefused() throws Exception {
    try (var shell = gateway.openShell("block-producer")) {
      shell.input().write("pwd; echo node=$PALISADE_NODE; exit\n".getBytes(StandardCharsets.UTF_8));
      shell.input().flush();
      String out = new String(shell.output().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out).contains(dir.toRealPath().toString()).contains("node=block-producer");
    }
    assertThatThrownBy(() -> gateway.openShell("relay-z-0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gateway.openShell("relay-a-0")).hasMessageContaining("does not exist");
    assertThat(Files.exists(dir.resolve("gone"))).isFalse();
  }

  @Test
  void whereShellsCannotBeConfinedTheyAreRefusedWithTheReason() throws Exception {
    Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
    SingleHostGateway unprivileged = new SingleHostGateway(service, Clock.systemUTC(),
        () -> ShellUser.prepare(1000, passwd));
    assertThatThrownBy(() -> unprivileged.openShell("block-producer")).isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("shells are refused on this host").hasMessageContaining("does not run as root");
  }
}
