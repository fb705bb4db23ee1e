package io.palisade.cli.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code palisade relay add --region R --kubernetes --pool P}: patches the StakePool (one more relay in R); the
 * operator creates it, waits for it to be ready, then adds it to the block producer's topology and network policy.
 */
public final class KubernetesRelayAdd {
  private KubernetesRelayAdd() {}

  /**
   * The result, for {@code --json}.
   *
   * @param namespace the pool's namespace
   * @param pool the pool
   * @param relay the new relay
   * @param admitted with --wait: whether it is in the block producer's topology
   * @param message what happened
   */
  public record RelayAddResult(String namespace, String pool, String relay, Boolean admitted, String message) {}

  /**
   * Runs it.
   *
   * @param target the StakePool (--pool required) and its cluster
   * @param region the region
   * @param publicAddress the public address of a new region, or null
   * @param await whether to wait for the relay to be admitted
   * @param json the --json option
   * @param out stdout
   * @param err stderr (progress)
   * @return the exit code
   * @throws InterruptedException if interrupted while waiting
   */
  public static int run(StakePoolOptions target, String region, String publicAddress, boolean await,
      JsonOption json, PrintWriter out, PrintWriter err) throws InterruptedException {
    String pool = target.pool();
    String ns = target.namespace();
    try (KubernetesClient client = target.kube().client()) {
      StakePools pools = new StakePools(client);
      String relay;
      try {
        relay = pools.addRelay(ns, pool, region, publicAddress);
      } catch (StakePools.RefusedException e) {
        if (json.enabled()) {
          json.print(out, new RelayAddResult(ns, pool, null, null, "refused: " + e.getMessage()), () -> { });
          out.flush();
          return ExitCodes.REFUSED;
        }
        throw new ExitException(ExitCodes.REFUSED, "refused: " + e.getMessage(), e);
      }
      if (!await) {
        RelayAddResult r = new RelayAddResult(ns, pool, relay, null, "StakePool " + ns + "/" + pool
            + " asks for " + relay + "; the operator adds it to the block producer's topology once it is ready."
            + " Raise the region's count in pool.yaml too, or the next 'palisade k8s apply' asks for fewer relays");
        json.print(out, r, () -> out.println(r.message()));
        out.flush();
        return ExitCodes.OK;
      }
      err.println("waiting for the operator to add " + relay + " ...");
      err.flush();
      Instant end = Instant.now().plus(Duration.ofDays(1));
      while (Instant.now().isBefore(end)) {
        Optional<StakePoolStatus.NodeView> n = pools.get(ns, pool).map(StakePool::getStatus)
            .flatMap(s -> s.nodes == null ? Optional.empty()
                : s.nodes.stream().filter(x -> x.name.equals(relay)).findFirst());
        if (n.isPresent() && ("FAILED".equals(n.get().phase) || Boolean.TRUE.equals(n.get().admitted))) {
          boolean admitted = Boolean.TRUE.equals(n.get().admitted);
          RelayAddResult r = new RelayAddResult(ns, pool, relay, admitted, admitted
              ? relay + " is ready and in the block producer's topology"
              : relay + " was not added: " + n.get().lastFailure);
          json.print(out, r, () -> out.println(r.message()));
          out.flush();
          return admitted ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        Thread.sleep(1000);
      }
      throw new ExitException(ExitCodes.UNAVAILABLE, "gave up waiting for " + relay);
    } catch (KubernetesClientException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot reach the cluster: " + e.getMessage(), e);
    }
  }
}
