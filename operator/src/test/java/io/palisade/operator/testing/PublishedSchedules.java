package io.palisade.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.PublishedSchedule;
import io.palisade.operator.reconcile.LeaderSchedules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the test pool's leader-schedule Secret as the block producer's schedule publisher would: one
 * {@code palisade leader-schedule --epoch N --json} output per epoch (the fields the operator reads), for the current
 * epoch and the next.
 */
public final class PublishedSchedules {
  /** The test pool's network. */
  public static final GenesisParameters GENESIS = PoolSpecCheck.check(TestPools.stakePool(),
      RenderOptions.defaults()).genesis();

  private PublishedSchedules() {}

  /**
   * Publishes the current and next epochs (at {@code clock}'s time) with at most one leader slot.
   *
   * @param client the client
   * @param clock the operator's clock
   * @param leaderSlot the one leader slot, or null for none
   */
  public static void publish(KubernetesClient client, Clock clock, Long leaderSlot) {
    ChainClock c = new ChainClock(GENESIS, clock);
    long current = c.epochOf(c.currentSlot());
    Map<String, String> data = new HashMap<>();
    for (long e = current; e <= current + 1; e++) {
      long first = c.firstSlotOfEpoch(e);
      String rows = leaderSlot != null && c.epochOf(leaderSlot) == e
          ? "{\"slot\":" + leaderSlot + ",\"slotInEpoch\":" + (leaderSlot - first) + "}" : "";
      String json = "{\"network\":\"preview\",\"source\":\"node at /ipc/node.socket\",\"epoch\":" + e
          + ",\"firstSlot\":" + first + ",\"epochLength\":" + (c.firstSlotOfEpoch(e + 1) - first)
          + ",\"leaderSlots\":[" + rows + "]}";
      data.put(PublishedSchedule.key(e), Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }
    String name = LeaderSchedules.secretName(TestPools.NAME);
    // The operator creates the Secret empty (and owns it); the publisher only writes its data.
    await().atMost(Duration.ofSeconds(60)).until(() -> client.secrets().inNamespace(TestPools.NAMESPACE)
        .withName(name).get() != null);
    client.secrets().inNamespace(TestPools.NAMESPACE).withName(name).edit(s -> {
      s.setData(data);
      return s;
    });
  }
}
