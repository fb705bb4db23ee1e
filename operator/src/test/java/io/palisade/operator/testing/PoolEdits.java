package io.palisade.operator.testing;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.operator.k8s.ConflictRetry;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the mock-cluster tests do to the test pool ({@link TestPools}) through a client, written once. */
public final class PoolEdits {
  private PoolEdits() {}

  /**
   * The test pool with a standby block producer.
   *
   * @param standbyName the standby's node name
   * @param failoverAfter its {@code failoverAfter}, as pool.yaml writes it
   */
  public static StakePool withStandby(String standbyName, String failoverAfter) {
    StakePool p = TestPools.stakePool();
    StakePoolSpec.Standby standby = new StakePoolSpec.Standby();
    standby.name = standbyName;
    standby.failoverAfter = failoverAfter;
    p.getSpec().blockProducer.standby = standby;
    return p;
  }

  /**
   * Waits for the operator's empty hot-key Secret, then puts placeholder hot keys into it, as {@code k8s apply
   * --hot-key-bundle} would put the real ones.
   */
  public static void placeHotKeys(KubernetesClient client, Duration wait) {
    await().atMost(wait).until(() -> client.secrets().inNamespace(NAMESPACE).withName(NAME + "-hot-keys")
        .get() != null);
    client.secrets().inNamespace(NAMESPACE).withName(NAME + "-hot-keys").edit(s -> {
      Map<String, String> data = new HashMap<>();
      for (String k : List.of("kes.skey", "vrf.skey", "node.cert")) {
        data.put(k, Base64.getEncoder().encodeToString(("placeholder " + k).getBytes(StandardCharsets.UTF_8)));
      }
      s.setData(data);
      return s;
    });
  }

  /**
   * Puts a (placeholder) VRF key in the hot-key Secret, beside what it holds: the operator checks it is there, never
   * reads it (leader-aware maintenance reads the published schedule only for a producer with a VRF key).
   */
  public static void giveHotKeys(KubernetesClient client) {
    client.secrets().inNamespace(NAMESPACE).withName(NAME + "-hot-keys").edit(s -> {
      Map<String, String> data = new HashMap<>(s.getData() == null ? Map.of() : s.getData());
      data.put("vrf.skey", Base64.getEncoder().encodeToString("placeholder".getBytes(StandardCharsets.UTF_8)));
      s.setData(data);
      return s;
    });
  }

  /** Sets an annotation on the StakePool, as {@code kubectl annotate} would (retried on a write conflict). */
  public static void annotate(KubernetesClient client, String key, String value) {
    ConflictRetry.run(() -> client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).edit(p -> {
      Map<String, String> a = new HashMap<>(p.getMetadata().getAnnotations() == null ? Map.of()
          : p.getMetadata().getAnnotations());
      a.put(key, value);
      p.getMetadata().setAnnotations(a);
      return p;
    }));
  }
}
