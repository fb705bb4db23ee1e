package io.palisade.control;

import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.Objects;

/**
 * A version that failed a rollout. It is never rolled out again automatically; only an explicit retry clears it.
 *
 * @param version the version
 * @param at when it failed
 * @param node the node it failed on
 * @param reason why
 */
public record FailedVersion(NodeVersion version, Instant at, String node, String reason) {
  /** Checks the required fields. */
  public FailedVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }
}
