package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.StateJson;
import io.palisade.spec.AtomicFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The event log: every decision, one JSON object a line, appended and fsynced. A torn last line (a crash mid-write)
 * is skipped when reading. At {@value #MAX_BYTES} bytes the file is rotated to {@code events.1.jsonl}.
 */
public final class EventLog {
  static final long MAX_BYTES = 8L * 1024 * 1024;

  private final Path file;

  /**
   * @param file the log file
   */
  public EventLog(Path file) {
    this.file = file;
  }

  /**
   * Appends events durably.
   *
   * @param events the events
   * @throws IOException if they cannot be written
   */
  public synchronized void append(List<ControlEvent> events) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
      Files.move(file, file.resolveSibling("events.1.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    }
    StringBuilder b = new StringBuilder();
    for (ControlEvent e : events) {
      b.append(StateJson.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(e)).append('\n');
    }
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(AtomicFile.OWNER_ONLY));
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
  }

  /**
   * The last {@code limit} events, oldest first.
   *
   * @param limit how many
   * @return the events
   * @throws IOException if the log cannot be read
   */
  public synchronized List<ControlEvent> tail(int limit) throws IOException {
    Deque<ControlEvent> last = new ArrayDeque<>();
    if (!Files.exists(file)) {
      return List.of();
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          last.addLast(StateJson.MAPPER.readValue(line, ControlEvent.class));
        } catch (IOException | RuntimeException torn) {
          continue;
        }
        if (last.size() > limit) {
          last.removeFirst();
        }
      }
    }
    return new ArrayList<>(last);
  }
}
