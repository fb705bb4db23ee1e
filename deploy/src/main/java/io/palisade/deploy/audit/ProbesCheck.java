package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.palisade.deploy.model.PoolNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes heal themselves without being killed mid-replay: every container has liveness and readiness probes that
 * differ; the node has a start-up probe whose budget covers a ledger replay, and a liveness probe that tolerates
 * minutes of silence. One container is left out, on purpose: the leader-schedule sidecar of a producer's pod serves
 * nothing, and a readiness probe on it would let a sidecar that waits for its node (a replay, a standby without a key)
 * make the producer's pod not Ready, which is what starts a failover; it restarts by exiting.
 */
public final class ProbesCheck implements AuditCheck {
  /** The shortest start-up budget accepted for a node: an hour of ledger replay. */
  public static final int MIN_STARTUP_SECONDS = 3600;
  /** The shortest run of liveness failures that may restart a node. */
  public static final int MIN_LIVENESS_SECONDS = 120;

  @Override
  public String id() {
    return "probes";
  }

  @Override
  public String claim() {
    return "liveness and readiness on every serving container (different); the node's start-up budget covers a"
        + " replay";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (Manifests.Workload w : m.workloads()) {
      List<String> p = new ArrayList<>();
      for (Container c : w.pod().getContainers() == null ? List.<Container>of() : w.pod().getContainers()) {
        if (PoolNames.CONTAINER_SCHEDULE.equals(c.getName())) {
          continue;
        }
        Probe live = c.getLivenessProbe();
        Probe ready = c.getReadinessProbe();
        if (live == null) {
          p.add(c.getName() + ": no liveness probe");
        }
        if (ready == null) {
          p.add(c.getName() + ": no readiness probe");
        }
        if (live != null && ready != null && sameCheck(live, ready)) {
          p.add(c.getName() + ": liveness and readiness probe the same thing (a lagging node would be killed)");
        }
        if (PoolNames.CONTAINER_NODE.equals(c.getName())) {
          Probe startup = c.getStartupProbe();
          if (startup == null) {
            p.add(c.getName() + ": no start-up probe (liveness would kill a replaying node)");
          } else if (budget(startup) < MIN_STARTUP_SECONDS) {
            p.add(c.getName() + ": start-up budget " + budget(startup) + " s is shorter than a ledger replay ("
                + MIN_STARTUP_SECONDS + " s)");
          }
          if (live != null && budget(live) < MIN_LIVENESS_SECONDS) {
            p.add(c.getName() + ": liveness restarts after " + budget(live) + " s of failures, under "
                + MIN_LIVENESS_SECONDS + " s");
          }
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), w.ref(), "start-up, liveness and readiness in place")
          : AuditRow.fail(id(), w.ref(), String.join("; ", p)));
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no workloads found"));
    }
    return rows;
  }

  /** Whether two probes ask the same question (same handler), whatever their timings. */
  static boolean sameCheck(Probe a, Probe b) {
    return java.util.Objects.equals(a.getHttpGet(), b.getHttpGet())
        && java.util.Objects.equals(a.getTcpSocket(), b.getTcpSocket())
        && java.util.Objects.equals(a.getExec(), b.getExec())
        && java.util.Objects.equals(a.getGrpc(), b.getGrpc());
  }

  /** How long the probe may fail before it acts. */
  static long budget(Probe p) {
    long period = p.getPeriodSeconds() == null ? 10 : p.getPeriodSeconds();
    long failures = p.getFailureThreshold() == null ? 3 : p.getFailureThreshold();
    return period * failures + (p.getInitialDelaySeconds() == null ? 0 : p.getInitialDelaySeconds());
  }
}
