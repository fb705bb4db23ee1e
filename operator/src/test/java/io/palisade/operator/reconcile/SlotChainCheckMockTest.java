package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import io.palisade.chain.ChainClock;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.model.SlotBook;
import io.palisade.operator.model.SlotChains;
import io.palisade.operator.model.SlotsView;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.PoolEdits;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.operator.testing.TestPools;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import io.palisade.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slot ledger's chain check on the mock cluster: the block producer's agent says a leader slot's block was
 * adopted, the producer pod's node log (served by the mock API server's {@code pods/log}) names it with a real "Chain
 * extended, new tip: HASH at slot S" line, and an hour later the operator asks the pool's relay, a real
 * {@link NodeToNodeResponder} on loopback that the injected resolver points at: its chain holds the block (adopted,
 * ON_CHAIN), or does not while its tip is past the slot (lost height battle, NOT_ON_CHAIN, a Warning event). A log
 * endpoint that fails, a log of garbage, huge lines and a hash that is no hex leave the slot unchecked, never a failed
 * pass.
 */
class SlotChainCheckMockTest {
  static final Duration READY = Duration.ofSeconds(60);
  static final String BP_POD = "block-producer-0";
  static final Duration SLOT_AHEAD = Duration.ofMinutes(2);
  static final String OURS = "3a".repeat(32);
  static final String THEIRS = "4b".repeat(32);

