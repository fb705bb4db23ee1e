package io.palisade.simnode.forge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The discipline both of the forge loop's records share ({@link ForgedBlockLog}, {@link MissedSlotLog}): one JSON
 * object a line, strictly increasing slots, each line written with one {@code write} on an append-only file and
 * forced to disk before the node moves on. A kill -9 leaves at worst a last line without its newline, which
 * {@link #open} cuts off and {@link #read} ignores; every complete line must be an entry, or reading fails naming the
 * file and line.
 *
 * @param <T> the entry type (a record Jackson binds strictly: unknown, missing or null fields and duplicate keys are
 *     refused; its constructor checks the values)
 */
final class JsonLines<T> implements Closeable {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).build())
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
  }

  /**
   * What one kind of record holds, for binding and for messages.
   *
   * @param added the fields added to the entry after records were first written, each with the value a line written
   *     before has (binding stays strict for every other field)
   */
  record Kind<T>(Class<T> type, ToLongFunction<T> slotOf, String entryName, int maxLine, Map<String, Object> added) {
    /** Copies the added fields. */
    Kind {
      added = Map.copyOf(added);
    }

    /** A kind whose every field was there from the first line. */
    Kind(Class<T> type, ToLongFunction<T> slotOf, String entryName, int maxLine) {
      this(type, slotOf, entryName, maxLine, Map.of());
    }
  }

  private final Path file;
  private final Kind<T> kind;
  private final FileChannel channel;
  private long lastSlot;

  private JsonLines(Path file, Kind<T> kind, FileChannel channel, long lastSlot) {
    this.file = file;
    this.kind = kind;
    this.channel = channel;
    this.lastSlot = lastSlot;
  }

  /** Opens (or creates) a record for appending, cutting off a torn last line; passes every entry to {@code existing}. */
  static <T> JsonLines<T> open(Path file, Kind<T> kind, Consumer<T> existing) throws IOException {
    boolean created = !Files.exists(file);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      long[] last = {-1};
      long complete = scan(file, kind, ch, e -> {
        last[0] = kind.slotOf().applyAsLong(e);
        existing.accept(e);
      });
      if (complete < ch.size()) {
        ch.truncate(complete);
        ch.force(true);
      }
      ch.position(complete);
      if (created) {
        forceDirectory(file);
      }
      return new JsonLines<>(file, kind, ch, last[0]);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Every entry of a record, in order; a torn last line is ignored, a missing file is an empty record. */
  static <T> List<T> read(Path file, Kind<T> kind) throws IOException {
    List<T> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      scan(file, kind, ch, out::add);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return out;
  }

  /** Appends an entry and forces it to disk; its slot must be after every recorded one. */
  synchronized void append(T entry) throws IOException {
    long slot = kind.slotOf().applyAsLong(entry);
    if (slot <= lastSlot) {
      throw new IllegalArgumentException("slot " + slot + " is not after the last recorded slot " + lastSlot);
    }
    byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(line);
    long at = channel.size();
    while (buf.hasRemaining()) {
      at += channel.write(buf, at);
    }
    channel.force(true);
    lastSlot = slot;
  }

  /** The last slot recorded, or -1. */
  synchronized long lastSlot() {
    return lastSlot;
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  /** Reads complete lines from the start; returns the length of the complete part (up to the last newline). */
  private static <T> long scan(Path file, Kind<T> kind, FileChannel ch, Consumer<T> sink) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long pos = 0;
    long complete = 0;
    int lineNo = 0;
    long lastSlot = -1;
    while (true) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return complete;
      }
      pos += n;
      buf.flip();
      while (buf.hasRemaining()) {
        byte b = buf.get();
        if (b != '\n') {
          if (line.size() >= kind.maxLine()) {
            throw new IOException(file + ":" + (lineNo + 1) + ": a line longer than " + kind.maxLine()
                + " bytes is not a " + kind.entryName() + " entry");
          }
          line.write(b);
          continue;
        }
        lineNo++;
        T entry = parse(file, kind, lineNo, line.toByteArray());
        long slot = kind.slotOf().applyAsLong(entry);
        if (slot <= lastSlot) {
          throw new IOException(file + ":" + lineNo + ": slot " + slot + " is not after the slot before it ("
              + lastSlot + "): the record is out of order");
        }
        lastSlot = slot;
        sink.accept(entry);
        line.reset();
        complete = pos - buf.remaining();
      }
    }
  }

  private static <T> T parse(Path file, Kind<T> kind, int lineNo, byte[] line) throws IOException {
    try {
      T entry;
      if (kind.added().isEmpty()) {
        entry = JSON.readValue(line, kind.type());
      } else {
        JsonNode tree = JSON.readTree(line);
        if (tree instanceof ObjectNode o) {
          kind.added().forEach((name, value) -> {
            if (!o.has(name)) {
              o.set(name, JSON.valueToTree(value));
            }
          });
        }
        entry = tree == null || tree.isMissingNode() ? null : JSON.treeToValue(tree, kind.type());
      }
      if (entry == null) {
        throw new IOException(file + ":" + lineNo + ": an empty line is not a " + kind.entryName() + " entry");
      }
      return entry;
    } catch (JacksonException e) {
      throw new IOException(file + ":" + lineNo + ": not a " + kind.entryName() + " entry: "
          + e.getOriginalMessage(), e);
    } catch (CharConversionException e) {
      // Jackson guesses a byte line's encoding from its first four bytes and refuses UCS-4 orders it cannot read,
      // outside JacksonException: the same damage, named the same way.
      throw new IOException(file + ":" + lineNo + ": not a " + kind.entryName() + " entry: " + e.getMessage(), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException(file + ":" + lineNo + ": not a " + kind.entryName() + " entry: " + e.getMessage(), e);
    }
  }

  private static void forceDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // Some file systems cannot fsync a directory; the file itself is forced.
    }
  }
}
