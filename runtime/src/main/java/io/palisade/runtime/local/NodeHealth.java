package io.palisade.runtime.local;

import io.palisade.control.NodeObservation;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges one node's health for the control loop (one instance per node, in-process): the health agent's logic
 * watching the node's metrics and port.
 */
public interface NodeHealth extends AutoCloseable {
  /**
   * Observes the node now.
   *
   * @param processAlive whether its process runs
   * @param processStartedAt when the process started (the startup budget counts from here), or null
   * @param version the version it was started with
   * @return the observation
   */
  NodeObservation observe(boolean processAlive, Instant processStartedAt, NodeVersion version);

  /**
   * The node's {@code forging_enabled} at its latest successful scrape, with when it was scraped; empty when unknown
   * (never scraped, the last scrape failed, or the node does not expose it). A value carried over from an earlier
   * scrape is never given.
   *
   * @return the reading
   */
  default Optional<ForgingSample> forging() {
    return Optional.empty();
  }

  /**
   * One reading of {@code forging_enabled}.
   *
   * @param enabled whether it read 1
   * @param observedAt when it was scraped
   */
  record ForgingSample(boolean enabled, Instant observedAt) {}

  /**
   * The node's forge counters at its latest successful scrape, with when it was scraped; empty when unknown (never
   * scraped, the last scrape failed, or the node exposes no forge counter). A value carried over from a failed scrape
   * is never given: the slot ledger brackets leader slots with these readings, and a reading must be of its time.
   *
   * @return the reading
   */
  default Optional<ForgeSample> forgeCounters() {
    return Optional.empty();
  }

  /**
   * One reading of the node's cumulative forge counters.
   *
   * @param counters the counters (control's record: what {@code CounterAttribution} reads)
   * @param from when the scrape that read them started
   * @param to when it ended: they were sampled in between
   */
  record ForgeSample(ForgeCounters counters, Instant from, Instant to) {
    /** Checks the fields. */
    public ForgeSample {
      java.util.Objects.requireNonNull(counters, "counters");
      java.util.Objects.requireNonNull(from, "from");
      java.util.Objects.requireNonNull(to, "to");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("a scrape cannot end before it starts: " + from + ", " + to);
      }
    }

    /** Counters sampled at one instant. */
    public ForgeSample(ForgeCounters counters, Instant at) {
      this(counters, at, at);
    }
  }

  /** Releases connections. */
  @Override
  void close();
}
