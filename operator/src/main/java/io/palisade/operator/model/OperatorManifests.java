package io.palisade.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.SecurityContexts;
import io.palisade.spec.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects that run the operator itself in a cluster: its namespace (Pod Security "restricted"), a service
 * account, the cluster role it needs (exactly the kinds and verbs it uses) bound to it, and a one-replica Deployment
 * of Palisade's image running {@code palisade operator}, hardened like the pool's pods, its {@code /metrics} on the
 * container port named {@value PoolNames#PORT_OPERATOR_METRICS} (scraped by deploy's
 * {@code ScrapeTargets.operatorPodMonitor}).
 *
 * <pre>{@code
 * List<HasMetadata> objects = OperatorManifests.all("palisade-system", ImageRef.parse(image));
 * }</pre>
 */
public final class OperatorManifests {
  /** The name of the service account, role, binding and Deployment. */
  public static final String NAME = PoolNames.OPERATOR_NAME;
  private static final List<String> READ_WRITE = List.of("get", "list", "watch", "create", "update", "patch");

  private OperatorManifests() {}

  /** Every rule the operator needs: what it reads, writes and deletes, nothing more. */
  public static List<PolicyRule> rules() {
    return List.of(
        rule(StakePool.GROUP, List.of("stakepools", "stakepools/status"),
            List.of("get", "list", "watch", "update", "patch")),
        rule("apiextensions.k8s.io", List.of("customresourcedefinitions"), List.of("get")),
        rule("apps", List.of("statefulsets"), READ_WRITE),
        rule("", List.of("configmaps", "services", "serviceaccounts", "secrets"), READ_WRITE),
        rule("networking.k8s.io", List.of("networkpolicies"), READ_WRITE),
        rule("policy", List.of("poddisruptionbudgets"), READ_WRITE),
        rule("", List.of("pods"), List.of("get", "list", "watch", "delete")),
        // The slot ledger's chain check: the forging producer's node log names the block it adopted in a leader slot
        // (read-only; docs/slots.md, "On Kubernetes").
        rule("", List.of("pods/log"), List.of("get")),
        // The producer lease of a pool with a standby (docs/standby.md): the Lease it alone writes and the forging
        // Secrets it deletes to fence a former holder. The producers' agents are read pod to pod (their policy admits
        // this namespace's operator pods), not through the API server: no pods/proxy, which would reach any port of
        // any pod in the cluster.
        rule("coordination.k8s.io", List.of("leases"), List.of("get", "list", "watch", "create", "update")),
        rule("", List.of("secrets"), List.of("delete")),
        rule("", List.of("events"), List.of("create", "patch")));
  }

  /**
   * The objects, in apply order.
   *
   * @param namespace where the operator runs
   * @param image Palisade's image, pinned by digest
   * @return namespace, service account, cluster role, binding, Deployment
   */
  public static List<HasMetadata> all(String namespace, ImageRef image) {
    Map<String, String> labels = new TreeMap<>(Map.of(PoolNames.LABEL_NAME, NAME,
        PoolNames.LABEL_MANAGED_BY, PoolNames.MANAGED_BY));
    Map<String, String> ns = new TreeMap<>(labels);
    ns.put(PoolNames.PSA_ENFORCE, "restricted");
    ns.put(PoolNames.PSA_ENFORCE_VERSION, "latest");
    ns.put(PoolNames.PSA_AUDIT, "restricted");
    ns.put(PoolNames.PSA_WARN, "restricted");
    return List.of(
        new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(ns).endMetadata().build(),
        new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels)
            .endMetadata().build(),
        new ClusterRoleBuilder().withNewMetadata().withName(NAME).withLabels(labels).endMetadata()
            .withRules(rules()).build(),
        new ClusterRoleBindingBuilder().withNewMetadata().withName(NAME).withLabels(labels).endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(NAME)
            .endRoleRef()
            .addNewSubject().withKind("ServiceAccount").withName(NAME).withNamespace(namespace).endSubject()
            .build(),
        new DeploymentBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels)
            .endMetadata()
            .withNewSpec()
            // One operator at a time: two would both step the same rollout.
            .withReplicas(1)
            .withNewStrategy().withType("Recreate").endStrategy()
            .withNewSelector().withMatchLabels(labels).endSelector()
            .withNewTemplate()
            .withNewMetadata().withLabels(labels).endMetadata()
            .withNewSpec()
            .withServiceAccountName(NAME)
            .withAutomountServiceAccountToken(true)
            .withEnableServiceLinks(false)
            .withSecurityContext(SecurityContexts.pod())
            .addNewContainer()
            .withName("operator")
            .withImage(image.pinned())
            .withImagePullPolicy("IfNotPresent")
            .withArgs("operator", "--operator-namespace=" + namespace,
                "--metrics-port=" + PoolNames.OPERATOR_METRICS_PORT)
            // Its /metrics: the StakePools' leader-slot series the rendered alerting rules and dashboard read.
            .addNewPort().withName(PoolNames.PORT_OPERATOR_METRICS).withContainerPort(PoolNames.OPERATOR_METRICS_PORT)
            .withProtocol("TCP").endPort()
            .withSecurityContext(SecurityContexts.container())
            .withNewResources()
            .withRequests(new TreeMap<>(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("384Mi"),
                "ephemeral-storage", new Quantity("64Mi"))))
            .withLimits(new TreeMap<>(Map.of("cpu", new Quantity("1"), "memory", new Quantity("384Mi"),
                "ephemeral-storage", new Quantity("256Mi"))))
            .endResources()
            .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
            .endContainer()
            .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir()
            .endVolume()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());
  }

  private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
  }
}
