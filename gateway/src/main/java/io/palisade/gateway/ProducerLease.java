package io.palisade.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which block producer forges, as the console shows it (issue 18): the holder of the producer lease, since when, its
 * fencing token, the standby and a move in progress. Only the lease holder is given the forging credentials.
 *
 * @param known whether the gateway reports a lease at all
 * @param unknownWhy why not, when not known (for the operator: no standby, or a gateway that does not report it)
 * @param holder the producer that holds the lease; empty when not known
 * @param token the fencing token (grows by one at every change of holder); 0 when not known
 * @param since when the holder got the lease, if known
 * @param standby the other producer; empty when not known
 * @param handover a move in progress in words (a failover or switchover), empty when none
 * @param forgingEnabled each producer's {@code forging_enabled} at its latest scrape (absent: unknown)
 * @param status one line: who forges, or what a move waits for
 */
public record ProducerLease(boolean known, String unknownWhy, String holder, long token, Optional<Instant> since,
    String standby, String handover, Map<String, Boolean> forgingEnabled, String status) {
  /** What a gateway that reports no producer lease says. */
  public static final String NOT_REPORTED = "this gateway does not report the producer lease";

  /** Rejects nulls; absent texts become empty, the map is copied. */
  public ProducerLease {
    unknownWhy = unknownWhy == null ? "" : unknownWhy;
    holder = holder == null ? "" : holder;
    Objects.requireNonNull(since, "since");
    standby = standby == null ? "" : standby;
    handover = handover == null ? "" : handover;
    forgingEnabled = forgingEnabled == null ? Map.of() : Map.copyOf(forgingEnabled);
    status = status == null ? "" : status;
  }

  /**
   * A lease the gateway does not know.
   *
   * @param why why not, for the operator
   * @return nothing known
   */
  public static ProducerLease unknown(String why) {
    return new ProducerLease(false, why, "", 0, Optional.empty(), "", "", Map.of(), "");
  }

  /**
   * @param node a producer's name
   * @return its {@code forging_enabled} at the latest scrape, if known
   */
  public Optional<Boolean> forging(String node) {
    return Optional.ofNullable(forgingEnabled.get(node));
  }
}
