package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.palisade.deploy.model.PoolNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Only cardano traffic gets in: Services carry TCP node-to-node only (never the node-to-client socket, never metrics),
 * and network policies admit TCP node-to-node, plus the agent's port from a namespace selector (monitoring) only.
 */
public final class CardanoTrafficOnlyCheck implements AuditCheck {
  @Override
  public String id() {
    return "only-cardano-traffic";
  }

  @Override
  public String claim() {
    return "only TCP node-to-node is admitted; the agent's metrics only from the monitoring namespace";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    Set<Integer> nodeToNode = new HashSet<>();
    Set<Integer> agent = new HashSet<>();
    for (Manifests.Workload w : m.workloads()) {
      for (PodFacts.Named n : PodFacts.containers(w.pod())) {
        for (ContainerPort p : n.container().getPorts() == null ? List.<ContainerPort>of()
            : n.container().getPorts()) {
          if (PoolNames.PORT_NODE_TO_NODE.equals(p.getName())) {
            nodeToNode.add(p.getContainerPort());
          } else if (PoolNames.PORT_AGENT.equals(p.getName())) {
            agent.add(p.getContainerPort());
          }
        }
      }
    }
    List<AuditRow> rows = new ArrayList<>();
    for (Service s : m.services()) {
      List<String> p = new ArrayList<>();
      for (ServicePort port : s.getSpec() == null || s.getSpec().getPorts() == null ? List.<ServicePort>of()
          : s.getSpec().getPorts()) {
        if (!"TCP".equals(port.getProtocol() == null ? "TCP" : port.getProtocol())) {
          p.add("port " + port.getPort() + " is " + port.getProtocol());
        }
        IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
        boolean toNode = PoolNames.PORT_NODE_TO_NODE.equals(target.getStrVal())
            || (target.getIntVal() != null && nodeToNode.contains(target.getIntVal()));
        if (!toNode) {
          p.add("port " + port.getPort() + " leads to " + (target.getStrVal() != null ? target.getStrVal()
              : target.getIntVal()) + ", not node-to-node");
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), Manifests.ref(s), "TCP node-to-node only")
          : AuditRow.fail(id(), Manifests.ref(s), String.join("; ", p)));
    }
    for (NetworkPolicy np : m.networkPolicies()) {
      List<String> p = new ArrayList<>();
      List<NetworkPolicyIngressRule> ingress = np.getSpec() == null || np.getSpec().getIngress() == null ? List.of()
          : np.getSpec().getIngress();
      for (int i = 0; i < ingress.size(); i++) {
        NetworkPolicyIngressRule rule = ingress.get(i);
        if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
          p.add("ingress[" + i + "] admits every port");
          continue;
        }
        for (NetworkPolicyPort port : rule.getPorts()) {
          Integer number = port.getPort() == null ? null : port.getPort().getIntVal();
          String name = port.getPort() == null ? null : port.getPort().getStrVal();
          boolean tcp = "TCP".equals(port.getProtocol() == null ? "TCP" : port.getProtocol());
          boolean isNode = PoolNames.PORT_NODE_TO_NODE.equals(name) || (number != null && nodeToNode.contains(number));
          boolean isAgent = PoolNames.PORT_AGENT.equals(name) || (number != null && agent.contains(number));
          if (!tcp || port.getEndPort() != null || (!isNode && !isAgent)) {
            p.add("ingress[" + i + "] admits " + (tcp ? "TCP " : port.getProtocol() + " ")
                + (name != null ? name : number) + (port.getEndPort() != null ? "-" + port.getEndPort() : ""));
          } else if (isAgent && !fromNamespacesOnly(rule)) {
            p.add("ingress[" + i + "] admits the agent's port from outside a namespace selector");
          }
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), Manifests.ref(np), "admits node-to-node and monitoring only")
          : AuditRow.fail(id(), Manifests.ref(np), String.join("; ", p)));
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no Services or network policies found"));
    }
    return rows;
  }

  private static boolean fromNamespacesOnly(NetworkPolicyIngressRule rule) {
    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
      return false;
    }
    for (NetworkPolicyPeer peer : rule.getFrom()) {
      if (peer.getIpBlock() != null || peer.getNamespaceSelector() == null
          || peer.getNamespaceSelector().getMatchLabels() == null
          || peer.getNamespaceSelector().getMatchLabels().isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
