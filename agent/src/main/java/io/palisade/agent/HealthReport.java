package io.palisade.agent;

import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The agent's verdict on a node at one instant, and the memory the next verdict needs (failure counts, tip progress):
 * {@link HealthJudge} turns the previous report and a new observation into the next report. Unknown values are empty,
 * never 0.
 *
 * @param state what the node is doing
 * @param started startup probe: the node serves metrics
 * @param live liveness probe: the node is not stuck (metrics and port answer, the tip is not frozen outside startup)
 * @param ready readiness probe: SYNCED, enough hot peers, and for a block producer forging with a valid KES key
 * @param role the role judged (configured, or inferred from the metrics)
 * @param tipSlot the node's tip slot (from its metrics or its port)
 * @param tipBlock the node's tip block number
 * @param expectedSlot the slot the chain clock says the tip should be near
 * @param gap {@code expectedSlot - tipSlot} (negative when the node is ahead of this machine's clock)
 * @param hotPeers hot (active) outbound peers
 * @param warmPeers warm outbound peers
 * @param replayProgress ledger replay progress in percent, while starting
 * @param forgingEnabled whether the node reports forging enabled
 * @param forge the node's forge counters, cumulative since it started ({@link ForgeCounters#NONE} when it exposes
 *     none: a relay); during a failed scrape the last known ones
 * @param kes the KES key and operational certificate, for a block producer
 * @param port the last port probe, if the port is probed
 * @param nodeVersion the node's version, from its build info metric
 * @param reasons why each verdict is what it is, one line each, prefixed {@code state:}, {@code startup:},
 *     {@code liveness:}, {@code readiness:}, {@code kes:} or {@code warning:}
 * @param observedAt when the observation was made
 * @param tipProgress the tip slot and since when it has not moved
 * @param metricsFailures consecutive failed scrapes
 * @param portFailures consecutive failed port probes
 * @param nodeStartTime the node process's start time (Unix seconds), to notice restarts
 * @param observations how many observations this verdict rests on (1: the first, with no history; saturates)
 * @param forgeScrape when the forge counters were sampled: this observation's scrape, or, while a scrape fails, the
 *     one the last known counters come from
 */
public record HealthReport(
    NodeState state,
    boolean started,
    boolean live,
    boolean ready,
    NodeRole role,
    OptionalLong tipSlot,
    OptionalLong tipBlock,
    long expectedSlot,
    OptionalLong gap,
    OptionalLong hotPeers,
    OptionalLong warmPeers,
    OptionalDouble replayProgress,
    Optional<Boolean> forgingEnabled,
    ForgeCounters forge,
    Optional<KesStatus> kes,
    Optional<PortProbeResult> port,
    Optional<String> nodeVersion,
    List<String> reasons,
    Instant observedAt,
    Optional<TipProgress> tipProgress,
    int metricsFailures,
    int portFailures,
    OptionalLong nodeStartTime,
    int observations,
    ScrapeWindow forgeScrape) {

  /** Requires every value and copies the reasons. */
  public HealthReport {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(tipSlot, "tipSlot");
    Objects.requireNonNull(tipBlock, "tipBlock");
    Objects.requireNonNull(gap, "gap");
    Objects.requireNonNull(hotPeers, "hotPeers");
    Objects.requireNonNull(warmPeers, "warmPeers");
    Objects.requireNonNull(replayProgress, "replayProgress");
    Objects.requireNonNull(forgingEnabled, "forgingEnabled");
    Objects.requireNonNull(forge, "forge");
    Objects.requireNonNull(kes, "kes");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(nodeVersion, "nodeVersion");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(tipProgress, "tipProgress");
    Objects.requireNonNull(nodeStartTime, "nodeStartTime");
    Objects.requireNonNull(forgeScrape, "forgeScrape");
    if (observations < 1) {
      throw new IllegalArgumentException("a report rests on at least one observation, was: " + observations);
    }
  }

  /** Whether this verdict rests on a single observation (the first, with no history to smooth it). */
  public boolean singleObservation() {
    return observations == 1;
  }
}
