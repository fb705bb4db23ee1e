package io.palisade.operator.k8s;

import io.palisade.control.ControlState;
import io.palisade.control.MemberState;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.PoolAction;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import java.util.Optional;

/**
 * The decisions of the Kubernetes gateway's actions that read no cluster: which node a StakePool's status names, and
 * why a key change is refused whatever the pool's state. {@link StakePoolActions} asks them when an action runs and
 * its {@link StakePoolActions.Refusals} when the console queues one, so both give the same answer.
 */
final class ActionChecks {
  private ActionChecks() {}

  /**
   * Why a key rotation is refused before anything is read: the cold key, no bundle or no passphrase file configured.
   * Asked when the rotation runs and, by the gateway, when it is queued.
   *
   * @param settings what this console was started with
   * @param k the rotation
   * @return the refusal (without the "refused: " the result adds), or empty
   */
  static Optional<String> rotationRefusal(KubernetesGatewaySettings settings, PoolAction.RotateKeys k) {
    if (k.role() == KeyRole.COLD) {
      return Optional.of("the cold key never enters the cluster; rotate it offline with 'palisade keys' and install"
          + " the new hot-key bundle");
    }
    if (settings.hotKeyBundle().isEmpty()) {
      return Optional.of("this console has no hot-key bundle to install; start it with --hot-key-bundle FILE"
          + " (written by 'palisade keys rotate')");
    }
    if (k.passphraseFile().isEmpty() && settings.passphraseFile().isEmpty()) {
      return Optional.of("name the bundle's passphrase file in the action (or start the console with"
          + " --bundle-passphrase-file)");
    }
    return Optional.empty();
  }

  /**
   * @param k a revocation
   * @return why it is refused whatever the pool's state (the cold key), or empty
   */
  static Optional<String> revocationRefusal(PoolAction.RevokeKeys k) {
    return k.role() == KeyRole.COLD ? Optional.of("the cold key never enters the cluster; revoke it offline (retire"
        + " the pool or register a new one)") : Optional.empty();
  }

  /**
   * A node the StakePool's status lists, as the control state (else the spec) names it.
   *
   * @throws IllegalArgumentException if the status does not list it
   */
  static NodeRef nodeRef(StakePool pool, String node) {
    StakePoolStatus s = pool.getStatus();
    boolean listed = s != null && s.nodes != null && s.nodes.stream().anyMatch(n -> node.equals(n.name));
    if (!listed) {
      throw new IllegalArgumentException("no node named " + node + " in StakePool " + pool.getMetadata().getNamespace()
          + "/" + pool.getMetadata().getName());
    }
    ControlState state = StatusBuilder.controlState(s);
    Optional<NodeRef> member = state == null ? Optional.empty() : state.member(node).map(MemberState::ref);
    return member.or(() -> check(pool).spec().nodes().stream().filter(n -> n.name().equals(node)).findFirst())
        .orElseThrow(() -> new IllegalArgumentException("StakePool " + pool.getMetadata().getNamespace() + "/"
            + pool.getMetadata().getName() + " does not declare " + node));
  }

  /** The StakePool's spec, checked as the operator checks it. */
  static LoadedPoolSpec check(StakePool pool) {
    return PoolSpecCheck.check(pool, RenderOptions.defaults());
  }
}
