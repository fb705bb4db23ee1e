package io.palisade.cli.agent;

import io.palisade.agent.AgentConfig;
import io.palisade.agent.AgentInputException;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.spec.NodeRole;
import io.palisade.spec.binding.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The verdict options shared by {@code palisade agent} and {@code palisade agent check}. */
public final class JudgeOptions {
  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "auto",
      description = "auto, relay or block-producer (default: ${DEFAULT-VALUE}: block producer on any forging evidence:"
          + " forging_enabled 1, a forge counter, a KES metric, or --opcert).")
  String role;

  @Option(names = "--opcert", paramLabel = "FILE",
      description = "The block producer's node.opcert, for its issue counter (the node does not expose it).")
  Path opcert;

  @Option(names = "--synced-within", paramLabel = "SLOTS", defaultValue = "20",
      description = "Gap at which a node becomes SYNCED (default: ${DEFAULT-VALUE}).")
  long syncedWithin;

  @Option(names = "--synced-hold", paramLabel = "SLOTS", defaultValue = "300",
      description = "Gap up to which a SYNCED node stays SYNCED (default: ${DEFAULT-VALUE}).")
  long syncedHold;

  @Option(names = "--lagging-within", paramLabel = "SLOTS", defaultValue = "600",
      description = "Gap up to which a node is LAGGING rather than SYNCING (default: ${DEFAULT-VALUE}).")
  long laggingWithin;

  @Option(names = "--lagging-hold", paramLabel = "SLOTS", defaultValue = "900",
      description = "Gap up to which a SYNCED or LAGGING node stays LAGGING (default: ${DEFAULT-VALUE}).")
  long laggingHold;

  @Option(names = "--min-hot-peers", paramLabel = "N", defaultValue = "2",
      description = "Hot peers a relay needs to be ready (default: ${DEFAULT-VALUE}).")
  int minHotPeers;

  @Option(names = "--min-hot-peers-block-producer", paramLabel = "N", defaultValue = "1",
      description = "Hot peers (its relays) a block producer needs to be ready (default: ${DEFAULT-VALUE}).")
  int minHotPeersBlockProducer;

  @Option(names = "--failures-before-down", paramLabel = "N", defaultValue = "3",
      description = "Failed observations in a row before metrics or port count as dead (default: ${DEFAULT-VALUE}).")
  int failuresBeforeDown;

  @Option(names = "--stuck-after", paramLabel = "DURATION", defaultValue = "30m",
      description = "How long the tip may stay on one slot, outside startup, before liveness fails"
          + " (default: ${DEFAULT-VALUE}).")
  String stuckAfter;

  /** The agent configuration these options describe. */
  AgentConfig config() {
    Optional<NodeRole> r = switch (role.toLowerCase(Locale.ROOT)) {
      case "auto" -> Optional.empty();
      case "relay" -> Optional.of(NodeRole.RELAY);
      case "block-producer", "bp" -> Optional.of(NodeRole.BLOCK_PRODUCER);
      default -> throw new ExitException(ExitCodes.INVALID_INPUT,
          "--role must be auto, relay or block-producer, was: \"" + role + "\"");
    };
    try {
      return new AgentConfig(r, syncedWithin, syncedHold, laggingWithin, laggingHold, minHotPeers,
          minHotPeersBlockProducer, failuresBeforeDown, duration("--stuck-after", stuckAfter));
    } catch (AgentInputException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage());
    }
  }

  /** The opcert file, if given. */
  Optional<Path> opcert() {
    return Optional.ofNullable(opcert);
  }

  /** Parses a duration option, or exits with code 2 naming it. */
  static Duration duration(String option, String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, option + " " + e.getMessage());
    }
  }
}
