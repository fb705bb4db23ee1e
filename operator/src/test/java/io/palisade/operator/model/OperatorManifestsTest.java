package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's own manifests: the role grants what the operator does, the Deployment is hardened. */
class OperatorManifestsTest {
  static final ImageRef IMAGE = ImageRef.parse("registry.palisade.example/palisade/palisade:0.1.0@sha256:"
      + "0c8f1a2f3b9e4d5c6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b");

  static boolean allows(String group, String resource, String verb) {
    return OperatorManifests.rules().stream().anyMatch(r -> r.getApiGroups().contains(group)
        && r.getResources().contains(resource) && r.getVerbs().contains(verb));
  }

  /**
   * The slot ledger's chain check reads the forging producer's node log through the API server: the rendered
   * ClusterRole grants {@code get} on {@code pods/log}, and nothing else on it (no exec, attach or proxy).
   */
  @Test
  void renderedClusterRole_readsPodLogs_only() {
    io.fabric8.kubernetes.api.model.rbac.ClusterRole role = OperatorManifests.all("palisade-system", IMAGE).stream()
        .filter(o -> o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole)
        .map(o -> (io.fabric8.kubernetes.api.model.rbac.ClusterRole) o).findFirst().orElseThrow();
    List<PolicyRule> logs = role.getRules().stream().filter(r -> r.getResources().contains("pods/log")).toList();
    assertThat(logs).singleElement().satisfies(r -> {
      assertThat(r.getApiGroups()).containsExactly("");
      assertThat(r.getResources()).containsExactly("pods/log");
      assertThat(r.getVerbs()).containsExactly("get");
    });
    assertThat(role.getRules()).flatMap(PolicyRule::getResources).doesNotContain("pods/exec", "pods/attach",
        "pods/proxy");
  }

  // Every kind the operator creates and updates, plus what it reads, deletes and reports.
  @Test
  void role_coversEveryKindTheOperatorWrites() {
    PoolDesign d = new PoolDesign(PoolDesignTest.LOADED, RenderOptions.defaults(), PoolDesignTest.started(),
        Map.of());
    List<Class<? extends HasMetadata>> kinds = new ArrayList<>();
    d.objects().forEach(o -> kinds.add(o.getClass()));
    kinds.add(Secret.class);
    for (Class<? extends HasMetadata> k : kinds) {
      for (String verb : List.of("get", "list", "create", "update", "patch")) {
        assertThat(allows(HasMetadata.getGroup(k), HasMetadata.getPlural(k), verb)).as("%s %s", verb, k.getSimpleName())
            .isTrue();
      }
    }
    assertThat(allows("", "pods", "delete")).isTrue();
    assertThat(allows("", "pods", "watch")).isTrue();
    assertThat(allows(HasMetadata.getGroup(Event.class), "events", "create")).isTrue();
    assertThat(allows(StakePool.GROUP, "stakepools/status", "update")).isTrue();
    // The producer lease: its Lease, fencing by deleting a forging Secret; the agents are read pod to pod.
    for (String verb : List.of("get", "create", "update")) {
      assertThat(allows("coordination.k8s.io", "leases", verb)).as(verb + " leases").isTrue();
    }
    assertThat(allows("", "secrets", "delete")).isTrue();
    assertThat(allows("", "pods/proxy", "get")).as("no proxy to every pod's every port").isFalse();
    // Nothing it does not use: it never deletes what it owns (garbage collection does), nor writes namespaces.
    assertThat(OperatorManifests.rules()).flatMap(PolicyRule::getResources).doesNotContain("namespaces", "*");
    assertThat(allows("apps", "statefulsets", "delete")).isFalse();
    assertThat(HasMetadata.getPlural(Pod.class)).isEqualTo("pods");
  }

