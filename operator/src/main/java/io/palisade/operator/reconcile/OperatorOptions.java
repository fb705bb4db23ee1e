package io.palisade.operator.reconcile;

import io.palisade.control.HealingPolicy;
import io.palisade.control.MaintenancePolicy;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.RenderOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How the operator runs.
 *
 * @param render cluster facts for rendering (cluster domain, monitoring namespace, region label)
 * @param busyTick how soon the next pass runs while something is in progress or a node is not ready
 * @param idleTick how soon the next pass runs when the pool is quiet (pod and StatefulSet changes wake it sooner)
 * @param healing self-healing policy; on Kubernetes the kubelet restarts containers and StatefulSets recreate pods,
 *     so the control logic only notices, and never gives up on a node
 * @param clock the clock
 * @param maintenance leader-aware maintenance of the block producer: the default restart-to-forging time, the margin
 *     and the wait limit beyond which a waiting action is flagged for an operator (never forced)
 * @param schedules where the block producer's leader slots are read from
 * @param agents where a producer's agent reading (forging, synced) is read from, for the producer lease
 * @param ticker the monotonic clock in nanoseconds the producer lease's waits are measured on ({@link LeaseStopwatch})
 * @param metricsPort the port of the operator's {@code GET /metrics} (the StakePools' slot ledgers as gauges), on every
 *     interface; 0 any free port, {@link #NO_METRICS} none
 * @param chainChecks how the slot ledger looks for adopted blocks on the relays' chain (when, which relays)
 */
public record OperatorOptions(RenderOptions render, Duration busyTick, Duration idleTick, HealingPolicy healing,
    Clock clock, MaintenancePolicy maintenance, LeaderSchedules schedules, ProducerAgents agents,
    LongSupplier ticker, int metricsPort, ChainChecks chainChecks) {
  /** {@link #metricsPort} when the operator serves no {@code /metrics}. */
  public static final int NO_METRICS = -1;
  /** The port of {@code palisade operator}'s {@code /metrics} unless told otherwise (the rendered Deployment's). */
  public static final int DEFAULT_METRICS_PORT = PoolNames.OPERATOR_METRICS_PORT;

  /** Options with the default maintenance policy and the published leader schedule. */
  public OperatorOptions(RenderOptions render, Duration busyTick, Duration idleTick, HealingPolicy healing,
      Clock clock) {
    this(render, busyTick, idleTick, healing, clock, MaintenancePolicy.DEFAULT, LeaderSchedules.secret(),
        ProducerAgents.direct(), System::nanoTime, NO_METRICS, ChainChecks.defaults());
  }

  /** Options with the given maintenance policy and schedules, and agents read pod to pod. */
  public OperatorOptions(RenderOptions render, Duration busyTick, Duration idleTick, HealingPolicy healing,
      Clock clock, MaintenancePolicy maintenance, LeaderSchedules schedules) {
    this(render, busyTick, idleTick, healing, clock, maintenance, schedules, ProducerAgents.direct(), System::nanoTime,
        NO_METRICS, ChainChecks.defaults());
  }

  /** Checks the fields. */
  public OperatorOptions {
    Objects.requireNonNull(render, "render");
    Objects.requireNonNull(busyTick, "busyTick");
    Objects.requireNonNull(idleTick, "idleTick");
    Objects.requireNonNull(healing, "healing");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(schedules, "schedules");
    Objects.requireNonNull(agents, "agents");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(chainChecks, "chainChecks");
    if (metricsPort < NO_METRICS || metricsPort > 65_535) {
      throw new IllegalArgumentException("metricsPort must be a port, 0 (any free one) or " + NO_METRICS + " (none),"
          + " was " + metricsPort);
    }
  }

  /** The kubelet and the StatefulSet controller heal; the control logic notices and never stops a node for it. */
  public static final HealingPolicy KUBERNETES_HEALING =
      new HealingPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), Integer.MAX_VALUE, Duration.ofMinutes(10));

  /**
   * Production defaults: default render options, a pass every 5 s while busy, every 60 s when quiet; no
   * {@code /metrics} (an embedding program or test picks its port: {@link #withMetricsPort}).
   */
  public static OperatorOptions defaults() {
    return new OperatorOptions(RenderOptions.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(60),
        KUBERNETES_HEALING, Clock.systemUTC());
  }

  /** The same options with other ticks. */
  public OperatorOptions withTicks(Duration busy, Duration idle) {
    return new OperatorOptions(render, busy, idle, healing, clock, maintenance, schedules, agents, ticker, metricsPort,
        chainChecks);
  }

  /** The same options on another clock. */
  public OperatorOptions withClock(Clock c) {
    return new OperatorOptions(render, busyTick, idleTick, healing, c,
        maintenance, schedules, agents, ticker, metricsPort, chainChecks);
  }

  /**
   * The same options on another wall clock and monotonic clock (a test's movable clock: time that really passes moves
   * both; a clock set by hand moves the wall clock alone).
   */
  public OperatorOptions withClock(Clock c, LongSupplier t) {
    return new OperatorOptions(render, busyTick, idleTick, healing, c, maintenance, schedules, agents, t, metricsPort,
        chainChecks);
  }

  /** The same options with another maintenance policy. */
  public OperatorOptions withMaintenance(MaintenancePolicy policy) {
    return new OperatorOptions(render, busyTick, idleTick, healing, clock,
        policy, schedules, agents, ticker, metricsPort, chainChecks);
  }

  /** The same options serving {@code /metrics} on {@code port} (0: any free port; {@link #NO_METRICS}: none). */
  public OperatorOptions withMetricsPort(int port) {
    return new OperatorOptions(render, busyTick, idleTick, healing, clock,
        maintenance, schedules, agents, ticker, port, chainChecks);
  }

  /** The same options reading producers' agents through {@code a}. */
  public OperatorOptions withAgents(ProducerAgents a) {
    return new OperatorOptions(render, busyTick, idleTick, healing, clock,
        maintenance, schedules, a, ticker, metricsPort, chainChecks);
  }

  /** The same options, checking adopted blocks on the relays' chain as {@code c} says. */
  public OperatorOptions withChainChecks(ChainChecks c) {
    return new OperatorOptions(render, busyTick, idleTick, healing, clock,
        maintenance, schedules, agents, ticker, metricsPort, c);
  }
}
