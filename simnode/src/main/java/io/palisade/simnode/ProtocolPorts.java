package io.palisade.simnode;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2c.LedgerView;
import io.palisade.ouroboros.n2c.NodeToClientResponder;
import io.palisade.ouroboros.n2c.NodeToClientServer;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The node's two Ouroboros endpoints: the node-to-node port (handshake, chain-sync's tip and whether a block is on
 * the node's chain) and the node-to-client
 * socket at {@code --socket-path} (handshake, local-state-query from the simulated ledger). Like cardano-node, both
 * open once the chain database is open (after the replay); a hung node closes both until the fault clears, a
 * partitioned one only the node-to-node port (its socket is local: no network partition reaches it).
 */
final class ProtocolPorts implements Closeable {
  private final long networkMagic;
  private final String host;
  private final int port;
  private final Path socketPath;
  private final Supplier<ChainTip> tip;
  private final Predicate<Point> onChain;
  private final LedgerView ledger;
  private final Consumer<String> log;
  private NodeToNodeServer nodeToNode;
  private NodeToClientServer nodeToClient;

  ProtocolPorts(long networkMagic, String host, int port, Path socketPath, Supplier<ChainTip> tip,
      Predicate<Point> onChain, LedgerView ledger, Consumer<String> log) {
    this.networkMagic = networkMagic;
    this.host = host;
    this.port = port;
    this.socketPath = socketPath;
    this.tip = tip;
    this.onChain = onChain;
    this.ledger = ledger;
    this.log = log;
  }

  /**
   * Opens whichever endpoint is closed.
   *
   * @param network whether the node's network is up (a partitioned node's node-to-node port stays closed)
   * @throws IOException naming the endpoint that cannot be bound
   */
  synchronized void open(boolean network) throws IOException {
    if (nodeToNode == null && network) {
      try {
        nodeToNode = NodeToNodeServer.start(new InetSocketAddress(host, port),
            new NodeToNodeResponder(networkMagic, tip::get, onChain));
      } catch (IOException e) {
        throw new IOException("cannot listen on node-to-node port " + port + ": " + e.getMessage(), e);
      }
      log.accept("Listening for node-to-node connections on " + host + ":" + nodeToNode.address().getPort());
    }
    if (nodeToClient == null) {
      nodeToClient = NodeToClientServer.start(socketPath, new NodeToClientResponder(networkMagic, ledger));
      log.accept("Listening for node-to-client connections on " + socketPath);
    }
  }

  /** Closes the node-to-node port (a partitioned node: connections are refused). */
  synchronized void closeNetwork() {
    if (nodeToNode != null) {
      closeQuietly(nodeToNode);
      nodeToNode = null;
    }
  }

  /** Closes both (a hung node answers nothing). */
  @Override
  public synchronized void close() {
    if (nodeToNode != null) {
      closeQuietly(nodeToNode);
      nodeToNode = null;
    }
    if (nodeToClient != null) {
      closeQuietly(nodeToClient);
      nodeToClient = null;
    }
  }

  /** The node-to-node port while open, or -1. */
  synchronized int nodeToNodePort() {
    return nodeToNode == null ? -1 : nodeToNode.address().getPort();
  }

  /** Whether the node-to-client socket is open. */
  synchronized boolean nodeToClientOpen() {
    return nodeToClient != null;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // Closing a listener; nothing to recover.
    }
  }
}
