package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.control.MaintenancePolicy;
import io.palisade.operator.k8s.ConflictRetry;
import io.palisade.operator.model.ProducerLeaseRecord;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.ForgingWatch;
import io.palisade.operator.testing.MockCluster;
import io.palisade.testing.MutableClock;
import io.palisade.operator.testing.PoolEdits;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.operator.testing.TestPools;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pool with a standby on the mock cluster: the producer Lease, credentials only with its holder (the producers'
 * forging Secrets), failover after the holder's pod is lost, switchover on request in a free window, an operator
 * restart in the middle of a move, and a random history of pod kills and operator restarts. Throughout, a {@link
 * ForgingWatch} samples the cluster: never two pods with credentials, never two forging Secrets, the token never back.
 */
class StandbyProducerMockTest {
  /** A minute, plus the mock server's stall when an operator is stopped while it works (MockCluster). */
  static final Duration WAIT = Duration.ofSeconds(60).plus(MockCluster.WATCH_CLOSE_STALL);
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";
  static final Duration FAILOVER_AFTER = Duration.ofSeconds(10);

  MockCluster cluster;
  KubernetesClient client;
  FakeStatefulSetController statefulSets;
  ForgingWatch watch;
  MutableClock clock = new MutableClock();
  PoolOperator operator;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    statefulSets = cluster.track(new FakeStatefulSetController(client, NAMESPACE));
    watch = cluster.track(new ForgingWatch(client, NAMESPACE, NAME, Set.of(BP, STANDBY)));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    cluster.close();
    assertThat(watch.violations()).isEmpty();
  }

  void startOperator() {
    operator = PoolOperator.start(client, OperatorOptions.defaults()
        .withTicks(Duration.ofMillis(150), Duration.ofMillis(500)).withClock(clock, clock::nanos)
        .withMaintenance(MaintenancePolicy.DEFAULT).withAgents(watch.agents()));
  }

  void restartOperator() {
    operator.close();
    startOperator();
  }

  /** The pool with its standby, created, its hot keys given; waits until the block producer holds the lease. */
  void createPool() {
    client.resource(PoolEdits.withStandby(STANDBY, "10s")).create();
    PoolEdits.placeHotKeys(client, WAIT);
    settle(BP, 1);
  }

  /**
   * Waits until {@code holder} holds the lease with {@code token}, every node is ready (the standby judged ready as
   * synced), and the holder was seen forging (before that, a holder that is not ready is a pool starting, not a
   * failure).
   */
  void settle(String holder, long token) {
    awaitHolder(holder, token);
    await().atMost(WAIT).untilAsserted(() -> {
      StakePool p2 = pool();
      assertThat(p2.getStatus().conditions).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo(StatusBuilder.READY);
        assertThat(c.getStatus()).isEqualTo("True");
      });
      assertThat(lease().getMetadata().getAnnotations())
          .containsEntry(ProducerLeaseRecord.ANNOTATION_HOLDER_FORGED, "true");
    });
  }

  // The holder's pod is lost (deleted, and its replacement never becomes ready): after failoverAfter the standby is
  // promoted, only once the former holder's Secret is gone and its pod with it; the token grows; events say each step.
  @Test
  void failover_afterTheHoldersPodIsDeleted() {
    startOperator();
    createPool();
    loseHolder(BP);
    clock.advance(FAILOVER_AFTER.plusSeconds(1));
    awaitHolder(STANDBY, 2);
    awaitEvent("FailoverStarted", "failover from " + BP);
    awaitEvent("ProducerFenced", BP + " is gone");
    awaitEvent("ProducerPromoted", STANDBY + " holds the lease (token 2)");
    Lease lease = lease();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(STANDBY);
    assertThat(lease.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("StakePool"));
    assertThat(forgingSecret(BP)).isFalse();
  }

  // The red team's clock attack: the operator's wall clock stepped an hour forward while the holder is in trouble must
  // not start the failover early (it waits failoverAfter of time that really passed, measured monotonically), and the
  // failover says how long the trouble really lasted. Measured on wall time, it failed over at once "for 1h0m..".
  @Test
  void aWallClockSteppedForward_doesNotShortenTheFailoverWait() {
    startOperator();
    createPool();
    loseHolder(BP);
    await().atMost(WAIT).until(() -> lease().getMetadata().getAnnotations()
        .containsKey(ProducerLeaseRecord.ANNOTATION_TROUBLE_SINCE));
    clock.jumpWall(Duration.ofHours(1));
    clock.advance(FAILOVER_AFTER.plusSeconds(1));
    awaitHolder(STANDBY, 2);
    Event started = awaitEvent("FailoverStarted", "failover from " + BP);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("not forging for ([0-9dhms]+)\\)")
        .matcher(started.getMessage());
    assertThat(m.find()).as(started.getMessage()).isTrue();
    assertThat(io.palisade.spec.binding.DurationText.parse(m.group(1))).as(started.getMessage())
        .isGreaterThanOrEqualTo(FAILOVER_AFTER).isLessThan(Duration.ofMinutes(30));
  }

  // Before failoverAfter nothing moves; a switchover asked for waits while a leader slot is near, then runs in the free
  // window after it; the annotation is removed once answered.
  @Test
  void switchover_onRequest_onlyInAFreeWindow() {
    startOperator();
    createPool();
    ChainClock chain = new ChainClock(PublishedSchedules.GENESIS, clock);
    long slot = chain.slotAt(clock.instant().plusSeconds(30));
    PublishedSchedules.publish(client, clock, slot);
    annotateSwitchover();
    await().atMost(WAIT).untilAsserted(() -> {
      StakePoolStatus.ProducerView v = pool().getStatus().producer;
      assertThat(v.phase).isEqualTo("SwitchoverQueued");
      assertThat(v.reason).contains("switchover to " + STANDBY);
    });
    assertThat(pool().getMetadata().getAnnotations()).doesNotContainKey(StakePool.ANNOTATION_SWITCHOVER);
    awaitEvent("SwitchoverWaiting", "free window");
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(BP);

    clock.advance(Duration.ofSeconds(60));
    awaitHolder(STANDBY, 2);
    awaitEvent("SwitchoverStarted", "switchover from " + BP + " to " + STANDBY);
    awaitEvent("ProducerPromoted", STANDBY);

    // A rotation writes new keys into the hot-key Secret: the holder's forging Secret follows, its pod is not
    // restarted for it (the rotation's own restart, in a free window, lays them out).
    settle(STANDBY, 2);
    String uid = client.pods().inNamespace(NAMESPACE).withName(STANDBY + "-0").get().getMetadata().getUid();
    String rotated = Base64.getEncoder().encodeToString("rotated kes".getBytes(StandardCharsets.UTF_8));
    client.secrets().inNamespace(NAMESPACE).withName(NAME + "-hot-keys").edit(s -> {
      s.getData().put("kes.skey", rotated);
      return s;
    });
    await().atMost(WAIT).until(() -> rotated.equals(client.secrets().inNamespace(NAMESPACE)
        .withName(NAME + "-" + STANDBY + "-forging").get().getData().get("kes.skey")));
    assertThat(client.pods().inNamespace(NAMESPACE).withName(STANDBY + "-0").get().getMetadata().getUid())
        .isEqualTo(uid);
  }

  // The operator stopped right after it wrote a move into the Lease, before it acted: the next operator reads the move
  // from the Lease and finishes it, fence first.
  @Test
  void operatorRestart_midMove_resumesFromTheLease() {
    startOperator();
    createPool();
    operator.close();
    operator = null;
    Lease l = lease();
    l.getMetadata().getAnnotations().put(ProducerLeaseRecord.ANNOTATION_HANDOVER, "FAILOVER " + BP + " " + STANDBY
        + " " + clock.instant().minusSeconds(1));
    client.leases().inNamespace(NAMESPACE).resource(l).update();
    assertThat(forgingSecret(BP)).as("the move is written, nothing done yet").isTrue();
    startOperator();
    awaitHolder(STANDBY, 2);
    assertThat(forgingSecret(BP)).isFalse();
  }

  // Two operator replicas that read the same Lease: only the first write succeeds; the other gets a conflict and
  // so acts on nothing. Creating a Lease that exists fails the same way.
  @Test
  void twoWritersOfOneLease_onlyOneWins() {
    client.resource(TestPools.stakePool()).create();
    StakePool p = pool();
    io.palisade.deploy.model.PoolNames names = new io.palisade.deploy.model.PoolNames(
        io.palisade.operator.model.PoolSpecCheck.check(p, io.palisade.deploy.model.RenderOptions.defaults()).spec());
    io.palisade.operator.k8s.ProducerLeaseStore store = new io.palisade.operator.k8s.ProducerLeaseStore(client, names);
    ProducerLeaseRecord first = ProducerLeaseRecord.first(BP, clock.instant());
    store.create(p, first);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create(p, first))
        .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(409));
    Lease a = store.read();
    Lease b = store.read();
    store.update(a, first.withState(first.state().promoted(STANDBY, clock.instant())));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.update(b, first.withState(
        first.state().promoted(STANDBY, clock.instant()))))
        .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(ProducerLeaseRecord.of(store.read()).state().lease().token()).isEqualTo(2);
  }

  // A random history, seeded: the holder's pod lost, the standby's pod killed, switchovers asked for, operator
  // restarts. After each step the pool settles with exactly the holder's Secret; the watch checked it all along.
  @Test
  void randomHistory_neverTwoProducersWithCredentials() {
    startOperator();
    createPool();
    PublishedSchedules.publish(client, clock, null);
    Random random = new Random(18);
    String holder = BP;
    long token = 1;
    for (int round = 0; round < 6; round++) {
      String other = holder.equals(BP) ? STANDBY : BP;
      switch (random.nextInt(4)) {
        case 0 -> {
          loseHolder(holder);
          clock.advance(FAILOVER_AFTER.plusSeconds(1));
          awaitHolder(other, ++token);
          statefulSets.neverReady = (pod, version) -> false;
          holder = other;
        }
        case 1 -> client.pods().inNamespace(NAMESPACE).withName(other + "-0").delete();
        case 2 -> {
          annotateSwitchover();
          if (random.nextBoolean()) {
            restartOperator();
          }
          awaitHolder(other, ++token);
          holder = other;
        }
        default -> restartOperator();
      }
      settle(holder, token);
    }
    assertThat(token).as("the history moved the lease").isGreaterThan(2);
    assertThat(watch.tokens()).isSorted().contains(token);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  // Issue 18: an upgrade of a pool with a standby upgrades the standby (keyless) first, moves the Lease to it by the
  // same switchover the annotation asks for, and only then upgrades the former holder, keyless by then.
  @Test
  void upgrade_upgradesTheStandbyFirst_movesTheLease_thenUpgradesTheFormerHolder() {
    startOperator();
    createPool();
    // Two epochs without a leader slot: every window is free (the switchover needs one, as on request).
    PublishedSchedules.publish(client, clock, null);
    int before = statefulSets.log().size();
    ConflictRetry.run(() -> client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).edit(p -> {
      p.setSpec(TestPools.atVersion(p.getSpec(), TestPools.V2));
      return p;
    }));
    await().atMost(WAIT.multipliedBy(3)).untilAsserted(() -> {
      assertThat(pool().getStatus().poolVersion).isEqualTo(TestPools.V2);
      assertThat(pool().getStatus().rollout).isNull();
    });
    awaitHolder(STANDBY, 2);
    List<String> log = statefulSets.log().subList(before, statefulSets.log().size());
    List<String> producers = log.stream().filter(l -> l.startsWith("create " + BP + "-0")
        || l.startsWith("create " + STANDBY + "-0")).filter(l -> l.endsWith(TestPools.V2)).toList();
    assertThat(producers).first().isEqualTo("create " + STANDBY + "-0 " + TestPools.V2);
    assertThat(producers).contains("create " + BP + "-0 " + TestPools.V2);
    awaitEvent("ForgingMoveRequested", "moving forging from " + BP + " to " + STANDBY);
    awaitEvent("ForgingMoved", "forging moved to " + STANDBY + " (lease token 2)");
    assertThat(log.indexOf("create " + BP + "-0 " + TestPools.V2)).as("the former holder after the standby was ready")
        .isGreaterThan(log.indexOf("ready " + STANDBY + "-0 " + TestPools.V2));
    assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems()).extracting(Event::getReason)
        .doesNotContain("ForgingMoveTimedOut");
  }

  void loseHolder(String holder) {
    statefulSets.neverReady = (pod, version) -> pod.equals(holder + "-0");
    client.pods().inNamespace(NAMESPACE).withName(holder + "-0").delete();
  }

  /** Waits until {@code holder} holds the lease with {@code token}, no move in progress, only its Secret exists. */
  void awaitHolder(String holder, long token) {
    await().atMost(WAIT).untilAsserted(() -> {
      StakePool p = pool();
      assertThat(p.getStatus()).isNotNull();
      StakePoolStatus.ProducerView v = p.getStatus().producer;
      assertThat(v).isNotNull();
      assertThat(v.holder).as(v.reason).isEqualTo(holder);
      assertThat(v.token).isEqualTo(token);
      assertThat(v.phase).isEqualTo("Holding");
      assertThat(lease().getMetadata().getAnnotations()).containsEntry(ProducerLeaseRecord.ANNOTATION_TOKEN,
          Long.toString(token));
      assertThat(forgingSecret(holder)).isTrue();
      assertThat(forgingSecret(holder.equals(BP) ? STANDBY : BP)).isFalse();
    });
  }

  void annotateSwitchover() {
    PoolEdits.annotate(client, StakePool.ANNOTATION_SWITCHOVER, "requested");
  }

  boolean forgingSecret(String node) {
    return client.secrets().inNamespace(NAMESPACE).withName(NAME + "-" + node + "-forging").get() != null;
  }

  Lease lease() {
    return client.leases().inNamespace(NAMESPACE).withName(NAME + "-producer").get();
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
