package io.palisade.agent.chain;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a log read piece by piece into lines, across reads: a line the node has not finished writing waits for its
 * newline in the next read. Bounded whatever the log holds: a line longer than {@link ChainExtendedLine#MAX_LINE}
 * bytes is skipped as it streams by, never held (cardano-node's lines are far shorter; a log is written by a process
 * we do not control). Bytes that are no UTF-8 become U+FFFD: a damaged line is no line of interest, the rest is read.
 * The one splitter of a node's log: {@link NodeLogScan}'s one-off scans and the runtime's log follower.
 */
public final class LogLines {
  private final byte[] line = new byte[ChainExtendedLine.MAX_LINE];
  private int length;
  private boolean skipping;

  /** @param cutStart whether reading starts inside a line (a file's tail): that first part is not a line */
  public LogLines(boolean cutStart) {
    this.skipping = cutStart;
  }

  /** Passes on each line the bytes complete, keeping a last unfinished one for the next read. */
  public void feed(byte[] buf, int n, Consumer<String> out) {
    for (int i = 0; i < n; i++) {
      byte b = buf[i];
      if (b == '\n') {
        if (!skipping) {
          emit(out);
        }
        length = 0;
        skipping = false;
      } else if (!skipping) {
        if (length == line.length) {
          skipping = true; // longer than any line of the node's
          length = 0;
        } else {
          line[length++] = b;
        }
      }
    }
  }

  /** The file ended for good (rotated away): its last line, even without a newline, is all there will be. */
  public void finish(Consumer<String> out) {
    if (!skipping) {
      emit(out);
    }
    length = 0;
    skipping = false;
  }

  private void emit(Consumer<String> out) {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    if (end > 0) {
      out.accept(new String(line, 0, end, StandardCharsets.UTF_8));
    }
  }
}
