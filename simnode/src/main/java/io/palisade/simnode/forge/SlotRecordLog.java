package io.palisade.simnode.forge;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One open record of the forge loop, appended to by the node: what {@link ForgedBlockLog} and {@link MissedSlotLog}
 * share once open (each adds how it is opened and read, with its own entry type and line bound). The discipline itself
 * (one line per entry, forced to disk, torn last line cut) is {@link JsonLines}'.
 *
 * @param <T> the entry type
 */
public abstract class SlotRecordLog<T> implements Closeable {
  private final JsonLines<T> lines;

  SlotRecordLog(JsonLines<T> lines) {
    this.lines = lines;
  }

  /**
   * Appends an entry and forces it to disk.
   *
   * @param entry the entry; its slot must be after every recorded one
   * @throws IOException if it cannot be written
   */
  public void append(T entry) throws IOException {
    lines.append(entry);
  }

  /** The last slot recorded, or -1. */
  public long lastSlot() {
    return lines.lastSlot();
  }

  /** The record's file. */
  public Path file() {
    return lines.file();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
