package io.palisade.agent.chain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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
    byte[] line = new byte[ChainExtendedLine.MAX_LINE];
    Optional<String> first = Optional.empty(); // the first extension, kept while a forge loop's line may follow
    int length = 0;
    boolean skipping = cutStart; // inside a line that is cut or too long: dropped up to its end
    byte[] buf = new byte[8192];
    long left = maxBytes;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        break;
      }
      left -= n;
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          if (!skipping) {
            Optional<ChainExtendedLine> found = match(line, length, slot);
            if (found.isPresent() && found.get().forgedHere()) {
              return Optional.of(found.get().hash());
            }
            first = first.isPresent() ? first : found.map(ChainExtendedLine::hash);
          }
          length = 0;
          skipping = false;
        } else if (!skipping) {
          if (length == line.length) {
            skipping = true; // longer than any line of the node's: no extension
            length = 0;
          } else {
            line[length++] = b;
          }
        }
      }
    }
    // A last line without its newline counts only when the stream ended there (not when the byte limit cut it).
    Optional<ChainExtendedLine> last = left > 0 && !skipping ? match(line, length, slot) : Optional.empty();
    if (last.isPresent() && (last.get().forgedHere() || first.isEmpty())) {
      return Optional.of(last.get().hash());
    }
    return first;
  }

  private static Optional<ChainExtendedLine> match(byte[] line, int length, long slot) {
    if (length == 0) {
      return Optional.empty();
    }
    Optional<ChainExtendedLine> e = ChainExtendedLine.parse(new String(line, 0, length, StandardCharsets.UTF_8));
    return e.filter(x -> x.slot() == slot);
  }
}
