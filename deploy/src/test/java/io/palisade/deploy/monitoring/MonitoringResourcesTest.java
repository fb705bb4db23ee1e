package io.palisade.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.model.KubernetesYaml;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.deploy.output.PoolRenderer;
import io.palisade.deploy.output.RenderedFile;
import io.palisade.spec.PoolSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What render writes under monitoring/: the cluster objects, the dashboard, the VM scrape configuration. */
class MonitoringResourcesTest {
  private static final PoolSpec SPEC = Fixtures.mainnet().spec();
  private static final PoolNames NAMES = new PoolNames(SPEC);

  @Test
  void render_writesRulesDashboardScrapeConfigAndClusterObjects_apartFromKubernetesDir() {
    List<String> paths = PoolRenderer.render(Fixtures.mainnet(), RenderOptions.defaults(), Optional.empty()).files()
        .stream().map(RenderedFile::path).filter(p -> p.startsWith("monitoring/")).toList();
    assertThat(paths).containsExactly("monitoring/grafana-dashboard.json",
        "monitoring/kubernetes/10-podmonitor-pyur-agents.yaml",
        "monitoring/kubernetes/20-prometheusrule-pyur-alerts.yaml",
        "monitoring/kubernetes/30-configmap-pyur-grafana-dashboard.yaml",
        "monitoring/prometheus-rules.yml", "monitoring/prometheus-scrape.yml");
  }

  @Test
  void prometheusRule_carriesTheSameGroupsAsTheRulesFile_inTheMonitoringNamespace() {
    List<HasMetadata> objects = MonitoringResources.all(SPEC, NAMES, RenderOptions.defaults());
    HasMetadata rule = KubernetesYaml.read(KubernetesYaml.write(objects.get(1))).get(0);
    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getKind()).isEqualTo("PrometheusRule");
    assertThat(rule.getMetadata().getNamespace()).isEqualTo("monitoring");
    Object spec = ((GenericKubernetesResource) rule).getAdditionalProperties().get("spec");
    ObjectMapper json = new ObjectMapper();
    assertThat(json.valueToTree(spec).get("groups")).isEqualTo(json.valueToTree(AlertRules.groups(SPEC)));
  }

  @Test
  void podMonitor_scrapesTheAgentPort_andLabelsPoolNodeRole() {
    GenericKubernetesResource m = MonitoringResources.podMonitor(SPEC, NAMES, RenderOptions.defaults());
    JsonNode spec = new ObjectMapper().valueToTree(m.getAdditionalProperties().get("spec"));
    assertThat(spec.at("/namespaceSelector/matchNames/0").asText()).isEqualTo("pyur-pool");
    assertThat(spec.at("/selector/matchLabels/palisade.io~1pool").asText()).isEqualTo("pyur");
    JsonNode endpoint = spec.at("/podMetricsEndpoints/0");
    assertThat(endpoint.get("port").asText()).isEqualTo(PoolNames.PORT_AGENT);
    assertThat(endpoint.get("relabelings").toString())
        .contains("\"sourceLabels\":[\"__meta_kubernetes_pod_label_palisade_io_role\"],\"targetLabel\":\"role\"")
        .contains("\"sourceLabels\":[\"__meta_kubernetes_pod_name\"],\"targetLabel\":\"node\"")
        .contains("\"targetLabel\":\"job\",\"replacement\":\"" + AlertRules.JOB_AGENTS + "\"");
  }

  @Test
  void dashboard_isOneJsonForTheSidecar_withAPanelPerQuestion() throws Exception {
    ConfigMap cm = MonitoringResources.dashboardConfigMap(SPEC, NAMES, RenderOptions.defaults());
    assertThat(cm.getMetadata().getLabels()).containsEntry(MonitoringResources.DASHBOARD_LABEL, "1");
    assertThat(cm.getData()).containsOnlyKeys("palisade-pyur.json");
    JsonNode d = new ObjectMapper().readTree(cm.getData().get("palisade-pyur.json"));
    assertThat(d.get("uid").asText()).isEqualTo("palisade-pyur");
    assertThat(d.get("panels")).hasSizeGreaterThanOrEqualTo(10);
    assertThat(d.get("panels").findValuesAsText("title")).contains("KES expires in (days)",
        "Tip gap to the chain clock (slots)", "Hot peers");
    assertThat(new String(GrafanaDashboard.json(SPEC), StandardCharsets.UTF_8))
        .isEqualTo(new String(GrafanaDashboard.json(SPEC), StandardCharsets.UTF_8));
  }

  @Test
  void dashboard_readsTheLeaderSlotSeries_ofEitherRuntime() throws Exception {
    JsonNode d = new ObjectMapper().readTree(GrafanaDashboard.json(SPEC));
    List<String> exprs = d.get("panels").findValuesAsText("expr");
    // The same names from the control plane and from the block producer's agent: no job filter, one value per pool
    // or epoch whichever exports them.
    assertThat(exprs).contains("min(palisade_pool_next_leader_slot_seconds{pool=\"pyur\"})",
        "max by (epoch) (palisade_pool_leader_slots_scheduled{pool=\"pyur\"})",
        "sum by (node, outcome) (increase(palisade_node_forge_total{pool=\"pyur\"}[1h]))");
    assertThat(exprs.stream().filter(e -> e.contains("leader_slot"))).noneMatch(e -> e.contains("job="));
    assertThat(d.get("panels").findValuesAsText("title")).contains("Next leader slot in");
  }

  @Test
  void vmScrapeConfig_oneLabelledTargetPerNode() {
    Map<String, Object> config = ScrapeTargets.vmScrapeConfig(SPEC);
    String yaml = PlainYaml.write(config);
    assertThat(yaml).contains("job_name: \"palisade-agents\"").contains("- \"block-producer:12799\"")
        .contains("role: \"block-producer\"").contains("node: \"relay-eu-west-0\"");
    assertThat(yaml.split("targets:", -1)).hasSize(SPEC.nodes().size() + 1);
  }
}
