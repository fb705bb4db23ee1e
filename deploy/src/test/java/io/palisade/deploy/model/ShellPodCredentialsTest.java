package io.palisade.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.files.PoolFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2 on Kubernetes: the console's shells are execs into the node's pod, so whatever the pod holds, a
 * shell holds. No node pod may carry a credential that reaches the API server or the operator: no service-account
 * token (automounted or projected; the pool's service account does not mount one either), no Secret in its
 * environment, no Secret volume but the block producer's hot keys (and its agent's projection of the public
 * operational certificate alone), and the pool grants no Role to anything.
 */
class ShellPodCredentialsTest {
  @Test
  void nodePodsHoldNoCredentialForTheApiServerOrTheOperator() {
    for (var loaded : List.of(Fixtures.mainnet(), Fixtures.preview())) {
      List<HasMetadata> all = PoolFiles.poolResources(loaded, RenderOptions.defaults()).all();
      assertThat(all).extracting(HasMetadata::getKind).doesNotContain("Role", "RoleBinding", "ClusterRole",
          "ClusterRoleBinding");
      List<ServiceAccount> accounts = all.stream().filter(ServiceAccount.class::isInstance)
          .map(ServiceAccount.class::cast).toList();
      accounts.forEach(sa -> assertThat(sa.getAutomountServiceAccountToken())
          .as(sa.getMetadata().getName() + ": automountServiceAccountToken").isFalse());
      List<String> accountNames = new ArrayList<>(accounts.stream().map(sa -> sa.getMetadata().getName()).toList());
      accountNames.add("default");
      List<StatefulSet> nodes = all.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
          .toList();
      assertThat(nodes).isNotEmpty();
      for (StatefulSet sts : nodes) {
        String name = sts.getMetadata().getName();
        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).as(name + ": automountServiceAccountToken").isFalse();
        String account = pod.getServiceAccountName() == null || pod.getServiceAccountName().isEmpty() ? "default"
            : pod.getServiceAccountName();
        assertThat(accountNames).as(name + ": its service account is the pool's own, bound to no Role")
            .contains(account);
        for (Volume v : pod.getVolumes()) {
          assertThat(v.getProjected()).as(name + ": projected volume " + v.getName()).isNull();
          if (v.getSecret() != null) {
            assertThat(v.getName()).as(name + ": the only Secret volumes are the hot keys (the pool's, or with a"
                + " standby the producer's own forging Secret), the agent's opcert and the schedule sidecar's VRF key")
                .isIn(PoolNames.VOLUME_HOT_KEY_SECRET, PoolNames.VOLUME_FORGING_SECRET, PoolNames.VOLUME_OPCERT,
                    PoolNames.VOLUME_SCHEDULE_KEY);
            assertThat(name).contains("block-producer");
            if (v.getName().equals(PoolNames.VOLUME_OPCERT)) {
              // The agent's volume projects the public operational certificate alone, no key.
              assertThat(v.getSecret().getItems()).as(name + ": opcert volume items")
                  .extracting(KeyToPath::getKey).containsExactly(HotKeyFiles.NODE_CERT);
            }
            if (v.getName().equals(PoolNames.VOLUME_SCHEDULE_KEY)) {
              // The schedule sidecar's volume: the VRF signing key and the certificate, never the KES key.
              assertThat(v.getSecret().getItems()).as(name + ": schedule key volume items")
                  .extracting(KeyToPath::getKey).containsExactlyInAnyOrder(HotKeyFiles.VRF_SKEY, HotKeyFiles.NODE_CERT);
            }
          }
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
          containers.addAll(pod.getInitContainers());
        }
        for (Container c : containers) {
          for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            assertThat(e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null)
                .as(name + "/" + c.getName() + ": env " + e.getName() + " from a Secret").isTrue();
            assertThat(e.getName()).as(name + ": no kubeconfig or token in the environment")
                .doesNotContainIgnoringCase("KUBECONFIG").doesNotContainIgnoringCase("TOKEN");
          }
          assertThat(c.getEnvFrom() == null ? List.of() : c.getEnvFrom()).as(name + ": envFrom").isEmpty();
        }
      }
    }
  }
}
