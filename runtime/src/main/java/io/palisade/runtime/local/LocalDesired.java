package io.palisade.runtime.local;

import io.palisade.control.DesiredPool;
import io.palisade.control.KeyChanges;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator asked for on top of {@code pool.yaml}, kept in {@code desired.json}: the version to run (set by
 * {@code palisade upgrade}), the relays added by {@code palisade relay add}, the nodes removed through the console,
 * and a revocation of the block producer's hot keys. A restart of {@code palisade up} keeps all of them: a removed
 * relay does not come back, revoked keys are not installed again.
 *
 * @param specVersion the version pool.yaml said when this was last written; a different version in pool.yaml means
 *     the operator edited it, and pool.yaml wins
 * @param version the version the pool should run
 * @param addedRelays relays added at run time, in order
 * @param removedNodes nodes removed at run time (from pool.yaml or added), in order; their names are never reused
 * @param revokedKeys the revocation of the hot keys, until a rotation installs new ones; or null
 */
public record LocalDesired(NodeVersion specVersion, NodeVersion version, List<NodeRef> addedRelays,
    List<String> removedNodes, KeyChanges.Revocation revokedKeys) {
  /** Copies the lists. */
  public LocalDesired {
    addedRelays = addedRelays == null ? List.of() : List.copyOf(addedRelays);
    removedNodes = removedNodes == null ? List.of() : List.copyOf(removedNodes);
  }

  /**
   * Reconciles the saved requests with the spec just loaded.
   *
   * @param saved what desired.json held, or null
   * @param spec the spec
   * @return the requests to use
   */
  public static LocalDesired reconcile(LocalDesired saved, PoolSpec spec) {
    NodeVersion specVersion = spec.node().version();
    if (saved == null) {
      return new LocalDesired(specVersion, specVersion, List.of(), List.of(), null);
    }
    NodeVersion version = saved.specVersion().equals(specVersion) ? saved.version() : specVersion;
    return new LocalDesired(specVersion, version, saved.addedRelays(), saved.removedNodes(), saved.revokedKeys());
  }

  /** The desired pool: the spec's nodes plus the added relays, less the removed nodes, at {@link #version()}. */
  public DesiredPool toDesired(PoolSpec spec) {
    DesiredPool base = DesiredPool.fromSpec(spec);
    List<NodeRef> nodes = new ArrayList<>(base.nodes());
    addedRelays.stream().filter(r -> nodes.stream().noneMatch(n -> n.name().equals(r.name()))).forEach(nodes::add);
    nodes.removeIf(n -> removedNodes.contains(n.name()));
    return new DesiredPool(base.pool(), nodes, version, base.upgrade());
  }

  /** With another target version. */
  public LocalDesired withVersion(NodeVersion v) {
    return new LocalDesired(specVersion, v, addedRelays, removedNodes, revokedKeys);
  }

  /** With one more relay. */
  public LocalDesired withRelay(NodeRef relay) {
    List<NodeRef> more = new ArrayList<>(addedRelays);
    more.add(relay);
    return new LocalDesired(specVersion, version, more, removedNodes, revokedKeys);
  }

  /** With one node removed. */
  public LocalDesired withoutNode(String node) {
    List<String> removed = new ArrayList<>(removedNodes);
    if (!removed.contains(node)) {
      removed.add(node);
    }
    return new LocalDesired(specVersion, version, addedRelays, removed, revokedKeys);
  }

  /** With the hot keys revoked ({@code null}: installed again by a rotation). */
  public LocalDesired withRevokedKeys(KeyChanges.Revocation revocation) {
    return new LocalDesired(specVersion, version, addedRelays, removedNodes, revocation);
  }
}
