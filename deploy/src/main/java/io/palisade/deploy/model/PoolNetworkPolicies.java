package io.palisade.deploy.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.palisade.spec.PoolSpec;
import java.util.List;
import java.util.Map;

/**
 * The pool's network policies. Everything is denied, then: the block producer accepts node-to-node only from its
 * relays and talks only to its relays and DNS; relays accept node-to-node from anywhere and talk TCP to the world
 * (peers listen on any port), never to the cloud metadata service; the agents' port admits only the monitoring
 * namespace (the kubelet's probes are not subject to policies), and on the producers also the operator's pods, which
 * read the agents' {@code /status} pod to pod for the producer lease (no API-server proxy, no {@code pods/proxy}
 * right in the operator's role).
 */
public final class PoolNetworkPolicies {
  /** The namespace label Kubernetes sets on every namespace. */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  /** Link-local addresses, where cloud metadata services answer. */
  static final String LINK_LOCAL_V4 = "169.254.0.0/16";
  static final String LINK_LOCAL_V6 = "fe80::/10";

  private final PoolSpec spec;
  private final PoolNames names;
  private final RenderOptions options;

  /**
   * @param spec the pool
   * @param options cluster facts
   */
  public PoolNetworkPolicies(PoolSpec spec, RenderOptions options) {
    this.spec = spec;
    this.names = new PoolNames(spec);
    this.options = options;
  }

  /** Every policy, default-deny first. */
  public List<NetworkPolicy> all() {
    return List.of(defaultDeny(), blockProducer(), relays());
  }

  /** Denies all ingress and egress of every pod in the namespace. */
  public NetworkPolicy defaultDeny() {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(names.defaultDenyPolicy()).withNamespace(names.namespace())
        .withLabels(names.poolLabels()).endMetadata()
        .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Ingress", "Egress").endSpec()
        .build();
  }

  /**
   * The block producers: node-to-node in from relays only, the agents' port from monitoring and the operator, out to
   * relays and DNS only.
   */
  public NetworkPolicy blockProducer() {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(names.blockProducerPolicy()).withNamespace(names.namespace())
        .withLabels(names.poolLabels()).endMetadata()
        .withNewSpec()
        .withPodSelector(role(PoolNames.ROLE_BLOCK_PRODUCER))
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(
            new NetworkPolicyIngressRuleBuilder().withFrom(pods(PoolNames.ROLE_RELAY))
                .withPorts(tcp(spec.ports().nodeToNode())).build(),
            monitoringIngress(),
            operatorIngress())
        .withEgress(
            new NetworkPolicyEgressRuleBuilder().withTo(pods(PoolNames.ROLE_RELAY))
                .withPorts(tcp(spec.ports().nodeToNode())).build(),
            dnsEgress())
        .endSpec()
        .build();
  }

  /** Relays: node-to-node in from anywhere; out to pool nodes, to the world over TCP, and DNS. */
  public NetworkPolicy relays() {
    NetworkPolicyIngressRule publicIngress = new NetworkPolicyIngressRuleBuilder()
        .withPorts(tcp(spec.ports().nodeToNode())).build();
    NetworkPolicyEgressRule pool = new NetworkPolicyEgressRuleBuilder()
        .withTo(pods(PoolNames.ROLE_BLOCK_PRODUCER), pods(PoolNames.ROLE_RELAY))
        .withPorts(tcp(spec.ports().nodeToNode())).build();
    NetworkPolicyEgressRule world = new NetworkPolicyEgressRuleBuilder()
        .withTo(
            new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(LINK_LOCAL_V4)
                .endIpBlock().build(),
            new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("::/0").withExcept(LINK_LOCAL_V6)
                .endIpBlock().build())
        .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").build())
        .build();
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(names.relayPolicy()).withNamespace(names.namespace())
        .withLabels(names.poolLabels()).endMetadata()
        .withNewSpec()
        .withPodSelector(role(PoolNames.ROLE_RELAY))
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(publicIngress, monitoringIngress())
        .withEgress(pool, world, dnsEgress())
        .endSpec()
        .build();
  }

  private NetworkPolicyIngressRule monitoringIngress() {
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
            .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, options.monitoringNamespace())).endNamespaceSelector()
            .build())
        .withPorts(tcp(spec.ports().agent()))
        .build();
  }

  /** The operator's pods, in its namespace, to the agents' port: its reads of the producers' agents. */
  private NetworkPolicyIngressRule operatorIngress() {
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(new NetworkPolicyPeerBuilder()
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, options.operatorNamespace())).endNamespaceSelector()
            .withNewPodSelector().withMatchLabels(Map.of(PoolNames.LABEL_NAME, PoolNames.OPERATOR_NAME))
            .endPodSelector()
            .build())
        .withPorts(tcp(spec.ports().agent()))
        .build();
  }

  private static NetworkPolicyEgressRule dnsEgress() {
    NetworkPolicyPeer kubeDns = new NetworkPolicyPeerBuilder()
        .withNewNamespaceSelector().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, "kube-system")).endNamespaceSelector()
        .withNewPodSelector().withMatchLabels(Map.of("k8s-app", "kube-dns")).endPodSelector()
        .build();
    return new NetworkPolicyEgressRuleBuilder().withTo(kubeDns)
        .withPorts(port("UDP", 53), port("TCP", 53)).build();
  }

  private LabelSelector role(String role) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(PoolNames.LABEL_POOL, spec.name(),
        PoolNames.LABEL_ROLE, role)).build();
  }

  private NetworkPolicyPeer pods(String role) {
    return new NetworkPolicyPeerBuilder().withPodSelector(role(role)).build();
  }

  private static NetworkPolicyPort tcp(int port) {
    return port("TCP", port);
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
  }
}
