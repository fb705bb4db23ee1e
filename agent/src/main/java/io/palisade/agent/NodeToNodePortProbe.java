package io.palisade.agent;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeRefusedException;
import io.palisade.ouroboros.n2n.NodeToNodeClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Probes a node-to-node port as cardano-ping does: a handshake with {@code query = true} (the port answers and the
 * network magic matches), then a second connection that reads the tip with chain-sync {@code MsgFindIntersect []}.
 */
public final class NodeToNodePortProbe implements PortProbe {
  private final InetSocketAddress address;
  private final NodeToNodeClient client;

  /**
   * @param address the node's node-to-node address
   * @param networkMagic the magic of the network the node should be on
   * @param timeout the deadline of each of the two exchanges
   */
  public NodeToNodePortProbe(InetSocketAddress address, long networkMagic, Duration timeout) {
    this.address = address;
    this.client = new NodeToNodeClient(address, networkMagic, timeout);
  }

  @Override
  public String describe() {
    return address.getHostString() + ":" + address.getPort();
  }

  @Override
  public PortProbeResult probe() {
    long start = System.nanoTime();
    List<Integer> versions;
    try {
      versions = new ArrayList<>(client.queryVersions().keySet());
    } catch (HandshakeRefusedException e) {
      PortProbeResult.Outcome outcome = e.magicMismatch()
          ? PortProbeResult.Outcome.WRONG_NETWORK : PortProbeResult.Outcome.PROTOCOL_ERROR;
      return result(outcome, List.of(), Optional.empty(), e.getMessage(), start);
    } catch (ProtocolException e) {
      return result(PortProbeResult.Outcome.PROTOCOL_ERROR, List.of(), Optional.empty(), e.getMessage(), start);
    } catch (IOException e) {
      return result(PortProbeResult.Outcome.UNREACHABLE, List.of(), Optional.empty(), describe(e), start);
    }
    try {
      ChainTip tip = client.readTip().tip();
      return result(PortProbeResult.Outcome.ANSWERED, versions, Optional.of(tip), "", start);
    } catch (ProtocolException e) {
      return result(PortProbeResult.Outcome.ANSWERED, versions, Optional.empty(),
          "the handshake answered but reading the tip failed: " + e.getMessage(), start);
    } catch (IOException e) {
      return result(PortProbeResult.Outcome.ANSWERED, versions, Optional.empty(),
          "the handshake answered but reading the tip failed: " + describe(e), start);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "no answer in time";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static PortProbeResult result(
      PortProbeResult.Outcome outcome, List<Integer> versions, Optional<ChainTip> tip, String detail, long start) {
    return new PortProbeResult(outcome, versions, tip, detail, Duration.ofNanos(System.nanoTime() - start));
  }
}