  MockCluster cluster;
  KubernetesClient client;
  MutableClock clock;
  ChainClock chain;
  final AtomicReference<AgentReading> agent = new AtomicReference<>(AgentReading.NONE);
  final java.util.concurrent.atomic.AtomicLong agentReads = new java.util.concurrent.atomic.AtomicLong();
  /** The node log by slot: what the producer pod's log says when the operator reads it after that slot. */
  final Map<Long, Supplier<MockResponse>> logs = new ConcurrentHashMap<>();
  final List<String> logRequests = new CopyOnWriteArrayList<>();
  /** The relay's chain: the points it holds. */
  final Set<Point> relayChain = ConcurrentHashMap.newKeySet();
  NodeToNodeServer relay;
  final List<InetSocketAddress> relayAddresses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    ChainClock real = new ChainClock(PublishedSchedules.GENESIS, Clock.systemUTC());
    long epoch = real.epochOf(real.currentSlot());
    long middle = (real.firstSlotOfEpoch(epoch) + real.firstSlotOfEpoch(epoch + 1)) / 2;
    clock = MutableClock.stoppedAt(real.startOfSlot(middle));
    chain = new ChainClock(PublishedSchedules.GENESIS, clock);
    // The relay follows the chain: its tip is the slot of the test's clock.
    relay = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(PublishedSchedules.GENESIS.networkMagic(),
            () -> new ChainTip(Point.of(chain.slotAt(clock.instant()), "ff".repeat(32)), 1_000), relayChain::contains));
    relayAddresses.add(relay.address());
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    cluster.track(new FakeStatefulSetController(client, NAMESPACE));
    cluster.serveLogs(r -> {
      logRequests.add(r.getPath());
      if (!r.getPath().startsWith("/api/v1/namespaces/" + NAMESPACE + "/pods/" + BP_POD + "/log?")
          || !r.getPath().contains("container=cardano-node")) {
        return new MockResponse().setResponseCode(404);
      }
      long now = chain.slotAt(clock.instant());
      // The log as it is after the latest slot the test wrote one for (the pass reads it past that slot).
      return logs.entrySet().stream().filter(e -> e.getKey() <= now).max(Map.Entry.comparingByKey())
          .map(e -> e.getValue().get()).orElse(new MockResponse().setResponseCode(200).setBody(""));
    });
  }

  @AfterEach
  void stop() throws IOException {
    try {
      cluster.close();
    } finally {
      relay.close();
    }
  }

  void startOperator() {
    ProducerAgents agents = (c, pod, port) -> {
      if (!BP_POD.equals(pod.getMetadata().getName())) {
        return AgentReading.NONE;
      }
      agentReads.incrementAndGet();
      return agent.get();
    };
    cluster.track(PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos)
        .withMaintenance(MaintenancePolicy.DEFAULT).withAgents(agents)
        .withChainChecks(ChainChecks.defaults().asking((spec, domain) -> List.copyOf(relayAddresses)))));
    agent.set(reading(5));
    client.resource(TestPools.stakePool()).create();
    awaitReady();
    PoolEdits.giveHotKeys(client);
  }

  static MockResponse log(String... lines) {
    return new MockResponse().setResponseCode(200).setBody(String.join("\n", lines) + "\n");
  }

  static String extended(String hash, long slot) {
    return "[block-producer-0:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:05.02 UTC] Chain extended, new tip: "
        + hash + " at slot " + slot;
  }

  @Test
  void anAdoptedBlockTheRelayHas_isOnTheChain_anHourLater() {
    startOperator();
    long slot = adoptedSlot(5, s -> log("[block-producer-0:cardano.node.Forge:Info:77] [2026-12-05] Forged block"
        + " in slot " + s, extended(OURS, s), "[block-producer-0:cardano.node.ChainDB:Notice:90] Switched to a fork,"
        + " new tip: " + THEIRS + " at slot " + s));
    SlotsView.SlotView adopted = awaitVerdict(slot);
    assertThat(adopted.verdict).isEqualTo("ADOPTED");
    assertThat(adopted.blockHash).as("the first extension in the slot, not the fork switch").isEqualTo(OURS);
    assertThat(adopted.chain).isNull();
    assertThat(logRequests).anySatisfy(p -> assertThat(p).contains("limitBytes=").contains("sinceSeconds="));

    relayChain.add(Point.of(slot, OURS));
    clock.set(chain.startOfSlot(slot).plus(SlotChains.AFTER).plusSeconds(1));
    SlotsView.SlotView checked = await().atMost(READY).until(() -> slotView(slot), s -> s.chain != null);
    assertThat(checked.chain).isEqualTo("ON_CHAIN");
    assertThat(checked.verdict).isEqualTo("ADOPTED");
    assertThat(checked.because).endsWith("; on the chain the relays saw");
    assertThat(checked.blockHash).isEqualTo(OURS);
    assertThat(checked.evidence).endsWith("; chain ON_CHAIN");
    assertThat(relay.connectionsServed()).isPositive();
  }

  @Test
  void anAdoptedBlockNoRelayHasPastItsSlot_isALostHeightBattle_withAWarning() {
    startOperator();
    long slot = adoptedSlot(5, s -> log(extended(OURS, s)));
    assertThat(awaitVerdict(slot).blockHash).isEqualTo(OURS);

    // The relay could not tell at first (it is unreachable): unchecked, asked again a minute later.
    relayAddresses.clear();
    relayAddresses.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort()));
    clock.set(chain.startOfSlot(slot).plus(SlotChains.AFTER).plusSeconds(1));
    SlotsView.SlotView unsure = await().atMost(READY).until(() -> slotView(slot), s -> s.chainAskedAt != null);
    assertThat(unsure.chain).isNull();
    assertThat(unsure.verdict).isEqualTo("ADOPTED");

    relayAddresses.clear();
    relayAddresses.add(relay.address());
    clock.set(chain.startOfSlot(slot).plus(SlotChains.AFTER).plus(SlotChains.RETRY).plusSeconds(2));
    SlotsView.SlotView lost = await().atMost(READY).until(() -> slotView(slot), s -> s.chain != null);
    assertThat(lost.chain).isEqualTo("NOT_ON_CHAIN");
    assertThat(lost.verdict).isEqualTo("LOST_HEIGHT_BATTLE");
    assertThat(lost.because).endsWith("; the pool's relays do not have it");
    assertThat(lost.chainAskedAt).isNull();
    assertThat(ledger().epochs).last().satisfies(e -> assertThat(e.counts).containsEntry("LOST_HEIGHT_BATTLE", 1)
        .containsEntry("ADOPTED", 0));
    Event warning = awaitEvent("LeaderSlotMissed", "leader slot " + slot + " ");
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getMessage()).contains("lost height battle or propagation");
  }

  @Test
  void aFailingLogEndpoint_garbage_hugeLines_andAHashThatIsNoHex_leaveTheSlotUnchecked() {
    startOperator();
    // Refused (a ClusterRole without pods/log), as the API server says it.
    long failing = adoptedSlot(5, s -> new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\","
        + "\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}"));
    long garbage = adoptedSlot(6, s -> log("\u0000\u00ff garbage " + "x".repeat(40_000),
        "Chain extended, new tip: " + OURS + " at slot " + s + "y".repeat(20_000),
        "Chain extended, new tip: " + "zz".repeat(32) + " at slot " + s,
        "Chain extended, new tip: " + OURS.substring(3) + " at slot " + s));
    for (long s : List.of(failing, garbage)) {
      SlotsView.SlotView v = awaitVerdict(s);
      assertThat(v.verdict).isEqualTo("ADOPTED");
      assertThat(v.blockHash).as("no block named for slot %d", s).isNull();
    }
    relayChain.add(Point.of(failing, OURS));
    relayChain.add(Point.of(garbage, OURS));
    clock.set(chain.startOfSlot(garbage).plus(SlotChains.AFTER).plusSeconds(1));
    long served = relay.connectionsServed();
    long passes = agentReads.get();
    await().atMost(READY).until(() -> agentReads.get() >= passes + 3); // each pass reads the agent

    for (long s : List.of(failing, garbage)) {
      assertThat(slotView(s).chain).as("unchecked").isNull();
      assertThat(slotView(s).chainAskedAt).as("never asked").isNull();
    }
    assertThat(relay.connectionsServed()).isEqualTo(served);
    assertReady();
  }

  @Test
  void aLogReadThatFailed_isReadAgainTwoMinutesLater_andNamesTheBlock() {
    startOperator();
    AtomicInteger reads = new AtomicInteger();
    // The API server fails the first read (as it does while it restarts), then serves the log.
    long slot = adoptedSlot(5, s -> reads.getAndIncrement() == 0 ? new MockResponse().setResponseCode(403)
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403}")
        : log(extended(OURS, s)));
    SlotsView.SlotView failed = await().atMost(READY).until(() -> slotView(slot), s -> s.logReads != null);
    assertThat(failed.verdict).isEqualTo("ADOPTED");
    assertThat(failed.blockHash).isNull();
    assertThat(failed.logReads).isEqualTo(1);
    long passes = agentReads.get();
    await().atMost(READY).until(() -> agentReads.get() >= passes + 3);
    assertThat(reads).as("not read again before the retry is due").hasValue(1);

    clock.set(Instant.parse(failed.logReadAt).plus(SlotChains.LOG_RETRY).plusSeconds(1));
    SlotsView.SlotView named = await().atMost(READY).until(() -> slotView(slot), s -> s.blockHash != null);
    assertThat(named.blockHash).isEqualTo(OURS);
    assertThat(named.logReads).isNull();
    assertThat(named.verdict).isEqualTo("ADOPTED");
    assertThat(reads).hasValue(2);

    relayChain.add(Point.of(slot, OURS));
    clock.set(chain.startOfSlot(slot).plus(SlotChains.AFTER).plusSeconds(1));
    assertThat(await().atMost(READY).until(() -> slotView(slot), s -> s.chain != null).chain).isEqualTo("ON_CHAIN");
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  /** A leader slot whose block the agent's counters say was adopted (adopted counter from {@code before} +1). */
  long adoptedSlot(long before, java.util.function.LongFunction<MockResponse> logAfter) {
    long slot = chain.slotAt(clock.instant().plus(SLOT_AHEAD));
    PublishedSchedules.publish(client, clock, slot);
    await().atMost(READY).untilAsserted(() -> {
      SlotsView l = ledger();
      assertThat(l.nextLeaderSlot).isNotNull().satisfies(n -> assertThat(n.slot).isEqualTo(slot));
      assertThat(l.lastReading).isNotNull();
      assertThat(l.lastReading.counters).containsEntry("Forge_adopted", before);
    });
    logs.put(slot, () -> logAfter.apply(slot));
    clock.set(chain.startOfSlot(slot).plusMillis(500));
    agent.set(reading(before + 1));
    clock.set(chain.startOfSlot(slot + 1).plus(SlotBook.GRACE).plusSeconds(5));
    awaitVerdict(slot);
    return slot;
  }

  static AgentReading reading(long adopted) {
    return new AgentReading(ForgingReading.ON, true, "SYNCED", true, List.of(),
        new ForgeCounters(adopted, 0L, 0L, 0L, 0L, adopted));
  }

  static int closedPort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  SlotsView.SlotView awaitVerdict(long slot) {
    return await().atMost(READY).until(() -> slotView(slot), s -> s != null && s.verdict != null);
  }

  SlotsView.SlotView slotView(long slot) {
    SlotsView l = ledger();
    return l == null || l.epochs == null ? null : l.epochs.stream().flatMap(e -> e.slots.stream())
        .filter(s -> s.slot == slot).findFirst().orElse(null);
  }

  SlotsView ledger() {
    StakePool p = pool();
    return p == null || p.getStatus() == null ? null : p.getStatus().slots;
  }

  void awaitReady() {
    await().atMost(READY).untilAsserted(this::assertReady);
  }

  void assertReady() {
    StakePool p = pool();
    assertThat(p.getStatus()).isNotNull();
    Condition ready = p.getStatus().conditions.stream().filter(c -> c.getType().equals(StatusBuilder.READY))
        .findFirst().orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("True");
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }

  Event awaitEvent(String reason, String text) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NAMESPACE).list()
        .getItems().stream().filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(text)).findFirst()
        .orElse(null), e -> e != null);
  }
}
