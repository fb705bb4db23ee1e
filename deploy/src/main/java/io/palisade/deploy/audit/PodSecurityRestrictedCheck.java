package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.palisade.deploy.audit.PodFacts.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every pod meets the Pod Security Standards "restricted" profile (baseline and restricted controls), checked here
 * as well as by admission: a manifest can be applied to a namespace without the label.
 */
public final class PodSecurityRestrictedCheck implements AuditCheck {
  private static final Set<String> BASELINE_CAPS = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
      "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
  private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
      "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

  @Override
  public String id() {
    return "pod-security-restricted";
  }

  @Override
  public String claim() {
    return "every pod meets Pod Security 'restricted' (no host access, non-root, no escalation, seccomp, no caps)";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (Manifests.Workload w : m.workloads()) {
      List<String> problems = violations(w.pod());
      rows.add(problems.isEmpty() ? AuditRow.pass(id(), w.ref(), "baseline and restricted controls hold")
          : AuditRow.fail(id(), w.ref(), String.join("; ", problems)));
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no workloads found"));
    }
    return rows;
  }

  static List<String> violations(PodSpec pod) {
    List<String> p = new ArrayList<>();
    if (PodFacts.isTrue(pod.getHostNetwork()) || PodFacts.isTrue(pod.getHostPID()) || PodFacts.isTrue(pod.getHostIPC())) {
      p.add("host namespaces (hostNetwork/hostPID/hostIPC) are used");
    }
    PodSecurityContext psc = pod.getSecurityContext();
    if (psc != null && psc.getWindowsOptions() != null && PodFacts.isTrue(psc.getWindowsOptions().getHostProcess())) {
      p.add("hostProcess");
    }
    if (psc != null && psc.getSysctls() != null) {
      psc.getSysctls().stream().filter(s -> !SAFE_SYSCTLS.contains(s.getName()))
          .forEach(s -> p.add("unsafe sysctl " + s.getName()));
    }
    if (psc != null && psc.getRunAsUser() != null && psc.getRunAsUser() == 0) {
      p.add("pod runAsUser 0");
    }
    if (pod.getVolumes() != null) {
      for (Volume v : pod.getVolumes()) {
        boolean allowed = v.getConfigMap() != null || v.getCsi() != null || v.getDownwardAPI() != null
            || v.getEmptyDir() != null || v.getEphemeral() != null || v.getPersistentVolumeClaim() != null
            || v.getProjected() != null || v.getSecret() != null;
        if (!allowed) {
          p.add("volume " + v.getName() + " has a type restricted forbids" + (v.getHostPath() != null ? " (hostPath)"
              : ""));
        }
      }
    }
    for (Named n : PodFacts.containers(pod)) {
      SecurityContext sc = n.container().getSecurityContext();
      String c = n.label();
      if (sc != null && PodFacts.isTrue(sc.getPrivileged())) {
        p.add(c + ": privileged");
      }
      if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
        p.add(c + ": allowPrivilegeEscalation must be false");
      }
      Boolean nonRoot = PodFacts.effective(pod, n.container(), SecurityContext::getRunAsNonRoot,
          PodSecurityContext::getRunAsNonRoot);
      if (!PodFacts.isTrue(nonRoot)) {
        p.add(c + ": runAsNonRoot must be true");
      }
      Long uid = PodFacts.effective(pod, n.container(), SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser);
      if (uid != null && uid == 0) {
        p.add(c + ": runAsUser 0");
      }
      SeccompProfile seccomp = PodFacts.effective(pod, n.container(), SecurityContext::getSeccompProfile,
          PodSecurityContext::getSeccompProfile);
      if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
        p.add(c + ": seccompProfile must be RuntimeDefault or Localhost");
      }
      Capabilities caps = sc == null ? null : sc.getCapabilities();
      if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
        p.add(c + ": capabilities must drop ALL");
      }
      if (caps != null && caps.getAdd() != null) {
        for (String add : caps.getAdd()) {
          if (!"NET_BIND_SERVICE".equals(add)) {
            p.add(c + ": adds capability " + add + (BASELINE_CAPS.contains(add) ? "" : " (not even baseline)"));
          }
        }
      }
      if (sc != null && sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
        p.add(c + ": procMount " + sc.getProcMount());
      }
      if (sc != null && sc.getSeLinuxOptions() != null && (sc.getSeLinuxOptions().getUser() != null
          || sc.getSeLinuxOptions().getRole() != null)) {
        p.add(c + ": sets an SELinux user or role");
      }
      if (sc != null && sc.getAppArmorProfile() != null
          && !Set.of("RuntimeDefault", "Localhost").contains(sc.getAppArmorProfile().getType())) {
        p.add(c + ": AppArmor profile " + sc.getAppArmorProfile().getType());
      }
      if (n.container().getPorts() != null) {
        n.container().getPorts().stream().filter(port -> port.getHostPort() != null && port.getHostPort() != 0)
            .forEach(port -> p.add(c + ": hostPort " + port.getHostPort()));
      }
    }
    return p;
  }
}
