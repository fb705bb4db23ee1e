package io.palisade.deploy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.KubernetesYaml;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.RenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The posture audit: the rendered example passes every check, and each check has a test that feeds it manifests
 * violating exactly its rule and sees that check, and only that check, FAIL.
 */
class PostureAuditTest {
  private static final List<HasMetadata> RENDERED =
      PoolFiles.poolResources(Fixtures.mainnet(), RenderOptions.defaults()).all();

  private final PostureAudit audit = new PostureAudit();

  @Test
  void renderedExample_passesEveryCheck() {
    PostureAudit.AuditReport report = audit.run(Manifests.of(copy(), Optional.empty()));
    assertThat(report.failures()).isEmpty();
    assertThat(report.rows().stream().map(AuditRow::check).collect(Collectors.toSet()))
        .isEqualTo(audit.checks().stream().map(AuditCheck::id).collect(Collectors.toSet()));
  }

  @Test
  void everyCheckHasANegativeTestHere() {
    Set<String> tested = java.util.Arrays.stream(getClass().getDeclaredMethods()).map(m -> m.getName())
        .filter(n -> n.contains("_fails")).collect(Collectors.toSet());
    assertThat(tested).hasSizeGreaterThanOrEqualTo(audit.checks().size());
  }

  @Test
  void misspeltField_failsKnownFields() {
    onlyFails("known-fields", objects -> container(objects, "relay-eu-west", PoolNames.CONTAINER_NODE)
        .getSecurityContext().setAdditionalProperty("readOnlyRootFileSystem", true));
  }

  @Test
  void namespaceNotRestricted_fails() {
    onlyFails("namespace-pod-security", objects -> first(objects, Namespace.class, "pyur-pool").getMetadata()
        .getLabels().put(PoolNames.PSA_ENFORCE, "baseline"));
  }

  @Test
  void addedCapability_failsPodSecurity() {
    onlyFails("pod-security-restricted", objects -> container(objects, "relay-us-east", PoolNames.CONTAINER_AGENT)
        .getSecurityContext().getCapabilities().setAdd(List.of("NET_RAW")));
  }

  @Test
  void writableRootFilesystem_fails() {
    onlyFails("non-root-read-only", objects -> container(objects, "relay-eu-west", PoolNames.CONTAINER_NODE)
        .getSecurityContext().setReadOnlyRootFilesystem(false));
  }

  @Test
  void lowUid_failsNonRoot() {
    onlyFails("non-root-read-only", objects -> container(objects, "block-producer", PoolNames.CONTAINER_AGENT)
        .getSecurityContext().setRunAsUser(1000L));
  }

  @Test
  void producerBehindALoadBalancer_fails() {
    onlyFails("block-producer-private", objects -> first(objects, Service.class, "block-producer").getSpec()
        .setType("LoadBalancer"));
  }

  @Test
  void producerPolicyAdmittingTheInternet_fails() {
    onlyFails("block-producer-private", objects -> first(objects, NetworkPolicy.class, "block-producer-network")
        .getSpec().getIngress().get(0).getFrom().add(new NetworkPolicyPeerBuilder().withNewIpBlock()
            .withCidr("0.0.0.0/0").endIpBlock().build()));
  }

  @Test
  void noDefaultDeny_fails() {
    onlyFails("default-deny", objects -> objects.remove(first(objects, NetworkPolicy.class, "default-deny")));
  }

  @Test
  void sshAdmittedToRelays_failsCardanoTrafficOnly() {
    onlyFails("only-cardano-traffic", objects -> first(objects, NetworkPolicy.class, "relays-network").getSpec()
        .getIngress().get(0).getPorts().add(new NetworkPolicyPortBuilder().withProtocol("TCP")
            .withPort(new IntOrString(22)).build()));
  }

  @Test
  void imageByTag_failsImagesPinned() {
    onlyFails("images-pinned", objects -> container(objects, "relay-ap-southeast", PoolNames.CONTAINER_NODE)
        .setImage("registry.pyur.example/palisade/cardano-node:10.5.3"));
  }

  @Test
  void imageFromAPublicRegistry_failsImagesPinned() {
    onlyFails("images-pinned", objects -> container(objects, "block-producer", PoolNames.CONTAINER_AGENT)
        .setImage("ghcr.io/someone/palisade@sha256:" + "1".repeat(64)));
  }

  @Test
  void missingReadinessProbe_failsProbes() {
    onlyFails("probes", objects -> container(objects, "relay-eu-west", PoolNames.CONTAINER_NODE)
        .setReadinessProbe(null));
  }

  @Test
  void livenessSameAsReadiness_failsProbes() {
    onlyFails("probes", objects -> {
      Container node = container(objects, "block-producer", PoolNames.CONTAINER_NODE);
      node.setLivenessProbe(node.getReadinessProbe());
    });
  }

