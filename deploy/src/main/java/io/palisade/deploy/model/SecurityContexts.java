package io.palisade.deploy.model;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security contexts of every pod and container Palisade renders: Pod Security "restricted" and more. Non-root with
 * a uid and gid above 10000 (clear of any host user), read-only root filesystem, no privilege escalation, every
 * capability dropped, the runtime's default seccomp profile. Set on the pod and again on each container, since some
 * checkers only look at one level.
 */
public final class SecurityContexts {
  /** The uid and gid every container runs as; our images create this user. */
  public static final long UID = 10001;

  private SecurityContexts() {}

  /** The pod-level context; fsGroup makes the chain database volume writable, changed only on first mount. */
  public static PodSecurityContext pod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(UID)
        .withRunAsGroup(UID)
        .withFsGroup(UID)
        // "Always" would walk a 300 GiB chain database on every start.
        .withFsGroupChangePolicy("OnRootMismatch")
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  /** The container-level context. */
  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withRunAsUser(UID)
        .withRunAsGroup(UID)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }
}
