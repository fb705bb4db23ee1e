package io.palisade.simnode.forge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulated node's forged-block record: every block it forges, one JSON object a line, appended in slot order to
 * {@code DB/forged-blocks.jsonl} (DB = {@code --database-path}) and forced to disk before the node moves on. A line is
 * written with one {@code write} on an append-only file, so a kill -9 leaves at worst a last line without its newline,
 * which {@link #open} cuts off and {@link #read} ignores; every complete line is an entry.
 *
 * <pre>{@code
 * {"slot":1234,"epoch":7,"pool":"<56 hex>","opcertCounter":0,"kesPeriod":950,"adopted":true,"outcome":"ADOPTED",
 *  "onChain":true,"hash":"<64 hex>","vrfOutput":"<128 hex>"}
 * }</pre>
 *
 * Readers (tests, the slot ledger) use {@link #read}; the node appends through one open instance.
 */
public final class ForgedBlockLog implements Closeable {
  /** The file's name in the node's database directory. */
  public static final String FILE_NAME = "forged-blocks.jsonl";
  /** Longest line accepted; an entry is about 450 bytes. */
  static final int MAX_LINE = 4096;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).build())
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
  }

  private final Path file;
  private final FileChannel channel;
  private long lastSlot;

  private ForgedBlockLog(Path file, FileChannel channel, long lastSlot) {
    this.file = file;
    this.channel = channel;
    this.lastSlot = lastSlot;
  }

  /**
   * Opens (or creates) the record for appending, cutting off a torn last line, and passes every entry to
   * {@code existing} in order.
   *
   * @param file the record
   * @param existing receives every entry already recorded
   * @return the open record
   * @throws IOException if it cannot be read or written, or a complete line is not an entry (naming the line)
   */
  public static ForgedBlockLog open(Path file, Consumer<ForgedBlock> existing) throws IOException {
    boolean created = !Files.exists(file);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      long[] last = {-1};
      long complete = scan(file, ch, b -> {
        last[0] = b.slot();
        existing.accept(b);
      });
      if (complete < ch.size()) {
        ch.truncate(complete);
        ch.force(true);
      }
      ch.position(complete);
      if (created) {
        forceDirectory(file);
      }
      return new ForgedBlockLog(file, ch, last[0]);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Every entry of a record, in order; a torn last line is ignored, a missing file is an empty record.
   *
   * @param file the record
   * @return the entries
   * @throws IOException if it cannot be read or a complete line is not an entry (naming the line)
   */
  public static List<ForgedBlock> read(Path file) throws IOException {
    List<ForgedBlock> out = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      scan(file, ch, out::add);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return out;
  }

  /**
   * Appends an entry and forces it to disk.
   *
   * @param block the block; its slot must be after every recorded one
   * @throws IOException if it cannot be written
   */
  public synchronized void append(ForgedBlock block) throws IOException {
    if (block.slot() <= lastSlot) {
      throw new IllegalArgumentException("slot " + block.slot() + " is not after the last recorded slot " + lastSlot);
    }
    byte[] line = (JSON.writeValueAsString(block) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(line);
    long at = channel.size();
    while (buf.hasRemaining()) {
      at += channel.write(buf, at);
    }
    channel.force(true);
    lastSlot = block.slot();
  }

  /** The record's file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  /** Reads complete lines from the start; returns the length of the complete part (up to the last newline). */
  private static long scan(Path file, FileChannel ch, Consumer<ForgedBlock> sink) throws IOException {
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
          if (line.size() >= MAX_LINE) {
            throw new IOException(file + ":" + (lineNo + 1) + ": a line longer than " + MAX_LINE
                + " bytes is not a forged-block entry");
          }
          line.write(b);
          continue;
        }
        lineNo++;
        ForgedBlock block = parse(file, lineNo, line.toByteArray());
        if (block.slot() <= lastSlot) {
          throw new IOException(file + ":" + lineNo + ": slot " + block.slot() + " is not after the slot before it ("
              + lastSlot + "): the record is out of order");
        }
        lastSlot = block.slot();
        sink.accept(block);
        line.reset();
        complete = pos - buf.remaining();
      }
    }
  }

  private static ForgedBlock parse(Path file, int lineNo, byte[] line) throws IOException {
    try {
      ForgedBlock b = JSON.readValue(line, ForgedBlock.class);
      if (b == null) {
        throw new IOException(file + ":" + lineNo + ": an empty line is not a forged-block entry");
      }
      return b;
    } catch (JacksonException e) {
      throw new IOException(file + ":" + lineNo + ": not a forged-block entry: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ":" + lineNo + ": not a forged-block entry: " + e.getMessage(), e);
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
