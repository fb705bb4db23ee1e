package io.palisade.simnode.forge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulated node's forged-block record: every block it forges, one JSON object a line, appended in slot order to
 * {@code DB/forged-blocks.jsonl} (DB = {@code --database-path}) and forced to disk before the node moves on. A line is
 * written with one {@code write} on an append-only file, so a kill -9 leaves at worst a last line without its newline,
 * which {@link #open} cuts off and {@link #read} ignores; every complete line is an entry. The leader slots it did not
 * forge in go to its sibling, {@link MissedSlotLog}.
 *
 * <pre>{@code
 * {"slot":1234,"epoch":7,"pool":"<56 hex>","opcertCounter":0,"kesPeriod":950,"adopted":true,"outcome":"ADOPTED",
 *  "onChain":true,"hash":"<64 hex>","vrfOutput":"<128 hex>"}
 * }</pre>
 *
 * Readers (tests, the slot ledger) use {@link #read}; the node appends through one open instance.
 */
public final class ForgedBlockLog extends SlotRecordLog<ForgedBlock> {
  /** The file's name in the node's database directory. */
  public static final String FILE_NAME = "forged-blocks.jsonl";
  /** Longest line accepted; an entry is about 450 bytes. */
  static final int MAX_LINE = 4096;
  /** A line written before blocks recorded whether they were sent is one of a node whose network was up. */
  private static final JsonLines.Kind<ForgedBlock> KIND = new JsonLines.Kind<>(ForgedBlock.class, ForgedBlock::slot,
      "forged-block", MAX_LINE, java.util.Map.of("propagated", true));

  private ForgedBlockLog(JsonLines<ForgedBlock> lines) {
    super(lines);
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
    return new ForgedBlockLog(JsonLines.open(file, KIND, existing));
  }

  /**
   * Every entry of a record, in order; a torn last line is ignored, a missing file is an empty record.
   *
   * @param file the record
   * @return the entries
   * @throws IOException if it cannot be read or a complete line is not an entry (naming the line)
   */
  public static List<ForgedBlock> read(Path file) throws IOException {
    return JsonLines.read(file, KIND);
  }
}
