package io.palisade.deploy.firewall;

import io.palisade.spec.HostName;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.RelayGroupSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Renders an nftables ruleset per node for pools run on VMs. Inbound: a relay admits only TCP node-to-node; the block
 * producer admits TCP node-to-node only from its relays' addresses; everything else is dropped, SSH included unless
 * the spec names a bastion. Outbound stays open (the node dials peers on any port, and needs DNS and NTP). The file
 * replaces only Palisade's own table ({@code inet palisade}), so loading it twice is harmless.
 */
public final class NftablesRenderer {
  /** The table every ruleset defines. */
  public static final String TABLE = "palisade";

  private final PoolSpec spec;

  /** @param spec the pool */
  public NftablesRenderer(PoolSpec spec) {
    this.spec = spec;
  }

  /**
   * The addresses the block producer admits: the relay groups' public addresses that are IP literals. A firewall
   * cannot match a DNS name; {@link #unmatchableRelayAddresses()} lists those left out.
   */
  public List<String> relaySourcesFromSpec() {
    return spec.relays().stream().map(RelayGroupSpec::publicAddress).filter(HostName::isIpLiteral).distinct()
        .sorted().toList();
  }

  /** Relay public addresses that are names: the block producer's firewall cannot admit them by name. */
  public List<String> unmatchableRelayAddresses() {
    return spec.relays().stream().map(RelayGroupSpec::publicAddress).filter(a -> !HostName.isIpLiteral(a))
        .distinct().sorted().toList();
  }

  /**
   * The ruleset of one node.
   *
   * @param node a node of the pool
   * @param relaySources for the block producer: IP addresses or CIDR blocks its relays connect from
   * @return the nftables file
   * @throws IllegalArgumentException if a relay source is not an address or CIDR block
   */
  public String render(NodeRef node, Collection<String> relaySources) {
    StringBuilder s = new StringBuilder();
    s.append("#!/usr/sbin/nft -f\n");
    s.append("# Palisade host firewall for ").append(node.isBlockProducer() ? "block producer " : "relay ")
        .append(node.name()).append(" of pool ").append(spec.name()).append(". Rendered by 'palisade render';"
        + " edit pool.yaml, not this file.\n");
    s.append("# Load with: nft -f ").append(node.name()).append(".nft   (replaces only table inet ").append(TABLE)
        .append(")\n");
    s.append("table inet ").append(TABLE).append("\n");
    s.append("delete table inet ").append(TABLE).append("\n\n");
    s.append("table inet ").append(TABLE).append(" {\n");
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    if (node.isBlockProducer()) {
      for (String source : new TreeSet<>(relaySources)) {
        String address = source.contains("/") ? source.substring(0, source.indexOf('/')) : source;
        if (!HostName.isIpLiteral(address)) {
          throw new IllegalArgumentException("relay source must be an IP address or CIDR block, was: \"" + source
              + "\"");
        }
        (address.contains(":") ? v6 : v4).add(source);
      }
      s.append(set("relays4", "ipv4_addr", v4));
      s.append(set("relays6", "ipv6_addr", v6));
    }
    s.append("  chain input {\n");
    s.append("    type filter hook input priority filter; policy drop;\n");
    s.append("    iif \"lo\" accept\n");
    s.append("    ct state established,related accept\n");
    s.append("    ct state invalid drop\n");
    s.append("    # Path MTU discovery and IPv6 neighbour discovery; no ping.\n");
    s.append("    meta l4proto icmp icmp type { destination-unreachable, time-exceeded, parameter-problem } accept\n");
    s.append("    meta l4proto ipv6-icmp icmpv6 type { destination-unreachable, packet-too-big, time-exceeded,"
        + " parameter-problem, nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept\n");
    String ports = portSet(node);
    if (node.isBlockProducer()) {
      s.append("    # Node-to-node only from the pool's own relays.\n");
      s.append("    ip saddr @relays4 tcp dport ").append(ports).append(" ct state new accept\n");
      s.append("    ip6 saddr @relays6 tcp dport ").append(ports).append(" ct state new accept\n");
    } else {
      s.append("    # Node-to-node from anywhere: this relay is the pool's public face.\n");
      s.append("    tcp dport ").append(ports).append(" ct state new accept\n");
    }
    String bastion = spec.firewall() == null ? null : spec.firewall().sshBastion();
    if (bastion != null) {
      s.append("    # SSH only from the bastion named in pool.yaml.\n");
      s.append("    ").append(bastion.contains(":") ? "ip6" : "ip").append(" saddr ").append(bastion)
          .append(" tcp dport 22 ct state new accept\n");
    } else {
      s.append("    # No SSH: pool.yaml names no bastion (firewall.sshBastion).\n");
    }
    s.append("  }\n\n");
    s.append("  chain forward {\n");
    s.append("    type filter hook forward priority filter; policy drop;\n");
    s.append("  }\n\n");
    s.append("  chain output {\n");
    s.append("    type filter hook output priority filter; policy accept;\n");
    s.append("  }\n");
    s.append("}\n");
    return s.toString();
  }

  private String portSet(NodeRef node) {
    TreeSet<Integer> ports = new TreeSet<>();
    ports.add(spec.ports().nodeToNode());
    if (!node.isBlockProducer()) {
      spec.relayGroup(node.region()).ifPresent(g -> ports.add(g.port()));
    }
    return ports.size() == 1 ? String.valueOf(ports.first())
        : "{ " + String.join(", ", ports.stream().map(String::valueOf).toList()) + " }";
  }

  private static String set(String name, String type, List<String> elements) {
    StringBuilder s = new StringBuilder();
    s.append("  set ").append(name).append(" {\n");
    s.append("    type ").append(type).append("\n");
    s.append("    flags interval\n");
    if (!elements.isEmpty()) {
      s.append("    elements = { ").append(String.join(", ", elements)).append(" }\n");
    }
    s.append("  }\n\n");
    return s.toString();
  }
}
