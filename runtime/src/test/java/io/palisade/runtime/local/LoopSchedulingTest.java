package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.agent.PoolView;
import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.HealthState;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.RolloutState;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.UpgradePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control loop's extra passes: when the state's next deadline is, coalesced wake-ups, the pool's view. */
class LoopSchedulingTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
  private static final NodeVersion V1 = NodeVersion.parse("10.5.3");
  private static final NodeVersion V2 = NodeVersion.parse("10.6.0");
  private static final NodeRef RELAY = new NodeRef("relay-a-0", NodeRole.RELAY, "a", 0);
  private static final NodeRef BP = new NodeRef("block-producer", NodeRole.BLOCK_PRODUCER, null, 0);
  private static final DesiredPool DESIRED = new DesiredPool("p", List.of(BP, RELAY), V2,
      new UpgradePolicy(Duration.ofSeconds(60), Duration.ofSeconds(5)));

  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    loop.shutdownNow();
  }

  private static MemberState member(NodeRef ref, Instant nextRestartAt) {
    return new MemberState(ref, V1, nextRestartAt == null ? MemberState.Phase.RUNNING
        : MemberState.Phase.RESTART_PENDING, true, List.of(), 0, 0, T, nextRestartAt, null, null);
  }

  private static RolloutState upgrading(Instant stepStartedAt, Instant readySince) {
    return new RolloutState("r", V1, V2, T, List.of("relay-a-0", "block-producer"), List.of(),
        Map.of("relay-a-0", V1, "block-producer", V1), RolloutState.Phase.UPGRADING, "relay-a-0", stepStartedAt,
        readySince, null, null, List.of(), null);
  }

  @Test
  void nextDeadline_isTheHoldsEnd_theStepsDeadline_orABackoff_whicheverComesFirst() {
    ControlState idle = new ControlState(V1, List.of(member(BP, null), member(RELAY, null)), null, null, List.of(),
        List.of(), null);
    assertThat(LoopDeadlines.next(null, DESIRED, T)).isEmpty();
    assertThat(LoopDeadlines.next(idle, DESIRED, T)).isEmpty();

    ControlState holding = new ControlState(V1, List.of(member(BP, null), member(RELAY, null)),
        upgrading(T, T.plusSeconds(7)), null, List.of(), List.of(), null);
    // Ready at +7 s, held 5 s: the step ends at +12 s, before its 60 s deadline.
    assertThat(LoopDeadlines.next(holding, DESIRED, T.plusSeconds(8))).hasValue(T.plusSeconds(12));
    // After the hold (the pass that ends it is late), the step's deadline is next.
    assertThat(LoopDeadlines.next(holding, DESIRED, T.plusSeconds(13))).hasValue(T.plusSeconds(60));

    ControlState backingOff = new ControlState(V1, List.of(member(BP, null), member(RELAY, T.plusSeconds(10))),
        upgrading(T, null), null, List.of(), List.of(), null);
    assertThat(LoopDeadlines.next(backingOff, DESIRED, T.plusSeconds(1))).hasValue(T.plusSeconds(10));
    assertThat(LoopDeadlines.next(backingOff, DESIRED, T.plusSeconds(61))).isEmpty();
  }

  @Test
  void wakeUps_whileOneIsPending_areOnePass_andNeverOverlap() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LoopWakeups wakeups = new LoopWakeups(loop, () -> {
      passes.incrementAndGet();
      inPass.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, () -> false);
    wakeups.wake();
    assertThat(inPass.await(10, TimeUnit.SECONDS)).isTrue();
    // While the first pass runs, three wake-ups come: they make one more pass, not three.
    wakeups.wake();
    wakeups.wake();
    wakeups.wake();
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 2);
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
    assertThat(passes.get()).isEqualTo(2);
  }

  @Test
  void aDeadline_wakesTheLoop_whenItComes_andAStoppingPoolIsNotWoken() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    LoopWakeups wakeups = new LoopWakeups(loop, passes::incrementAndGet, () -> false);
    Instant now = Instant.now();
    loop.submit(() -> wakeups.wakeAt(Optional.of(now.plusMillis(300)), now)).get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 1);

    AtomicInteger none = new AtomicInteger();
    new LoopWakeups(loop, none::incrementAndGet, () -> true).wake();
    loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
    assertThat(none.get()).isZero();
  }

  @Test
  void poolView_isTheOtherNodesTips_highestFirst_leavingOutTheNodeItself() {
    Map<String, NodeObservation> observed = new LinkedHashMap<>();
    observed.put("block-producer", seen("block-producer", 1000L, T));
    observed.put("relay-a-0", seen("relay-a-0", 1040L, T.plusSeconds(1)));
    observed.put("relay-b-0", NodeObservation.down("relay-b-0", T, "process not running"));
    assertThat(PoolViews.of(observed, "block-producer"))
        .hasValue(new PoolView(T.plusSeconds(1), 1, OptionalLong.of(1040)));
    assertThat(PoolViews.of(observed, "relay-b-0")).hasValue(new PoolView(T.plusSeconds(1), 2, OptionalLong.of(1040)));
    assertThat(PoolViews.of(Map.of("relay-a-0", seen("relay-a-0", 5L, T)), "relay-a-0")).isEmpty();
  }

  private static NodeObservation seen(String node, Long tip, Instant at) {
    return new NodeObservation(node, at, true, true, true, true, HealthState.SYNCED, V1, tip, 3L, List.of());
  }
}