  @Test
  void deployment_oneReplica_hardened_pinnedImage() {
    Deployment dep = (Deployment) OperatorManifests.all("palisade-system", IMAGE).stream()
        .filter(o -> o instanceof Deployment).findFirst().orElseThrow();
    assertThat(dep.getSpec().getReplicas()).isEqualTo(1);
    assertThat(dep.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    var c = dep.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(IMAGE.pinned());
    assertThat(c.getArgs()).containsExactly("operator", "--operator-namespace=palisade-system",
        "--metrics-port=8080");
    assertThat(c.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("metrics");
      assertThat(p.getContainerPort()).isEqualTo(8080);
      assertThat(p.getProtocol()).isEqualTo("TCP");
    });
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(dep.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  /**
   * The operator reads the producers' agents pod to pod: the block producers' rendered policy must admit exactly the
   * operator's pods (by the label its Deployment's pods carry) from the namespace it runs in, to the agents' port.
   */
  @Test
  void producersPolicy_admitsTheOperatorsPods_toTheAgentPort_only() {
    String ns = "ops-palisade";
    Deployment dep = (Deployment) OperatorManifests.all(ns, IMAGE).stream()
        .filter(o -> o instanceof Deployment).findFirst().orElseThrow();
    Map<String, String> podLabels = dep.getSpec().getTemplate().getMetadata().getLabels();
    var policy = new io.palisade.deploy.model.PoolNetworkPolicies(PoolDesignTest.LOADED.spec(),
        RenderOptions.defaults().withOperatorNamespace(ns)).blockProducer();
    var fromOperator = policy.getSpec().getIngress().stream()
        .filter(r -> r.getFrom().stream().anyMatch(p -> p.getPodSelector() != null
            && podLabels.entrySet().containsAll(p.getPodSelector().getMatchLabels().entrySet())))
        .toList();
    assertThat(fromOperator).singleElement().satisfies(r -> {
      assertThat(r.getFrom()).singleElement().satisfies(p -> assertThat(p.getNamespaceSelector().getMatchLabels())
          .containsExactly(Map.entry(io.palisade.deploy.model.PoolNetworkPolicies.NAMESPACE_NAME_LABEL, ns)));
      assertThat(r.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal())
          .isEqualTo(PoolDesignTest.LOADED.spec().ports().agent()));
    });
  }

  /**
   * The operator's PodMonitor (deploy's, rendered beside these manifests) finds what the Deployment runs: its pods by
   * their label, in the namespace it runs in, and their metrics port by name.
   */
  @Test
  @SuppressWarnings("unchecked")
  void operatorPodMonitor_selectsTheDeploymentsPods_andItsMetricsPort() {
    String ns = "ops-palisade";
    Deployment dep = (Deployment) OperatorManifests.all(ns, IMAGE).stream()
        .filter(o -> o instanceof Deployment).findFirst().orElseThrow();
    var monitor = io.palisade.deploy.monitoring.ScrapeTargets.operatorPodMonitor(ns, "monitoring");
    assertThat(monitor.getKind()).isEqualTo("PodMonitor");
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo("monitoring");
    Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
    Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector"))
        .get("matchLabels");
    assertThat(dep.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(((Map<String, Object>) spec.get("namespaceSelector")).get("matchNames")).isEqualTo(List.of(ns));
    var endpoint = ((List<Map<String, Object>>) spec.get("podMetricsEndpoints")).get(0);
    assertThat(endpoint).containsEntry("path", "/metrics").containsEntry("port",
        dep.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getName());
    List<Map<String, Object>> relabelings = (List<Map<String, Object>>) endpoint.get("relabelings");
    assertThat(relabelings).anySatisfy(r -> assertThat(r).containsEntry("targetLabel", "job")
        .containsEntry("replacement", "palisade-operator"));
    // A restarted operator's series are the same series (the leader-slot alerts would fire again on new ones).
    assertThat(relabelings).anySatisfy(r -> assertThat(r).containsEntry("targetLabel", "instance")
        .containsEntry("replacement", "palisade-operator"));
    assertThat(relabelings).anySatisfy(r -> assertThat(r).containsEntry("action", "labeldrop")
        .containsEntry("regex", "pod|container"));
  }
}
