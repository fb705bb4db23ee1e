package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What a pod spec says once container settings override pod settings, as the kubelet applies them. */
final class PodFacts {
  private PodFacts() {}

  /** Init, regular and ephemeral containers, as {@code (kind, container)} pairs. */
  static List<Named> containers(PodSpec pod) {
    List<Named> out = new ArrayList<>();
    if (pod.getInitContainers() != null) {
      pod.getInitContainers().forEach(c -> out.add(new Named("initContainer " + c.getName(), c)));
    }
    if (pod.getContainers() != null) {
      pod.getContainers().forEach(c -> out.add(new Named("container " + c.getName(), c)));
    }
    if (pod.getEphemeralContainers() != null) {
      pod.getEphemeralContainers().forEach(c -> out.add(new Named("ephemeralContainer " + c.getName(),
          new Container(c.getArgs(), c.getCommand(), c.getEnv(), c.getEnvFrom(), c.getImage(), c.getImagePullPolicy(),
              c.getLifecycle(), c.getLivenessProbe(), c.getName(), c.getPorts(), c.getReadinessProbe(),
              c.getResizePolicy(), c.getResources(), c.getRestartPolicy(), c.getRestartPolicyRules(),
              c.getSecurityContext(), c.getStartupProbe(), c.getStdin(), c.getStdinOnce(),
              c.getTerminationMessagePath(), c.getTerminationMessagePolicy(), c.getTty(), c.getVolumeDevices(),
              c.getVolumeMounts(), c.getWorkingDir()))));
    }
    return out;
  }

  /**
   * A container with the name it is reported under.
   *
   * @param label e.g. {@code container cardano-node}
   * @param container the container
   */
  record Named(String label, Container container) {}

  /** The container's value if set, else the pod's. */
  static <T> T effective(PodSpec pod, Container c, Function<SecurityContext, T> container,
      Function<PodSecurityContext, T> podLevel) {
    SecurityContext sc = c.getSecurityContext();
    T value = sc == null ? null : container.apply(sc);
    if (value != null) {
      return value;
    }
    PodSecurityContext psc = pod.getSecurityContext();
    return psc == null || podLevel == null ? null : podLevel.apply(psc);
  }

  static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
