package io.palisade.operator.k8s;

import io.palisade.gateway.PoolAction;
import io.palisade.operator.model.StakePool;
import java.util.Optional;

/**
 * What the Kubernetes gateway would refuse now, asked when the console queues a destructive action (the
 * {@link io.palisade.gateway.PoolGateway#refusal} contract): the same checks {@link StakePoolActions} makes when the
 * action runs, without changing anything. A relay's removal runs {@link StakePools#removalRefusal} (the region's
 * highest ordinal, its last relay, control's guard rails on the status); a volume needs a node the status lists; key
 * changes refuse the cold key and, for a rotation, a console without a bundle or passphrase file. The action is
 * checked again when it runs: the pool may change in seven days.
 */
final class StakePoolRefusals implements PoolAction.Visitor<Optional<String>> {
  private final StakePools pools;
  private final KubernetesGatewaySettings settings;

  StakePoolRefusals(StakePools pools, KubernetesGatewaySettings settings) {
    this.pools = pools;
    this.settings = settings;
  }

  @Override
  public Optional<String> upgrade(PoolAction.Upgrade a) {
    return Optional.empty(); // not queued: it runs at once, refused then if it must be
  }

  @Override
  public Optional<String> addRelay(PoolAction.AddRelay a) {
    return Optional.empty(); // not queued
  }

  @Override
  public Optional<String> removeRelay(PoolAction.RemoveRelay a) {
    return pools.removalRefusal(settings.namespace(), settings.pool(), a.node());
  }

  @Override
  public Optional<String> removeNode(PoolAction.RemoveNode a) {
    return pools.removalRefusal(settings.namespace(), settings.pool(), a.node());
  }

  @Override
  public Optional<String> deleteVolume(PoolAction.DeleteVolume a) {
    Optional<StakePool> pool = pool();
    if (pool.isEmpty()) {
      return Optional.of(absent());
    }
    try {
      StakePoolActions.nodeRef(pool.get(), a.node());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public Optional<String> deletePool(PoolAction.DeletePool a) {
    return pool().isEmpty() ? Optional.of(absent()) : Optional.empty();
  }

  @Override
  public Optional<String> rotateKeys(PoolAction.RotateKeys a) {
    return StakePoolActions.rotationRefusal(settings, a);
  }

  @Override
  public Optional<String> revokeKeys(PoolAction.RevokeKeys a) {
    return StakePoolActions.revocationRefusal(a);
  }

  private Optional<StakePool> pool() {
    return pools.get(settings.namespace(), settings.pool());
  }

  private String absent() {
    return "no StakePool " + settings.namespace() + "/" + settings.pool() + " in the cluster";
  }
}
