package io.palisade.deploy.monitoring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.palisade.deploy.model.PoolNames;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where Prometheus finds the pool's agents, and the labels every series gets so {@link AlertRules} and the dashboard
 * can name the pool, the node and its role: {@code pool}, {@code node} ({@code pod} on Kubernetes is the node's name)
 * and {@code role} ({@code block-producer} or {@code relay}), in job {@value AlertRules#JOB_AGENTS}.
 */
public final class ScrapeTargets {
  private ScrapeTargets() {}

  /**
   * A Prometheus operator {@code PodMonitor} (monitoring.coreos.com/v1) selecting the pool's node pods and scraping
   * their agent sidecar's {@code /metrics} on the named port {@value PoolNames#PORT_AGENT}. fabric8 has no typed model
   * for the Prometheus operator's resources, so it is a generic resource.
   *
   * @param spec the pool
   * @param names the pool's Kubernetes names
   * @return the PodMonitor
   */
  public static GenericKubernetesResource podMonitor(PoolSpec spec, PoolNames names) {
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("matchLabels", Map.of(PoolNames.LABEL_POOL, spec.name(), PoolNames.LABEL_NAME, PoolNames.APP_NAME));
    List<Map<String, Object>> relabelings = List.of(
        relabel(List.of("__meta_kubernetes_pod_label_" + sanitize(PoolNames.LABEL_POOL)), "pool"),
        relabel(List.of("__meta_kubernetes_pod_name"), "node"),
        relabel(List.of("__meta_kubernetes_pod_label_" + sanitize(PoolNames.LABEL_ROLE)), "role"),
        fixed("job", AlertRules.JOB_AGENTS));
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", PoolNames.PORT_AGENT);
    endpoint.put("path", "/metrics");
    endpoint.put("interval", "30s");
    endpoint.put("relabelings", relabelings);
    Map<String, Object> specMap = new LinkedHashMap<>();
    specMap.put("selector", selector);
    specMap.put("namespaceSelector", Map.of("matchNames", List.of(names.namespace())));
    specMap.put("podMetricsEndpoints", List.of(endpoint));
    return new GenericKubernetesResourceBuilder().withApiVersion("monitoring.coreos.com/v1").withKind("PodMonitor")
        .withNewMetadata().withName(spec.name() + "-agents").withNamespace(names.namespace())
        .withLabels(names.poolLabels()).endMetadata()
        .withAdditionalProperties(Map.of("spec", specMap)).build();
  }

  /**
   * A {@code PodMonitor} for the Kubernetes operator, in the style of the agents' {@link #podMonitor}: it selects the
   * operator's pods in {@code operatorNamespace} and scrapes {@code /metrics} on the named port
   * {@value PoolNames#PORT_OPERATOR_METRICS}, in job {@value AlertRules#JOB_OPERATOR}. Its series name their pool
   * themselves ({@code pool}, one series set per StakePool), so no relabeling adds one; one PodMonitor serves every
   * pool the operator runs, so it is rendered with the operator's manifests, not with each pool's.
   *
   * @param operatorNamespace where the operator runs
   * @param monitoringNamespace where the Prometheus operator's resources live
   * @return the PodMonitor
   */
  public static GenericKubernetesResource operatorPodMonitor(String operatorNamespace, String monitoringNamespace) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", PoolNames.PORT_OPERATOR_METRICS);
    endpoint.put("path", "/metrics");
    endpoint.put("interval", "30s");
    // One operator at a time, and a restart makes a new pod: without its pod name and address the series stay the
    // same across restarts, so the leader-slot alerts' "first seen above 0" does not fire again for old counts.
    Map<String, Object> dropPod = new LinkedHashMap<>();
    dropPod.put("regex", "pod|container");
    dropPod.put("action", "labeldrop");
    endpoint.put("relabelings", List.of(fixed("job", AlertRules.JOB_OPERATOR),
        fixed("instance", PoolNames.OPERATOR_NAME), dropPod));
    Map<String, Object> specMap = new LinkedHashMap<>();
    specMap.put("selector", Map.of("matchLabels", Map.of(PoolNames.LABEL_NAME, PoolNames.OPERATOR_NAME)));
    specMap.put("namespaceSelector", Map.of("matchNames", List.of(operatorNamespace)));
    specMap.put("podMetricsEndpoints", List.of(endpoint));
    return new GenericKubernetesResourceBuilder().withApiVersion("monitoring.coreos.com/v1").withKind("PodMonitor")
        .withNewMetadata().withName(PoolNames.OPERATOR_NAME).withNamespace(monitoringNamespace)
        .withLabels(Map.of(PoolNames.LABEL_NAME, PoolNames.OPERATOR_NAME, PoolNames.LABEL_MANAGED_BY,
            PoolNames.MANAGED_BY)).endMetadata()
        .withAdditionalProperties(Map.of("spec", specMap)).build();
  }

  /**
   * A {@code scrape_configs} entry for pools on VMs: one static target per node, {@code NODE:AGENT_PORT}, labelled.
   * The node names stand for the machines' addresses: replace them (or make them resolve), and let Prometheus through
   * the host firewall to the agent port (the rendered rulesets admit only node-to-node traffic).
   *
   * @param spec the pool
   * @return {@code {scrape_configs: [...]}}
   */
  public static Map<String, Object> vmScrapeConfig(PoolSpec spec) {
    int port = spec.ports().agent();
    List<Map<String, Object>> staticConfigs = new ArrayList<>();
    for (NodeRef node : spec.nodes()) {
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put("pool", spec.name());
      labels.put("node", node.name());
      labels.put("role", node.isBlockProducer() ? PoolNames.ROLE_BLOCK_PRODUCER : PoolNames.ROLE_RELAY);
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("targets", List.of(node.name() + ":" + port));
      target.put("labels", labels);
      staticConfigs.add(target);
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("job_name", AlertRules.JOB_AGENTS);
    job.put("metrics_path", "/metrics");
    job.put("scrape_interval", "30s");
    job.put("static_configs", staticConfigs);
    return Map.of("scrape_configs", List.of(job));
  }

  private static Map<String, Object> relabel(List<String> sources, String target) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sourceLabels", sources);
    r.put("targetLabel", target);
    r.put("action", "replace");
    return r;
  }

  private static Map<String, Object> fixed(String target, String value) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("targetLabel", target);
    r.put("replacement", value);
    r.put("action", "replace");
    return r;
  }

  /** A Kubernetes label as Prometheus' service discovery names it: every character outside [a-zA-Z0-9_] is '_'. */
  static String sanitize(String label) {
    return label.replaceAll("[^a-zA-Z0-9_]", "_");
  }
}
