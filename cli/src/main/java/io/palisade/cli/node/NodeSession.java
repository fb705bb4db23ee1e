package io.palisade.cli.node;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.handshake.HandshakeRefusedException;
import io.palisade.ouroboros.n2c.LedgerQueries;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One node-to-client session for a command: the ledger facts it reads from the node's socket, every failure an exit
 * code and a sentence (a node that is not there or does not answer: 4; a node on another network: 2).
 */
public final class NodeSession implements AutoCloseable {
  /** The longest wait for one answer: a node answers these queries in milliseconds to a few seconds. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path socket;
  private final LedgerQueries queries;

  private NodeSession(Path socket, LedgerQueries queries) {
    this.socket = socket;
    this.queries = queries;
  }

  /**
   * Connects and acquires the node's tip.
   *
   * @param socket the node's socket
   * @param networkMagic the network the node must be on
   * @return the session
   * @throws ExitException 4 if the node cannot be reached or answers wrongly, 2 if it is on another network
   */
  public static NodeSession open(Path socket, long networkMagic) {
    try {
      return new NodeSession(socket, LedgerQueries.open(socket, networkMagic, TIMEOUT));
    } catch (HandshakeRefusedException e) {
      if (e.magicMismatch()) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "the node at " + socket + " is on another network than"
            + " magic " + networkMagic + " (" + e.getMessage() + "): check --network", e);
      }
      throw new ExitException(ExitCodes.UNAVAILABLE, "the node at " + socket + " refused the node-to-client"
          + " handshake: " + e.getMessage(), e);
    } catch (IOException | ProtocolException e) {
      throw failure(socket, e);
    }
  }

  /** A query against the session. */
  @FunctionalInterface
  public interface Query<T> {
    /** Runs it. */
    T ask(LedgerQueries node) throws IOException, ProtocolException;
  }

  /**
   * Asks the node.
   *
   * @throws ExitException 4 if the node does not answer in time or answers outside the protocol
   */
  public <T> T ask(Query<T> query) {
    try {
      return query.ask(queries);
    } catch (IOException | ProtocolException e) {
      throw failure(socket, e);
    }
  }

  private static ExitException failure(Path socket, Exception e) {
    if (e instanceof SocketTimeoutException) {
      return new ExitException(ExitCodes.UNAVAILABLE, "the node at " + socket + " did not answer within "
          + TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
    }
    if (e instanceof ProtocolException) {
      return new ExitException(ExitCodes.UNAVAILABLE, "the node at " + socket + " answered outside the"
          + " node-to-client protocol: " + e.getMessage(), e);
    }
    return new ExitException(ExitCodes.UNAVAILABLE, "cannot ask the node at " + socket + " (is it running? a node"
        + " opens its socket once its ledger is replayed): " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      queries.close();
    } catch (IOException ignored) {
      // The answers are read; a node that closed first changes nothing.
    }
  }
}
