package io.palisade.control;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.Names;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.UpgradePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the operator wants: which nodes, which version, how to upgrade. It comes from {@code pool.yaml} plus the
 * operator's later requests ({@code palisade upgrade}, {@code palisade relay add}); on Kubernetes, from the
 * StakePool resource.
 *
 * @param pool the pool's name
 * @param nodes every node, block producer first, then relays region by region
 * @param version the version every node should run
 * @param upgrade deadlines of a rollout (and of a relay addition)
 */
public record DesiredPool(String pool, List<NodeRef> nodes, NodeVersion version, UpgradePolicy upgrade) {
  /**
   * Checks the fields: one block producer of ordinal 0 (and at most a standby, ordinal 1), unique names, policy
   * durations present.
   */
  public DesiredPool {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(upgrade, "upgrade");
    nodes = List.copyOf(nodes);
    List<NodeRef> producers = nodes.stream().filter(NodeRef::isBlockProducer).toList();
    if (producers.isEmpty() || producers.size() > 2 || producers.get(0).ordinal() != 0
        || (producers.size() == 2 && producers.get(1).ordinal() != 1)) {
      throw new IllegalArgumentException("a pool has one block producer (and at most one standby after it), was: "
          + nodes);
    }
    if (nodes.stream().map(NodeRef::name).distinct().count() != nodes.size()) {
      throw new IllegalArgumentException("node names must be unique, were: " + nodes);
    }
    Objects.requireNonNull(upgrade.deadlinePerNode(), "upgrade.deadlinePerNode");
    Objects.requireNonNull(upgrade.holdOff(), "upgrade.holdOff");
  }

  /**
   * The desired pool a spec declares.
   *
   * @param spec the pool spec
   * @return its nodes, version and upgrade policy
   */
  public static DesiredPool fromSpec(PoolSpec spec) {
    UpgradePolicy policy = spec.upgrade() == null
        ? new UpgradePolicy(Duration.ofHours(2), Duration.ofMinutes(10))
        : spec.upgrade();
    return new DesiredPool(spec.name(), spec.nodes(), spec.node().version(), policy);
  }

  /** The same pool at another version. */
  public DesiredPool withVersion(NodeVersion newVersion) {
    return new DesiredPool(pool, nodes, newVersion, upgrade);
  }

  /**
   * The same pool with one more relay in {@code region}: the next free ordinal there (a new region starts at 0).
   *
   * @param region the region
   * @return the new desired pool; its new relay is {@link #lastRelayIn(String)}
   */
  public DesiredPool withRelayIn(String region) {
    return withRelayIn(region, List.of());
  }

  /**
   * The same pool with one more relay in {@code region}, skipping names already used by nodes that were removed (a
   * name is never given to another relay).
   *
   * @param region the region
   * @param retired names of removed nodes
   * @return the new desired pool; its new relay is {@link #lastRelayIn(String)}
   */
  public DesiredPool withRelayIn(String region, java.util.Collection<String> retired) {
    int next = nodes.stream()
        .filter(n -> n.role() == NodeRole.RELAY && region.equals(n.region()))
        .mapToInt(n -> n.ordinal() + 1)
        .max()
        .orElse(0);
    while (retired.contains(Names.relayName(region, next))) {
      next++;
    }
    List<NodeRef> more = new ArrayList<>(nodes);
    more.add(new NodeRef(Names.relayName(region, next), NodeRole.RELAY, region, next));
    return new DesiredPool(pool, more, version, upgrade);
  }

  /** The relay with the highest ordinal in {@code region}. */
  public NodeRef lastRelayIn(String region) {
    return nodes.stream()
        .filter(n -> n.role() == NodeRole.RELAY && region.equals(n.region()))
        .reduce((a, b) -> b.ordinal() > a.ordinal() ? b : a)
        .orElseThrow(() -> new IllegalArgumentException("no relay in region " + region));
  }

  /** The block producer. */
  public NodeRef blockProducer() {
    return nodes.stream().filter(NodeRef::isBlockProducer).findFirst().orElseThrow();
  }
}
