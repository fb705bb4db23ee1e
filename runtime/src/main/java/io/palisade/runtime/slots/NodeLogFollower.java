package io.palisade.runtime.slots;

import io.palisade.agent.chain.ForgeLoopLine;
import io.palisade.agent.chain.LogLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Follows one node's log ({@code node.log} in its directory) for its forge loop's lines, reading only the bytes
 * written since the last poll: the slot ledger asks every tick, and a log grows for as long as the node runs. The
 * file is known by its file key (where the file system has one) and by its size: a new key, or a shorter file, is a
 * rotation ({@code node.log} renamed {@code node.log.1} as the node restarts, a new {@code node.log} begun), after
 * which the rest of the old file is read from {@code node.log.1} before the new one from its start. A file cut in
 * place (same key, shorter) is read again from its start. Not thread-safe: its owner serialises polls.
 */
final class NodeLogFollower {
  static final String LOG = "node.log";
  static final String ROTATED = "node.log.1";

  private final Path dir;
  private final long firstTail;
  private final long perPoll;
  private final int keep;
  private final NavigableMap<Long, ForgeLoopLine> kept = new TreeMap<>();
  private boolean fresh = true; // never followed a file: the first is read from its tail, and the rotated one too
  private boolean following;
  private Object key;
  private long position;
  private LogLines lines = new LogLines(false);

  NodeLogFollower(Path dir, long firstTail, long perPoll, int keep) {
    this.dir = dir;
    this.firstTail = firstTail;
    this.perPoll = perPoll;
    this.keep = keep;
  }

  /** Reads what was written since the last poll; returns the forge loop's lines kept, by slot (a live view). */
  NavigableMap<Long, ForgeLoopLine> poll() throws IOException {
    BasicFileAttributes now = attributes(dir.resolve(LOG));
    long budget = following ? perPoll : firstTail;
    if (following && moved(now)) {
      BasicFileAttributes old = attributes(dir.resolve(ROTATED));
      if (old != null && ours(old)) {
        budget -= read(dir.resolve(ROTATED), old.size(), budget);
        if (position < old.size()) {
          return view(); // the rest of the old file next time, then the new one
        }
        lines.finish(this::take);
      }
      following = false;
    }
    if (now == null) {
      return view();
    }
    if (!following) {
      if (fresh) {
        tailOfRotated();
      }
      following = true;
      key = now.fileKey();
      position = fresh ? Math.max(0, now.size() - firstTail) : 0;
      lines = new LogLines(position > 0); // the first line read from inside the file is cut: not a line
      fresh = false;
    } else if (now.size() < position) {
      position = 0; // cut in place: all of it is new
      lines = new LogLines(false);
    }
    read(dir.resolve(LOG), now.size(), budget);
    return view();
  }

  /** Whether the file followed is no longer {@code node.log}: gone, another file, or shorter than was read. */
  private boolean moved(BasicFileAttributes now) {
    if (now == null) {
      return true;
    }
    return key != null ? !key.equals(now.fileKey()) : now.size() < position;
  }

  /** Whether {@code node.log.1} is the file followed: its key, or (without keys) at least as long as was read. */
  private boolean ours(BasicFileAttributes old) {
    return key != null ? key.equals(old.fileKey()) : old.size() >= position;
  }

  /** The rotated log's tail, once, when following begins: the lines of before a restart of the node. */
  private void tailOfRotated() throws IOException {
    BasicFileAttributes old = attributes(dir.resolve(ROTATED));
    if (old == null) {
      return;
    }
    position = Math.max(0, old.size() - firstTail);
    lines = new LogLines(position > 0);
    read(dir.resolve(ROTATED), old.size(), firstTail);
    lines.finish(this::take);
  }

  /** Reads {@code file} from {@link #position} up to {@code size}, at most {@code budget} bytes; returns how many. */
  private long read(Path file, long size, long budget) throws IOException {
    long want = Math.min(Math.max(0, size - position), Math.max(0, budget));
    if (want == 0) {
      return 0;
    }
    long done = 0;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (done < want) {
        buf.clear().limit((int) Math.min(buf.capacity(), want - done));
        int n = ch.read(buf, position + done);
        if (n <= 0) {
          break; // shorter than it said: the rest, if any, next time
        }
        lines.feed(buf.array(), n, this::take);
        done += n;
      }
    } catch (NoSuchFileException e) {
      return 0;
    }
    position += done;
    return done;
  }

  /** Keeps a forge loop's line: the first word of a slot stands; the oldest slots go past {@link #keep}. */
  private void take(String line) {
    ForgeLoopLine.parse(line).ifPresent(f -> {
      kept.putIfAbsent(f.slot(), f);
      while (kept.size() > keep) {
        kept.pollFirstEntry();
      }
    });
  }

  private NavigableMap<Long, ForgeLoopLine> view() {
    return Collections.unmodifiableNavigableMap(kept);
  }

  private static BasicFileAttributes attributes(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
