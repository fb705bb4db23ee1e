package io.palisade.agent;

import io.palisade.ouroboros.ChainTip;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What probing a node's node-to-node port found.
 *
 * @param outcome the verdict on the port
 * @param versions the node-to-node versions the node offered (from the {@code query = true} handshake)
 * @param tip the node's tip from chain-sync {@code MsgFindIntersect []}, if read
 * @param detail what went wrong, for the operator (empty when all went well)
 * @param took how long the probe took
 */
public record PortProbeResult(
    Outcome outcome, List<Integer> versions, Optional<ChainTip> tip, String detail, Duration took) {

  /** The port's verdict. */
  public enum Outcome {
    /** The node speaks node-to-node on our network. */
    ANSWERED,
    /** The node answers but refused our network magic: it is on another network. */
    WRONG_NETWORK,
    /** Nothing answered in time (refused, unreachable, timed out, closed). */
    UNREACHABLE,
    /** Something answered with bytes that are not the node-to-node protocol. */
    PROTOCOL_ERROR
  }

  /** Copies the list. */
  public PortProbeResult {
    Objects.requireNonNull(outcome, "outcome");
    versions = List.copyOf(versions);
    Objects.requireNonNull(tip, "tip");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(took, "took");
  }

  /** Whether a node-to-node peer answered at all (on our network or not). */
  public boolean answered() {
    return outcome == Outcome.ANSWERED || outcome == Outcome.WRONG_NETWORK;
  }
}
