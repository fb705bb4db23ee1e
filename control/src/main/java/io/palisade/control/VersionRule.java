package io.palisade.control;

import io.palisade.spec.NodeVersion;
import io.palisade.spec.NodeVersionFloor;
import java.util.Objects;
import java.util.Optional;

/**
 * Which cardano-node versions an upgrade may go to on a pool, asked by {@link PoolCommands#upgrade} before anything is
 * touched: never one older than every configuration Palisade ships for the pool's network (the same
 * {@link NodeVersionFloor} {@code render} refuses by), and one older than the version the pool runs only when the
 * operator says so: a downgrade is a deliberate act, not a typo.
 *
 * @param floor the oldest version Palisade can configure on the pool's network; empty for a custom network, whose own
 *     config.json decides
 * @param allowDowngrade whether the operator explicitly allowed a version older than the one the pool runs
 * @param howToAllow how to allow a downgrade on this runtime, appended to its refusal ("pass --allow-downgrade ...")
 */
public record VersionRule(Optional<NodeVersionFloor> floor, boolean allowDowngrade, String howToAllow) {
  /** Checks the fields. */
  public VersionRule {
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(howToAllow, "howToAllow");
  }

  /**
   * Why no node could ever run {@code version} on this pool, or empty: the floor's refusal, in {@code render}'s words.
   *
   * @param version the version asked for
   * @return the refusal, or empty
   */
  public Optional<String> unconfigurable(NodeVersion version) {
    return floor.flatMap(f -> f.refusal(version));
  }

  /**
   * Why the pool may not go down to {@code version}, or empty when it is no downgrade or the operator allowed it.
   *
   * @param version the version asked for
   * @param running the version the pool runs, or null when not known yet
   * @return the refusal, or empty
   */
  public Optional<String> downgradeRefusal(NodeVersion version, NodeVersion running) {
    if (allowDowngrade || !downgrade(version, running)) {
      return Optional.empty();
    }
    return Optional.of(version + " is older than " + running + ", the version the pool runs: a downgrade is"
        + " refused unless asked for; " + howToAllow);
  }

  /**
   * Whether going from {@code running} to {@code version} is a downgrade.
   *
   * @param version the version asked for
   * @param running the version the pool runs, or null when not known yet
   * @return true when {@code version} is older
   */
  public static boolean downgrade(NodeVersion version, NodeVersion running) {
    return running != null && version.compareTo(running) < 0;
  }
}
