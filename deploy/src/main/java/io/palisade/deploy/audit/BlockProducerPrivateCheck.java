package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.palisade.deploy.model.PoolNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The block producer cannot be reached from outside the cluster: no Service but ClusterIP selects it, no host port or
 * host network, and every network policy that selects it admits node-to-node only from the pool's relays.
 */
public final class BlockProducerPrivateCheck implements AuditCheck {
  @Override
  public String id() {
    return "block-producer-private";
  }

  @Override
  public String claim() {
    return "the block producer has no public address: ClusterIP only, no host ports, node-to-node only from relays";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    List<Manifests.Workload> producers = m.workloads().stream().filter(Manifests.Workload::isBlockProducer).toList();
    if (producers.isEmpty()) {
      return List.of(AuditRow.fail(id(), "-", "no block-producer workload (label " + PoolNames.LABEL_ROLE + "="
          + PoolNames.ROLE_BLOCK_PRODUCER + ")"));
    }
    for (Manifests.Workload bp : producers) {
      List<String> p = new ArrayList<>();
      if (PodFacts.isTrue(bp.pod().getHostNetwork())) {
        p.add("hostNetwork puts it on the machine's address");
      }
      int nodeToNode = -1;
      for (PodFacts.Named n : PodFacts.containers(bp.pod())) {
        for (ContainerPort port : n.container().getPorts() == null ? List.<ContainerPort>of()
            : n.container().getPorts()) {
          if (port.getHostPort() != null && port.getHostPort() != 0) {
            p.add(n.label() + " publishes hostPort " + port.getHostPort());
          }
          if (PoolNames.PORT_NODE_TO_NODE.equals(port.getName())) {
            nodeToNode = port.getContainerPort();
          }
        }
      }
      for (Service s : m.services()) {
        if (s.getSpec() == null || !Selectors.matches(s.getSpec().getSelector(), bp.podLabels())) {
          continue;
        }
        String type = s.getSpec().getType() == null ? "ClusterIP" : s.getSpec().getType();
        if (!"ClusterIP".equals(type)) {
          p.add(Manifests.ref(s) + " is of type " + type);
        }
        if (s.getSpec().getExternalIPs() != null && !s.getSpec().getExternalIPs().isEmpty()) {
          p.add(Manifests.ref(s) + " has externalIPs");
        }
      }
      boolean isolated = false;
      for (NetworkPolicy np : m.networkPolicies()) {
        if (np.getSpec() == null || !Selectors.matches(np.getSpec().getPodSelector(), bp.podLabels())) {
          continue;
        }
        List<String> types = np.getSpec().getPolicyTypes() == null ? List.of() : np.getSpec().getPolicyTypes();
        isolated |= types.contains("Ingress");
        List<NetworkPolicyIngressRule> ingress = np.getSpec().getIngress() == null ? List.of()
            : np.getSpec().getIngress();
        for (NetworkPolicyIngressRule rule : ingress) {
          if (!admitsPort(rule.getPorts(), nodeToNode)) {
            continue;
          }
          if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            p.add(Manifests.ref(np) + " admits node-to-node from anywhere");
            continue;
          }
          for (NetworkPolicyPeer peer : rule.getFrom()) {
            boolean relaysOnly = peer.getIpBlock() == null && peer.getNamespaceSelector() == null
                && peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
                && PoolNames.ROLE_RELAY.equals(peer.getPodSelector().getMatchLabels().get(PoolNames.LABEL_ROLE));
            if (!relaysOnly) {
              p.add(Manifests.ref(np) + " admits node-to-node from a peer other than the pool's relays");
            }
          }
        }
      }
      if (!isolated) {
        p.add("no network policy isolates its ingress");
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), bp.ref(), "ClusterIP only; node-to-node only from relays")
          : AuditRow.fail(id(), bp.ref(), String.join("; ", p)));
    }
    return rows;
  }

  /** Whether a rule's port list admits {@code port} (an empty list admits every port). */
  static boolean admitsPort(List<NetworkPolicyPort> ports, int port) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPort p : ports) {
      IntOrString value = p.getPort();
      if (value == null) {
        return true;
      }
      if (value.getIntVal() != null && (value.getIntVal() == port
          || (p.getEndPort() != null && value.getIntVal() <= port && port <= p.getEndPort()))) {
        return true;
      }
      if (value.getStrVal() != null && value.getStrVal().equals(PoolNames.PORT_NODE_TO_NODE)) {
        return true;
      }
    }
    return false;
  }
}
