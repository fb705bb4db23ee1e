package io.palisade.control.local;

import io.palisade.control.DesiredPool;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator asked for on top of {@code pool.yaml}, kept in {@code desired.json}: the version to run (set by
 * {@code palisade upgrade}) and the relays added by {@code palisade relay add}.
 *
 * @param specVersion the version pool.yaml said when this was last written; a different version in pool.yaml means
 *     the operator edited it, and pool.yaml wins
 * @param version the version the pool should run
 * @param addedRelays relays added at run time, in order
 */
public record LocalDesired(NodeVersion specVersion, NodeVersion version, List<NodeRef> addedRelays) {
  /** Copies the list. */
  public LocalDesired {
    addedRelays = addedRelays == null ? List.of() : List.copyOf(addedRelays);
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
      return new LocalDesired(specVersion, specVersion, List.of());
    }
    NodeVersion version = saved.specVersion().equals(specVersion) ? saved.version() : specVersion;
    return new LocalDesired(specVersion, version, saved.addedRelays());
  }

  /** The desired pool: the spec's nodes plus the added relays, at {@link #version()}. */
  public DesiredPool toDesired(PoolSpec spec) {
    DesiredPool base = DesiredPool.fromSpec(spec);
    List<NodeRef> nodes = new ArrayList<>(base.nodes());
    addedRelays.stream().filter(r -> nodes.stream().noneMatch(n -> n.name().equals(r.name()))).forEach(nodes::add);
    return new DesiredPool(base.pool(), nodes, version, base.upgrade());
  }

  /** With another target version. */
  public LocalDesired withVersion(NodeVersion v) {
    return new LocalDesired(specVersion, v, addedRelays);
  }

  /** With one more relay. */
  public LocalDesired withRelay(NodeRef relay) {
    List<NodeRef> more = new ArrayList<>(addedRelays);
    more.add(relay);
    return new LocalDesired(specVersion, version, more);
  }
}
