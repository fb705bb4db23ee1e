package io.palisade.spec;

import io.palisade.chain.NetworkRef;
import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Pattern;
import io.palisade.spec.binding.Required;
import java.util.List;
import java.util.stream.Stream;

/**
 * One stake pool, as declared in {@code pool.yaml}. Everything else Palisade produces (node configs, topologies,
 * Kubernetes resources, firewall rules, the runtime's plan) derives from this.
 *
 * @param name the pool's short name
 * @param network the Cardano network
 * @param node the cardano-node release and image
 * @param registry the private registry images come from
 * @param blockProducer the block-producing node
 * @param relays relay groups, one per region
 * @param peers extra upstream peers for the relays
 * @param ports ports the nodes and sidecars listen on
 * @param keys where the block producer's hot keys come from
 * @param console the admin console
 * @param upgrade how upgrades roll out
 * @param palisade Palisade's own image
 * @param firewall host firewall settings for VMs
 */
@Doc("A Cardano stake pool: one block producer behind relays in several regions.")
public record PoolSpec(
    @Required
    @Pattern(regex = Names.DNS_LABEL, meaning = Names.DNS_LABEL_MEANING)
    @Doc(value = "Short name of the pool, used in every resource name.", example = "pyur")
    String name,
    @Required
    @Doc(value = "mainnet, preprod, preview, or a path to a directory with a custom network's genesis and config.json.",
        example = "mainnet")
    NetworkRef network,
    @Required @Doc("The cardano-node release every node runs.") NodeSpec node,
    @Required @Doc("The private registry the node image comes from.") RegistrySpec registry,
    @Doc("The block producer. It is never reachable from outside: only its own relays talk to it.")
    BlockProducerSpec blockProducer,
    @Required @Doc("Relay groups, one per region; the public face of the pool.") List<RelayGroupSpec> relays,
    @Doc("Extra upstream peers for the relays.") PeersSpec peers,
    @Doc("Ports the nodes and their sidecars listen on.") PortsSpec ports,
    @Doc("Where the block producer's hot keys (KES, VRF, operational certificate) come from.") KeysSpec keys,
    @Doc("The admin console, the only way into the pool.") ConsoleSpec console,
    @Doc("How node upgrades roll out.") UpgradePolicy upgrade,
    @Doc("Palisade's own image, run beside every node in Kubernetes.") PalisadeSpec palisade,
    @Doc("Host firewall (nftables) settings for pools run on VMs.") FirewallSpec firewall) {

  /** Every node of the pool: the block producer first, its standby if any, then relays region by region. */
  public List<NodeRef> nodes() {
    return Stream.concat(producerRefs().stream(), relayRefs().stream()).toList();
  }

  /** The block producer and, if declared, its standby (ordinal 1): the nodes that may hold the producer lease. */
  public List<NodeRef> producerRefs() {
    return Stream.concat(Stream.of(blockProducerRef()), standbyRef().stream()).toList();
  }

  /** The standby block producer's identity, if the spec declares one. */
  public java.util.Optional<NodeRef> standbyRef() {
    return blockProducer == null || blockProducer.standby() == null || blockProducer.standby().name() == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(new NodeRef(blockProducer.standby().name(), NodeRole.BLOCK_PRODUCER, null, 1));
  }

  /** The block producer's identity. */
  public NodeRef blockProducerRef() {
    return new NodeRef(blockProducer.name(), NodeRole.BLOCK_PRODUCER, null, 0);
  }

  /** Every relay, region by region in file order, numbered from 0 within each region. */
  public List<NodeRef> relayRefs() {
    return relays.stream()
        .flatMap(group -> Stream.iterate(0, i -> i < group.count(), i -> i + 1)
            .map(i -> new NodeRef(Names.relayName(group.region(), i), NodeRole.RELAY, group.region(), i)))
        .toList();
  }

  /**
   * The same pool with every node on another cardano-node release (the image and binary stay as declared; a
   * {@code {version}} in the binary path is the runtime's to resolve).
   *
   * @param version the release
   * @return the pool at that version
   */
  public PoolSpec withNodeVersion(NodeVersion version) {
    java.util.Objects.requireNonNull(version, "version");
    NodeSpec n = node == null ? new NodeSpec(version, null, null) : new NodeSpec(version, node.image(), node.binary());
    return new PoolSpec(name, network, n, registry, blockProducer, relays, peers, ports, keys, console, upgrade,
        palisade, firewall);
  }

  /** The relay group of {@code region}, if declared. */
  public java.util.Optional<RelayGroupSpec> relayGroup(String region) {
    return relays.stream().filter(g -> g.region().equals(region)).findFirst();
  }
}
