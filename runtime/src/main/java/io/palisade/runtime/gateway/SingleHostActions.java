package io.palisade.runtime.gateway;

import io.palisade.control.ControlState;
import io.palisade.control.KeyChanges;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PoolActivity;
import io.palisade.control.PoolChanges;
import io.palisade.control.PoolCommands;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolService;
import io.palisade.control.api.PoolStatus;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.PoolAction;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What the single-host gateway does with each kind of {@link PoolAction}, in one file (the architecture page's list
 * of the files a new console action touches): {@link #call} carries it out through control's {@code PoolService};
 * {@link #refusal} asks control's pure guard rails ({@link PoolCommands}, {@link PoolChanges}, {@link KeyChanges}) at
 * the time the console queues a destructive action, on the pool as its status shows it now: what they refuse now, the
 * console refuses to queue, in the same words the runtime would use seven days later. The runtime asks them again when
 * the action runs, on its own state; this is the early answer, not the last word.
 */
final class SingleHostActions {
  private SingleHostActions() {}

  /**
   * Carries an action out through the pool's API.
   *
   * @param service the pool
   * @param action a pool action
   * @return the runtime's answer
   */
  static io.palisade.control.api.ActionResult call(PoolService service, PoolAction action) {
    return action.accept(new PoolAction.Visitor<>() {
      @Override
      public io.palisade.control.api.ActionResult upgrade(PoolAction.Upgrade a) {
        // A downgrade only when the operator ticked it in the console's form (the action says so).
        return service.upgrade(NodeVersion.parse(a.version()), false, a.allowDowngrade());
      }

      @Override
      public io.palisade.control.api.ActionResult addRelay(PoolAction.AddRelay a) {
        return service.addRelay(a.region());
      }

      @Override
      public io.palisade.control.api.ActionResult removeRelay(PoolAction.RemoveRelay a) {
        return service.removeNode(a.node(), true);
      }

      @Override
      public io.palisade.control.api.ActionResult removeNode(PoolAction.RemoveNode a) {
        return service.removeNode(a.node(), false);
      }

      @Override
      public io.palisade.control.api.ActionResult deleteVolume(PoolAction.DeleteVolume a) {
        return service.deleteVolume(a.node());
      }

      @Override
      public io.palisade.control.api.ActionResult deletePool(PoolAction.DeletePool a) {
        return service.deletePool();
      }

      @Override
      public io.palisade.control.api.ActionResult rotateKeys(PoolAction.RotateKeys a) {
        return service.rotateKeys(key(a.role()), a.passphraseFile().isEmpty() ? null : a.passphraseFile());
      }

      @Override
      public io.palisade.control.api.ActionResult revokeKeys(PoolAction.RevokeKeys a) {
        return service.revokeKeys(key(a.role()), a.reason());
      }
    });
  }

  private static KeyChanges.Key key(KeyRole role) {
    return KeyChanges.Key.valueOf(role.name());
  }

  /**
   * @param status the pool now
   * @param action a pool action
   * @return why the runtime would refuse it now, or empty
   */
  static Optional<String> refusal(PoolStatus status, PoolAction action) {
    try {
      return action.accept(new PoolAction.Visitor<Optional<String>>() {
        @Override
        public Optional<String> upgrade(PoolAction.Upgrade a) {
          return Optional.empty(); // not queued: the runtime answers at once
        }

        @Override
        public Optional<String> addRelay(PoolAction.AddRelay a) {
          return Optional.empty(); // not queued
        }

        @Override
        public Optional<String> removeRelay(PoolAction.RemoveRelay a) {
          return removal(status, a.node(), true);
        }

        @Override
        public Optional<String> removeNode(PoolAction.RemoveNode a) {
          return removal(status, a.node(), false);
        }

        @Override
        public Optional<String> deleteVolume(PoolAction.DeleteVolume a) {
          PoolChanges.Outcome o = PoolChanges.deleteVolume(state(status), observed(status), a.node(), status.at());
          return o.accepted() ? Optional.empty() : Optional.of(o.message());
        }

        @Override
        public Optional<String> deletePool(PoolAction.DeletePool a) {
          return Optional.empty();
        }

        @Override
        public Optional<String> rotateKeys(PoolAction.RotateKeys a) {
          // The bundle is read when the rotation runs (it may be copied in during the wait): only the key is known
          // now, and the cold key is refused before any bundle is looked at.
          return a.role() == KeyRole.COLD ? KeyChanges.rotationRefusal(KeyChanges.Key.COLD, Optional.empty(),
              Optional.empty(), null, null) : Optional.empty();
        }

        @Override
        public Optional<String> revokeKeys(PoolAction.RevokeKeys a) {
          KeyChanges.Key key = KeyChanges.Key.valueOf(a.role().name());
          boolean installed = status.keys() != null && status.keys().state() == HotKeyStatus.State.INSTALLED;
          // Installed keys of another role than COLD may go: the facts beyond presence do not change the answer.
          return key == KeyChanges.Key.COLD || !installed ? KeyChanges.revocationRefusal(key, Optional.empty())
              : Optional.empty();
        }
      });
    } catch (NoSuchElementException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> removal(PoolStatus status, String node, boolean relayOnly) {
    PoolChanges.Outcome o = PoolCommands.removeNode(activity(status), state(status), observed(status), node,
        relayOnly, "mainnet".equals(status.network()), status.at());
    return o.accepted() ? Optional.empty() : Optional.of(o.message());
  }

  private static PoolActivity activity(PoolStatus s) {
    List<String> adding = s.relayAddition() == null ? List.of() : List.of(s.relayAddition().node());
    return new PoolActivity(s.version(), s.targetVersion(), s.rollout() == null ? null : s.rollout().to(),
        s.rollout() == null ? null : s.rollout().current(), s.failedVersions(), adding, List.of());
  }

  /** The control state as far as the status shows it: members, their phases and topologies, the rollout. */
  static ControlState state(PoolStatus s) {
    List<String> bpPeers = s.nodes().stream().filter(n -> n.role() == NodeRole.BLOCK_PRODUCER)
        .flatMap(n -> n.peers().stream()).toList();
    List<MemberState> members = new ArrayList<>();
    int ordinal = 0;
    for (NodeStatus n : s.nodes()) {
      boolean bp = n.role() == NodeRole.BLOCK_PRODUCER;
      members.add(new MemberState(new NodeRef(n.name(), n.role(), bp ? null : n.region(), ordinal++), n.version(),
          n.phase(), bp || bpPeers.contains(n.name()), n.peers(), 0, n.restarts(), null, null, null,
          n.lastFailure()));
    }
    return new ControlState(s.version(), members, s.rollout(), s.relayAddition(), s.failedVersions(), s.history(),
        null);
  }

  static Map<String, NodeObservation> observed(PoolStatus s) {
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    for (NodeStatus n : s.nodes()) {
      out.put(n.name(), new NodeObservation(n.name(), s.at(), n.processAlive(), n.processAlive(), n.live(), n.ready(),
          n.state(), n.runningVersion(), n.tipSlot(), n.slotGap(), n.reasons()));
    }
    return out;
  }
}
