package io.palisade.agent.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.palisade.chain.ChainClock;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One served schedule file read for {@code /metrics}: its epoch, how many leader slots the pool has in it, and when
 * each starts. The file is the schedule sidecar's {@code palisade leader-schedule --json} output; of it only
 * {@code epoch}, {@code firstSlot}, {@code epochLength} and {@code leaderSlots[].slot} are read, and checked against
 * the agent's network as the operator checks what it copies into the pool's Secret (the epoch the name says, the
 * network's slots of that epoch): a file that fails is skipped, never half used. Read with Jackson's streaming parser,
 * so a file of {@link ScheduleFiles#MAX_BYTES} costs no tree on the agent's small heap. Pure.
 */
public final class ServedEpoch {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final long epoch;
  private final long[] startMillis;

  private ServedEpoch(long epoch, long[] startMillis) {
    this.epoch = epoch;
    this.startMillis = startMillis;
  }

  /** A file that was read, or why it was skipped. */
  public record Parsed(Optional<ServedEpoch> epoch, String problem) {}

  /**
   * Reads one served file.
   *
   * @param epoch the epoch its name stands for ({@link ScheduleFiles#epochOf})
   * @param bytes its content
   * @param chain the agent's network (only its genesis arithmetic is used)
   * @return the epoch's leader slots, or the problem that made the file skipped
   */
  public static Parsed parse(long epoch, byte[] bytes, ChainClock chain) {
    try {
      long first = chain.firstSlotOfEpoch(epoch);
      long end = chain.firstSlotOfEpoch(epoch + 1);
      Rows rows = new Rows(end - first);
      String problem = read(bytes, epoch, first, end, rows);
      if (problem != null) {
        return new Parsed(Optional.empty(), problem);
      }
      long[] slots = Arrays.copyOf(rows.slots, rows.size);
      Arrays.sort(slots);
      int distinct = 0;
      for (int i = 0; i < slots.length; i++) {
        if (i == 0 || slots[i] != slots[i - 1]) {
          slots[distinct++] = slots[i];
        }
      }
      long[] starts = new long[distinct];
      for (int i = 0; i < distinct; i++) {
        starts[i] = chain.startOfSlot(slots[i]).toEpochMilli();
      }
      return new Parsed(Optional.of(new ServedEpoch(epoch, starts)), null);
    } catch (JsonProcessingException e) {
      // Not JSON, cut short, a repeated field, a number out of range: skipped (Jackson's words without the location).
      return new Parsed(Optional.empty(), "not a leader schedule: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      // Whatever else it is, the file is skipped and /metrics still answers.
      return new Parsed(Optional.empty(), "not a leader schedule: " + e);
    }
  }

  /** The epoch. */
  public long epoch() {
    return epoch;
  }

  /** How many distinct leader slots the pool has in the epoch. */
  public int leaderSlots() {
    return startMillis.length;
  }

  /**
   * When the next leader slot starts, read from the epochs served as the control plane reads its own schedule: only
   * when the whole schedule up to it is known, so from the epoch {@code now} falls in onwards, without a gap (a
   * schedule of the next epoch alone says nothing of the slots left in this one).
   *
   * @param epochs the served epochs
   * @param currentEpoch the epoch {@code now} falls in
   * @param now the time
   * @return the start of the first leader slot after {@code now}; empty when unknown or none is ahead
   */
  public static Optional<Instant> nextLeaderSlot(List<ServedEpoch> epochs, long currentEpoch, Instant now) {
    long at = now.toEpochMilli();
    for (long e = currentEpoch; ; e++) {
      final long wanted = e;
      Optional<ServedEpoch> served = epochs.stream().filter(s -> s.epoch == wanted).findFirst();
      if (served.isEmpty()) {
        return Optional.empty();
      }
      long[] starts = served.get().startMillis;
      int i = Arrays.binarySearch(starts, at);
      // The first start strictly after now: a slot starting this very millisecond is no longer ahead.
      int next = i >= 0 ? i + 1 : -i - 1;
      if (next < starts.length) {
        return Optional.of(Instant.ofEpochMilli(starts[next]));
      }
    }
  }

  /** The growing list of slots read, never longer than the epoch (a longer list is not a schedule). */
  private static final class Rows {
    private final long max;
    private long[] slots = new long[16];
    private int size;

    Rows(long max) {
      this.max = max;
    }

    boolean add(long slot) {
      if (size >= max) {
        return false;
      }
      if (size == slots.length) {
        slots = Arrays.copyOf(slots, size * 2);
      }
      slots[size++] = slot;
      return true;
    }
  }

  /** Reads the document; returns the problem, or null when it is a schedule of {@code epoch}. */
  private static String read(byte[] bytes, long epoch, long first, long end, Rows rows) throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "not a JSON object (the output of 'palisade leader-schedule --json')";
      }
      Long fileEpoch = null;
      boolean networkMatches = true;
      boolean listed = false;
      String slotProblem = null;
      while (slotProblem == null && p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "epoch" -> fileEpoch = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
          // Both are optional; when written they must be this network's.
          case "firstSlot" -> networkMatches &= value == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == first;
          case "epochLength" ->
              networkMatches &= value == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == end - first;
          case "leaderSlots" -> {
            slotProblem = slots(p, value, first, end, rows);
            listed = true;
          }
          default -> p.skipChildren();
        }
      }
      // The epoch first: a file of another epoch under this name says so, rather than "another network".
      if (fileEpoch != null && fileEpoch != epoch) {
        return "not the schedule of epoch " + epoch + " (its \"epoch\" is " + fileEpoch + ")";
      }
      if (!networkMatches) {
        return "for another network: epoch " + epoch + " has slots " + first + " to " + (end - 1) + " here";
      }
      if (slotProblem != null) {
        return slotProblem;
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        return "not one JSON object";
      }
      if (fileEpoch == null) {
        return "no whole-number \"epoch\" (the schedule of epoch " + epoch + " names it)";
      }
      return listed ? null : "no \"leaderSlots\" list";
    }
  }

  private static String slots(JsonParser p, JsonToken list, long first, long end, Rows rows) throws IOException {
    if (list != JsonToken.START_ARRAY) {
      return "\"leaderSlots\" is not a list";
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      Long slot = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("slot") && value == JsonToken.VALUE_NUMBER_INT) {
          slot = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
      if (slot == null || slot < first || slot >= end) {
        return "slot " + slot + " is not in the epoch (slots " + first + " to " + (end - 1) + ")";
      }
      if (!rows.add(slot)) {
        return "more leader slots than the epoch has slots";
      }
    }
    return p.currentToken() == JsonToken.END_ARRAY ? null : "a \"leaderSlots\" row is not an object";
  }
}
