package io.palisade.simnode;

import io.palisade.spec.NodeVersion;
import io.palisade.spec.binding.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the simulated node cannot learn from cardano-node's arguments: which version it plays, how long its ledger
 * replay takes, how fast it catches up, and where its fault files are. Read from the environment, which the
 * single-host runtime sets for each node.
 *
 * @param version the cardano-node version it reports ({@value #VERSION_ENV})
 * @param replay how long the simulated ledger replay takes at startup ({@value #REPLAY_ENV}, e.g. {@code 5s} or
 *     {@code PT0.5S})
 * @param syncSlotsPerSecond how many slots per second it catches up when behind ({@value #SYNC_ENV})
 * @param faultFiles the fault files, separated by ':' ({@value Faults#ENV}), or null
 * @param stakeShare a block producer's pool's share of the active stake in its simulated ledger ({@value #STAKE_ENV},
 *     default {@value #DEFAULT_STAKE_SHARE}: on a network with f = 0.05 and 1 s slots, about 9 leader slots an hour)
 * @param poolNodes the directory of the pool's nodes' directories ({@value #POOL_NODES_ENV}), or null
 */
public record SimNodeSettings(NodeVersion version, Duration replay, double syncSlotsPerSecond, String faultFiles,
    double stakeShare, Path poolNodes) {
  /** Environment variable: the version to report. */
  public static final String VERSION_ENV = "PALISADE_SIMNODE_VERSION";
  /** Environment variable: the replay duration. */
  public static final String REPLAY_ENV = "PALISADE_SIMNODE_REPLAY";
  /** Environment variable: the catch-up speed in slots per second. */
  public static final String SYNC_ENV = "PALISADE_SIMNODE_SYNC_SLOTS_PER_SECOND";
  /**
   * Environment variable: the directory of the pool's nodes' directories ({@code NODE/db/forged-blocks.jsonl} each),
   * whose blocks the simulated network carries to this node ({@link PoolGossip}).
   */
  public static final String POOL_NODES_ENV = "PALISADE_SIMNODE_POOL_NODES";
  /** Environment variable: the pool's share of the active stake. */
  public static final String STAKE_ENV = "PALISADE_SIMNODE_STAKE_SHARE";
  /** The pool's default share of the active stake. */
  public static final double DEFAULT_STAKE_SHARE = 0.05;

  /** Defaults: a 5 s replay, catching up at 500 slots per second. */
  public static final Duration DEFAULT_REPLAY = Duration.ofSeconds(5);

  /** Checks the values. */
  public SimNodeSettings {
    if (replay.isNegative()) {
      throw new IllegalArgumentException("replay must not be negative, was: " + replay);
    }
    if (!(syncSlotsPerSecond > 1)) {
      throw new IllegalArgumentException("sync speed must be more than 1 slot per second, was: " + syncSlotsPerSecond);
    }
    if (!(stakeShare > 0 && stakeShare <= 1)) {
      throw new IllegalArgumentException("the stake share must be in (0, 1], was: " + stakeShare);
    }
  }

  /** Settings without the pool's other nodes (none of their blocks reaches this node). */
  public SimNodeSettings(
      NodeVersion version, Duration replay, double syncSlotsPerSecond, String faultFiles, double stakeShare) {
    this(version, replay, syncSlotsPerSecond, faultFiles, stakeShare, null);
  }

  /** Settings with the default stake share. */
  public SimNodeSettings(NodeVersion version, Duration replay, double syncSlotsPerSecond, String faultFiles) {
    this(version, replay, syncSlotsPerSecond, faultFiles, DEFAULT_STAKE_SHARE);
  }

  /**
   * Reads the settings from an environment.
   *
   * @param env the environment
   * @param defaultVersion the version when {@value #VERSION_ENV} is unset
   * @return the settings
   * @throws IllegalArgumentException naming the variable that is malformed
   */
  public static SimNodeSettings fromEnvironment(Map<String, String> env, NodeVersion defaultVersion) {
    NodeVersion version = defaultVersion;
    Duration replay = DEFAULT_REPLAY;
    double speed = 500;
    try {
      if (env.get(VERSION_ENV) != null) {
        version = NodeVersion.parse(env.get(VERSION_ENV));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(VERSION_ENV + " " + e.getMessage(), e);
    }
    try {
      if (env.get(REPLAY_ENV) != null) {
        replay = DurationText.parse(env.get(REPLAY_ENV));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(REPLAY_ENV + " " + e.getMessage(), e);
    }
    if (env.get(SYNC_ENV) != null) {
      try {
        speed = Double.parseDouble(env.get(SYNC_ENV));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(SYNC_ENV + " must be a number, was: \"" + env.get(SYNC_ENV) + "\"", e);
      }
    }
    double share = DEFAULT_STAKE_SHARE;
    if (env.get(STAKE_ENV) != null) {
      try {
        share = Double.parseDouble(env.get(STAKE_ENV));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(STAKE_ENV + " must be a number in (0, 1], was: \"" + env.get(STAKE_ENV)
            + "\"", e);
      }
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException(STAKE_ENV + " must be a number in (0, 1], was: \"" + env.get(STAKE_ENV)
            + "\"");
      }
    }
    String nodes = env.get(POOL_NODES_ENV);
    return new SimNodeSettings(version, replay, speed, env.get(Faults.ENV), share,
        nodes == null || nodes.isBlank() ? null : Path.of(nodes));
  }
}
