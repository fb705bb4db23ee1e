package io.palisade.simnode.forge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulated node's missed-leader-slot record, beside its forged-block record ({@link ForgedBlockLog}) and with
 * the same discipline: every slot its pool leads in which the forge loop did not forge, and why
 * ({@link MissedLeaderSlot}), one JSON object a line appended in slot order to {@code DB/missed-leader-slots.jsonl}
 * and forced to disk before the loop moves on; a torn last line (kill -9) is cut off by {@link #open} and ignored by
 * {@link #read}; any other line that is not an entry fails the read, naming the file and line.
 *
 * <pre>{@code
 * {"slot":1234,"epoch":7,"pool":"<56 hex>","reason":"KES_INVALID","trace":"Forge.Loop.ForgeStateUpdateError",
 *  "kesPeriod":950,"opcertStartKesPeriod":900,"opcertExpiryKesPeriod":962,"tipSlot":1230}
 * }</pre>
 */
public final class MissedSlotLog extends SlotRecordLog<MissedLeaderSlot> {
  /** The file's name in the node's database directory. */
  public static final String FILE_NAME = "missed-leader-slots.jsonl";
  /** Longest line accepted; an entry is about 250 bytes. */
  static final int MAX_LINE = 2048;
  private static final JsonLines.Kind<MissedLeaderSlot> KIND = new JsonLines.Kind<>(MissedLeaderSlot.class,
      MissedLeaderSlot::slot, "missed-leader-slot", MAX_LINE);

  private MissedSlotLog(JsonLines<MissedLeaderSlot> lines) {
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
  public static MissedSlotLog open(Path file, Consumer<MissedLeaderSlot> existing) throws IOException {
    return new MissedSlotLog(JsonLines.open(file, KIND, existing));
  }

  /**
   * Every entry of a record, in order; a torn last line is ignored, a missing file is an empty record.
   *
   * @param file the record
   * @return the entries
   * @throws IOException if it cannot be read or a complete line is not an entry (naming the line)
   */
  public static List<MissedLeaderSlot> read(Path file) throws IOException {
    return JsonLines.read(file, KIND);
  }
}
