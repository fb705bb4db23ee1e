package io.palisade.bench.operator;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolSpec;
import io.palisade.operator.reconcile.OperatorOptions;
import io.palisade.operator.reconcile.StakePoolReconciler;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.TestPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reconcile time of the operator for a pool with 20 relays (4 regions of 5) and its block producer, against fabric8's
 * CRUD mock API server on loopback with the fake StatefulSet controller of the operator's tests (pods ready at once).
 * Passes are run directly on {@link StakePoolReconciler#pass}, one after the other, as the operator's tick would:
 * the first pass (renders and creates every object), each pass until the pool is Ready (pods come up region by
 * region, ordinal by ordinal), then steady passes (nothing to change: the cost of every quiet tick).
 *
 * <p>Run: {@code bench/run.sh io.palisade.bench.operator.ReconcileHarness [steady passes, default 100]}.
 */
public final class ReconcileHarness {
  private ReconcileHarness() {}

  /** @param args optional: the number of steady passes to time */
  public static void main(String[] args) throws Exception {
    int steady = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    try (MockCluster cluster = new MockCluster()) {
      KubernetesClient client = cluster.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(TestPools.NAMESPACE)
          .endMetadata().build()).create();
      StakePool pool = TestPools.stakePool();
      StakePoolSpec spec = pool.getSpec();
      spec.relays.clear();
      for (String region : List.of("eu", "us", "ap", "sa")) {
        StakePoolSpec.RelayGroup g = new StakePoolSpec.RelayGroup();
        g.region = region;
        g.count = 5;
        g.publicAddress = "relays-" + region + ".tpool.example";
        spec.relays.add(g);
      }
      pool.setSpec(PoolSpecCheck.fromYaml(PoolSpecCheck.toYaml(spec)));
      client.resource(pool).create();
      StakePoolReconciler reconciler = new StakePoolReconciler(OperatorOptions.defaults());
      try (FakeStatefulSetController sts = new FakeStatefulSetController(client, TestPools.NAMESPACE)) {
        sts.readyAfter = Duration.ZERO;
        long t0 = System.nanoTime();
        reconciler.pass(pool, client);
        double first = ms(System.nanoTime() - t0);
        int passes = 1;
        List<Double> rising = new ArrayList<>();
        while (!ready(client) && passes < 2000) {
          long t = System.nanoTime();
          reconciler.pass(pool, client);
          rising.add(ms(System.nanoTime() - t));
          passes++;
          Thread.sleep(20);
        }
        double toReady = ms(System.nanoTime() - t0);
        if (!ready(client)) {
          throw new IllegalStateException("the pool did not become Ready in " + passes + " passes");
        }
        List<Double> quiet = new ArrayList<>();
        for (int i = 0; i < steady; i++) {
          long t = System.nanoTime();
          reconciler.pass(pool, client);
          quiet.add(ms(System.nanoTime() - t));
        }
        StakePool live = client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE)
            .withName(TestPools.NAME).get();
        var loaded = PoolSpecCheck.check(live, OperatorOptions.defaults().render());
        var state = io.palisade.operator.model.StatusBuilder.controlState(live.getStatus());
        List<Double> renders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          long t = System.nanoTime();
          new io.palisade.operator.model.PoolDesign(loaded, OperatorOptions.defaults().render(), state,
              live.getStatus().nodeImages).objects();
          renders.add(ms(System.nanoTime() - t));
        }
        System.out.printf("pool: 1 block producer + 20 relays (4 regions x 5), fabric8 CRUD mock on loopback%n");
        System.out.printf("design alone (render + overlay, no I/O), 20 runs: median %.1f ms%n", pct(renders, 50));
        System.out.printf("first pass (render + create every object):  %.1f ms%n", first);
        System.out.printf("passes while pods come up: %d, median %.1f ms, p90 %.1f ms; StakePool to Ready %.0f ms%n",
            rising.size(), pct(rising, 50), pct(rising, 90), toReady);
        System.out.printf("steady pass (nothing to change), %d passes: median %.1f ms, p90 %.1f ms, max %.1f ms%n",
            quiet.size(), pct(quiet, 50), pct(quiet, 90), pct(quiet, 100));
      }
    }
  }

  private static boolean ready(KubernetesClient client) {
    StakePool p = client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE).withName(TestPools.NAME).get();
    return p.getStatus() != null && p.getStatus().conditions != null && p.getStatus().conditions.stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double pct(List<Double> xs, int p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.isEmpty() ? 0 : s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
  }
}
