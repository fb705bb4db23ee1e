package io.palisade.deploy.monitoring;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.PoolSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's monitoring objects for a cluster running the Prometheus operator and Grafana's dashboard sidecar, all in
 * the monitoring namespace (the one the pool's network policies let scrape the agents): a {@code PodMonitor} for
 * the agents, a {@code PrometheusRule} with {@link AlertRules}' groups, and a ConfigMap holding the dashboard with
 * the sidecar's label {@value #DASHBOARD_LABEL}. They are kept apart from {@code kubernetes/}, so applying the pool
 * never fails on a cluster without the Prometheus operator's CRDs.
 */
public final class MonitoringResources {
  /** The label Grafana's dashboard sidecar (kube-prometheus-stack's default) watches for. */
  public static final String DASHBOARD_LABEL = "grafana_dashboard";

  private MonitoringResources() {}

  /**
   * The objects, in apply order.
   *
   * @param spec the pool
   * @param names the pool's names
   * @param options where the monitoring namespace is
   * @return PodMonitor, PrometheusRule, dashboard ConfigMap
   */
  public static List<HasMetadata> all(PoolSpec spec, PoolNames names, RenderOptions options) {
    return List.of(podMonitor(spec, names, options), prometheusRule(spec, names, options),
        dashboardConfigMap(spec, names, options));
  }

  static GenericKubernetesResource podMonitor(PoolSpec spec, PoolNames names, RenderOptions options) {
    GenericKubernetesResource m = ScrapeTargets.podMonitor(spec, names);
    m.getMetadata().setNamespace(options.monitoringNamespace());
    return m;
  }

  static GenericKubernetesResource prometheusRule(PoolSpec spec, PoolNames names, RenderOptions options) {
    Map<String, Object> ruleSpec = new LinkedHashMap<>();
    ruleSpec.put("groups", AlertRules.groups(spec));
    return new GenericKubernetesResourceBuilder().withApiVersion("monitoring.coreos.com/v1")
        .withKind("PrometheusRule")
        .withNewMetadata().withName(spec.name() + "-alerts").withNamespace(options.monitoringNamespace())
        .withLabels(names.poolLabels()).endMetadata()
        .withAdditionalProperties(Map.of("spec", ruleSpec)).build();
  }

  static ConfigMap dashboardConfigMap(PoolSpec spec, PoolNames names, RenderOptions options) {
    Map<String, String> labels = new LinkedHashMap<>(names.poolLabels());
    labels.put(DASHBOARD_LABEL, "1");
    return new ConfigMapBuilder().withNewMetadata().withName(spec.name() + "-grafana-dashboard")
        .withNamespace(options.monitoringNamespace()).withLabels(labels).endMetadata()
        .addToData(GrafanaDashboard.uid(spec) + ".json",
            new String(GrafanaDashboard.json(spec), StandardCharsets.UTF_8))
        .build();
  }
}