  @Test
  void startupBudgetTooShortForAReplay_failsProbes() {
    onlyFails("probes", objects -> container(objects, "block-producer", PoolNames.CONTAINER_NODE).getStartupProbe()
        .setFailureThreshold(5));
  }

  @Test
  void statefulSetWithoutDisruptionBudget_fails() {
    onlyFails("disruption-budget", objects -> objects.remove(first(objects, PodDisruptionBudget.class,
        "relay-us-east")));
  }

  @Test
  void relaysInOneRegion_failsRelayRegions() {
    onlyFails("relay-regions", objects -> objects.stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast)
        .filter(s -> s.getSpec().getTemplate().getMetadata().getLabels().containsKey(PoolNames.LABEL_REGION))
        .forEach(s -> s.getSpec().getTemplate().getMetadata().getLabels().put(PoolNames.LABEL_REGION, "eu-west")));
  }

  @Test
  void missingMemoryLimit_failsResources() {
    onlyFails("resources", objects -> container(objects, "relay-us-east", PoolNames.CONTAINER_AGENT).getResources()
        .getLimits().remove("memory"));
  }

  @Test
  void secretInEnvironment_failsHotKeysOnly() {
    onlyFails("hot-keys-only", objects -> container(objects, "block-producer", PoolNames.CONTAINER_NODE).setEnv(
        List.of(new EnvVarBuilder().withName("KES").withNewValueFrom().withNewSecretKeyRef("kes.skey",
            "pyur-hot-keys", false).endValueFrom().build())));
  }

  @Test
  void coldKeyInASecret_failsHotKeysOnly() {
    onlyFails("hot-keys-only", objects -> first(objects, io.fabric8.kubernetes.api.model.Secret.class,
        "pyur-hot-keys").setData(java.util.Map.of("cold.skey", "AAAA")));
  }

  @Test
  void agentGivenTheWholeHotKeySecret_failsHotKeysOnly() {
    // The agent needs the public opcert alone; mounting the whole Secret would hand it the KES and VRF keys.
    onlyFails("hot-keys-only", objects -> producerVolume(objects, PoolNames.VOLUME_OPCERT).getSecret().setItems(null));
  }

  @Test
  void agentGivenTheKesKeyAmongItsItems_failsHotKeysOnly() {
    onlyFails("hot-keys-only", objects -> producerVolume(objects, PoolNames.VOLUME_OPCERT).getSecret().getItems()
        .add(new io.fabric8.kubernetes.api.model.KeyToPathBuilder().withKey("kes.skey").withPath("kes.skey").build()));
  }

  @Test
  void agentMountingTheInMemoryHotKeys_failsHotKeysOnly() {
    onlyFails("hot-keys-only", objects -> container(objects, "block-producer", PoolNames.CONTAINER_AGENT)
        .getVolumeMounts().add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
            .withName(PoolNames.VOLUME_HOT_KEYS).withMountPath("/hot-keys").withReadOnly(true).build()));
  }

  @Test
  void registryFromTheCommandLine_overridesTheAnnotation() {
    PostureAudit.AuditReport report = audit.run(Manifests.of(copy(), Optional.of("registry.other.example")));
    assertThat(report.failures()).isNotEmpty().allMatch(r -> r.check().equals("images-pinned"));
  }

  /** Applies {@code mutation} to a fresh copy of the rendered example; exactly {@code check} must fail. */
  private void onlyFails(String check, Consumer<List<HasMetadata>> mutation) {
    List<HasMetadata> objects = copy();
    mutation.accept(objects);
    // Through YAML and back, as 'palisade audit' reads files.
    List<HasMetadata> reread = new ArrayList<>();
    objects.forEach(o -> reread.addAll(KubernetesYaml.read(KubernetesYaml.write(o))));
    PostureAudit.AuditReport report = audit.run(Manifests.of(reread, Optional.empty()));
    assertThat(report.failures()).as("FAIL rows").isNotEmpty();
    assertThat(report.failures()).as("only %s fails", check).allMatch(r -> r.check().equals(check));
  }

  private static List<HasMetadata> copy() {
    List<HasMetadata> out = new ArrayList<>();
    RENDERED.forEach(o -> out.addAll(KubernetesYaml.read(KubernetesYaml.write(o))));
    return out;
  }

  private static <T extends HasMetadata> T first(List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream().filter(type::isInstance).map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static io.fabric8.kubernetes.api.model.Volume producerVolume(List<HasMetadata> objects, String name) {
    return first(objects, StatefulSet.class, "block-producer").getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Container container(List<HasMetadata> objects, String statefulSet, String name) {
    return first(objects, StatefulSet.class, statefulSet).getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }
}
