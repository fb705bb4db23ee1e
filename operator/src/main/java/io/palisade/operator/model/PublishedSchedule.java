package io.palisade.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.LeaderCalendar;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The block producer's leader slots as published in the pool's leader-schedule Secret, read back as a
 * {@link LeaderCalendar}. The Secret holds one key per epoch, {@code epoch-<N>.json}, each the output of
 * {@code palisade leader-schedule --epoch N --json} computed where the VRF key is (the block producer's node, or
 * offline): one format for the command and the operator. Of each only {@code epoch}, {@code firstSlot},
 * {@code epochLength}, {@code source} and {@code leaderSlots[].slot} are read, and checked against the network's
 * genesis. Pure: the Secret's data, the genesis and the time in, a calendar and the epochs' counts out. The data is
 * outside input (whoever may write the Secret): it is bounded and checked, and anything wrong with it makes the
 * schedule <em>unknown</em>, never a guess.
 *
 * <pre>{@code
 * epoch-1234.json: {"epoch": 1234, "firstSlot": 106617600, "epochLength": 86400, "source": "node ...",
 *                   "leaderSlots": [{"slot": 106617601, ...}, {"slot": 106618845, ...}], ...}
 * }</pre>
 *
 * <p>Only the epochs from the one {@code now} falls in onwards, without a gap, count: the calendar is complete up to
 * the end of the last of them. An epoch whose list is empty is published as empty (the pool leads no slot in it), not
 * missing.
 *
 * @param calendar the leader slots known, or {@link LeaderCalendar#unknown()}
 * @param epochs the leader-slot count of each epoch used, in order
 * @param source where the current epoch's schedule was computed (the {@code source} its publisher wrote), or null
 * @param problem why the schedule is unknown, or null when it is known
 */
public record PublishedSchedule(LeaderCalendar calendar, List<EpochCount> epochs, String source, String problem) {
  /** The Secret's keys holding the epochs' schedules: {@code epoch-<N>.json}. */
  public static final Pattern KEY = Pattern.compile("epoch-(0|[1-9][0-9]{0,17})\\.json");
  /** Larger than any honest epoch's schedule (a mainnet epoch has a few hundred leader slots for the largest pool). */
  public static final int MAX_BYTES = 256 * 1024;
  /** The current epoch and the next are all a publisher can know; a few more (the last one, say) are tolerated. */
  public static final int MAX_EPOCHS = 4;
  /** At most this many {@code epoch-<N>.json} keys are read: a publisher prunes the epochs that ended. */
  public static final int MAX_KEYS = 16;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Checks the fields. */
  public PublishedSchedule {
    Objects.requireNonNull(calendar, "calendar");
    epochs = List.copyOf(epochs);
  }

  /**
   * How many leader slots the pool has in one epoch.
   *
   * @param epoch the epoch
   * @param leaderSlots how many
   * @param toCome how many of them start after the time the schedule was read at
   */
  public record EpochCount(long epoch, int leaderSlots, int toCome) {}

  /** The Secret's key of an epoch's schedule. */
  public static String key(long epoch) {
    return "epoch-" + epoch + ".json";
  }

  /** An unknown schedule, and why. */
  public static PublishedSchedule unknown(String problem) {
    return new PublishedSchedule(LeaderCalendar.unknown(), List.of(), null, Objects.requireNonNull(problem));
  }

  /** Whether the current epoch's schedule is known. */
  public boolean known() {
    return problem == null;
  }

  /**
   * Reads a published schedule.
   *
   * @param data the Secret's data, decoded: key to content (keys other than {@code epoch-<N>.json} are ignored)
   * @param genesis the pool's network
   * @param now the time
   * @return the schedule, or an unknown one naming what is wrong
   */
  public static PublishedSchedule parse(Map<String, byte[]> data, GenesisParameters genesis, Instant now) {
    ChainClock chain = new ChainClock(genesis, Clock.fixed(now, ZoneOffset.UTC));
    long current = chain.epochOf(chain.slotAt(now));
    Map<Long, List<Long>> byEpoch = new TreeMap<>();
    Map<Long, String> sources = new TreeMap<>();
    int epochs = 0;
    for (Map.Entry<String, byte[]> entry : new TreeMap<>(data).entrySet()) {
      Matcher m = KEY.matcher(entry.getKey());
      if (!m.matches()) {
        continue;
      }
      if (++epochs > MAX_KEYS) {
        return unknown("the leader-schedule Secret holds more than " + MAX_KEYS + " epochs: keep the current and"
            + " the next");
      }
      long epoch = Long.parseLong(m.group(1));
      if (Math.abs(epoch - current) > MAX_EPOCHS) {
        continue; // long past (or a typo far ahead): it says nothing about the windows to come
      }
      String where = entry.getKey() + " of the leader-schedule Secret";
      byte[] bytes = entry.getValue();
      if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
        return unknown(where + " is " + (bytes == null ? 0 : bytes.length) + " bytes; a schedule is 1 to "
            + MAX_BYTES);
      }
      JsonNode root;
      try {
        root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        return unknown(where + " is not JSON: " + e.getOriginalMessage());
      }
      if (root == null || !root.isObject()) {
        return unknown(where + " is not a JSON object (the output of 'palisade leader-schedule --json')");
      }
      if (!isLong(root.path("epoch")) || root.get("epoch").asLong() != epoch) {
        return unknown(where + " is not the schedule of epoch " + epoch + " (its \"epoch\" is " + root.path("epoch")
            + ")");
      }
      long first = chain.firstSlotOfEpoch(epoch);
      long end = chain.firstSlotOfEpoch(epoch + 1);
      if (root.has("firstSlot") && (!isLong(root.get("firstSlot")) || root.get("firstSlot").asLong() != first)
          || root.has("epochLength") && (!isLong(root.get("epochLength"))
          || root.get("epochLength").asLong() != end - first)) {
        return unknown(where + " is for another network: epoch " + epoch + " starts at slot " + first + " and has "
            + (end - first) + " slots here");
      }
      JsonNode list = root.path("leaderSlots");
      if (!list.isArray() || list.size() > end - first) {
        return unknown(where + " has no \"leaderSlots\" list of at most the epoch's slots");
      }
      List<Long> slots = new ArrayList<>();
      for (JsonNode s : list) {
        JsonNode slot = s.path("slot");
        if (!isLong(slot) || slot.asLong() < first || slot.asLong() >= end) {
          return unknown("slot " + slot + " in " + where + " is not in epoch " + epoch + " (slots " + first + " to "
              + (end - 1) + ")");
        }
        slots.add(slot.asLong());
      }
      byEpoch.put(epoch, slots);
      if (root.path("source").isTextual()) {
        sources.put(epoch, root.get("source").asText());
      }
    }
    if (!byEpoch.containsKey(current)) {
      return unknown("no leader schedule of the current epoch " + current + " is published" + (byEpoch.isEmpty() ? ""
          : " (only of epochs " + byEpoch.keySet() + ")"));
    }
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    List<EpochCount> counts = new ArrayList<>();
    long epoch = current;
    while (byEpoch.containsKey(epoch)) {
      List<Long> distinct = byEpoch.get(epoch).stream().distinct().toList();
      int toCome = 0;
      for (long s : distinct) {
        LeaderCalendar.Slot slot = new LeaderCalendar.Slot(s, chain.startOfSlot(s), chain.startOfSlot(s + 1));
        slots.add(slot);
        toCome += slot.start().isAfter(now) ? 1 : 0;
      }
      counts.add(new EpochCount(epoch, distinct.size(), toCome));
      epoch++;
    }
    Instant knownUntil = chain.startOfSlot(chain.firstSlotOfEpoch(epoch));
    String source = sources.get(current);
    return new PublishedSchedule(new LeaderCalendar(slots, knownUntil), counts,
        source == null ? null : source.substring(0, Math.min(200, source.length())), null);
  }

  /**
   * What is wrong with one published file, checked as {@link #parse} checks it (its key, size, JSON, epoch, the
   * network's slots): so only a file the reading would accept is ever copied into the Secret.
   *
   * @param key the file's name, {@code epoch-<N>.json}
   * @param bytes its content
   * @param genesis the pool's network
   * @return the problem, or empty when the file is accepted
   */
  public static Optional<String> fileProblem(String key, byte[] bytes, GenesisParameters genesis) {
    Matcher m = KEY.matcher(key);
    if (!m.matches()) {
      return Optional.of(key + " is not a schedule file name (epoch-<N>.json)");
    }
    long epoch = Long.parseLong(m.group(1));
    if (epoch > 1_000_000_000L) {
      return Optional.of(key + " names an epoch no network reaches");
    }
    // Read as if at the start of its own epoch: parse then checks this file as the current one.
    ChainClock chain = new ChainClock(genesis, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    PublishedSchedule alone = parse(Map.of(key, bytes == null ? new byte[0] : bytes), genesis,
        chain.startOfSlot(chain.firstSlotOfEpoch(epoch)));
    return Optional.ofNullable(alone.problem());
  }

  private static boolean isLong(JsonNode n) {
    return n != null && n.isIntegralNumber() && n.canConvertToLong();
  }
}
