package io.palisade.operator.reconcile;

import io.palisade.control.HealingPolicy;
import io.palisade.deploy.model.RenderOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the operator runs.
 *
 * @param render cluster facts for rendering (cluster domain, monitoring namespace, region label)
 * @param busyTick how soon the next pass runs while something is in progress or a node is not ready
 * @param idleTick how soon the next pass runs when the pool is quiet (pod and StatefulSet changes wake it sooner)
 * @param healing self-healing policy; on Kubernetes the kubelet restarts containers and StatefulSets recreate pods,
 *     so the control logic only notices, and never gives up on a node
 * @param clock the clock
 */
public record OperatorOptions(RenderOptions render, Duration busyTick, Duration idleTick, HealingPolicy healing,
    Clock clock) {

  /** Checks the fields. */
  public OperatorOptions {
    Objects.requireNonNull(render, "render");
    Objects.requireNonNull(busyTick, "busyTick");
    Objects.requireNonNull(idleTick, "idleTick");
    Objects.requireNonNull(healing, "healing");
    Objects.requireNonNull(clock, "clock");
  }

  /** The kubelet and the StatefulSet controller heal; the control logic notices and never stops a node for it. */
  public static final HealingPolicy KUBERNETES_HEALING =
      new HealingPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), Integer.MAX_VALUE, Duration.ofMinutes(10));

  /** Production defaults: default render options, a pass every 5 s while busy, every 60 s when quiet. */
  public static OperatorOptions defaults() {
    return new OperatorOptions(RenderOptions.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(60),
        KUBERNETES_HEALING, Clock.systemUTC());
  }

  /** The same options with other ticks. */
  public OperatorOptions withTicks(Duration busy, Duration idle) {
    return new OperatorOptions(render, busy, idle, healing, clock);
  }
}
