package io.palisade.agent.chain;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds, in a cardano-node log read as a byte stream, the block its chain was first extended with in a slot
 * ({@link ChainExtendedLine}). Bounded whatever the stream holds: at most {@code maxBytes} are read, and a line longer
 * than {@link ChainExtendedLine#MAX_LINE} is skipped as it streams by, never held (a log is written by a process we do
 * not control, and on Kubernetes comes through the API server). Bytes that are no UTF-8 become U+FFFD: a damaged line
 * is no extension, the rest is still read.
 *
 * <p>The forge loop's own adoption line for the slot counts first ("Adopted block forged in slot S: HASH", or its
 * JSON): it names the block this node forged. Without one (a tracing configuration that drops the forge loop's
 * traces, or a hash too short to ask for), the first extension in the slot: our own block is adopted as it is forged,
 * and a competitor that later took the slot comes as a fork switch, which {@link ChainExtendedLine} does not read.
 */
public final class NodeLogScan {
  private NodeLogScan() {}

  /**
   * The hash of the block the node adopted in {@code slot}: the one its forge loop says it forged and adopted, else
   * the one its chain was first extended with.
   *
   * @param in the log (not closed here)
   * @param slot the slot
   * @param maxBytes how many bytes to read at most
   * @param cutStart whether the stream starts inside a line (a file's tail): its first line is not read
   * @return the hash (64 lower-case hex digits), or empty when the bytes read say nothing of the slot
   * @throws IOException if the stream fails
   */
  public static Optional<String> adoptedAt(InputStream in, long slot, long maxBytes, boolean cutStart)
      throws IOException {
    LogLines lines = new LogLines(cutStart);
    Match match = new Match(slot);
    byte[] buf = new byte[8192];
    long left = maxBytes;
    while (left > 0 && match.own == null) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        // A last line without its newline counts only when the stream ended there (not when the byte limit cut it).
        lines.finish(match);
        break;
      }
      left -= n;
      lines.feed(buf, n, match);
    }
    return Optional.ofNullable(match.own != null ? match.own : match.first);
  }

  /** The slot's block as the lines go by: the forge loop's word, else the first extension kept. */
  private static final class Match implements Consumer<String> {
    private final long slot;
    private String own;
    private String first;

    Match(long slot) {
      this.slot = slot;
    }

    @Override
    public void accept(String line) {
      if (own != null) {
        return;
      }
      ChainExtendedLine.parse(line).filter(e -> e.slot() == slot).ifPresent(e -> {
        if (e.forgedHere()) {
          own = e.hash();
        } else if (first == null) {
          first = e.hash();
        }
      });
    }
  }
}
