package io.palisade.control.api;

import java.time.Instant;
import java.util.Map;

/**
 * The producer lease of a pool with a standby, in {@link PoolStatus}: which block producer forges, since when, its
 * fencing token, and a move in progress or waiting.
 *
 * @param holder the producer that holds the lease (the only one given the forging credentials)
 * @param token the fencing token, grows by one at every change of holder
 * @param since when the holder got the lease
 * @param standby the other producer
 * @param handover a move in progress in words ({@code failover from block-producer to block-producer-standby since
 *     ...}), or null
 * @param switchoverRequestedAt when a switchover waiting for its window was asked for, or null
 * @param forgingEnabled each producer's {@code forging_enabled} at its latest scrape (absent: unknown)
 * @param status one line: who forges, or what a move waits for
 */
public record ProducerStatus(String holder, long token, Instant since, String standby, String handover,
    Instant switchoverRequestedAt, Map<String, Boolean> forgingEnabled, String status) {
  /** Copies the map. */
  public ProducerStatus {
    forgingEnabled = forgingEnabled == null ? Map.of() : Map.copyOf(forgingEnabled);
  }
}
