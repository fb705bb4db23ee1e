package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.LeaderCalendar;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.operator.testing.TestPools;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published leader schedule, read back: complete epochs from the current one, anything doubtful unknown. */
class PublishedScheduleTest {
  static final GenesisParameters PREVIEW = PoolSpecCheck.check(TestPools.stakePool(), RenderOptions.defaults())
      .genesis();
  static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");
  static final ChainClock CHAIN = new ChainClock(PREVIEW, Clock.fixed(NOW, ZoneOffset.UTC));
  static final long EPOCH = CHAIN.epochOf(CHAIN.currentSlot());
  static final long FIRST = CHAIN.firstSlotOfEpoch(EPOCH);
  static final long NEXT_FIRST = CHAIN.firstSlotOfEpoch(EPOCH + 1);

  /** What {@code palisade leader-schedule --epoch N --json} prints (the fields the operator does not read too). */
  static String output(long epoch, long... slots) {
    long first = CHAIN.firstSlotOfEpoch(epoch);
    String rows = Arrays.stream(slots).mapToObj(s -> "{\"slot\":" + s + ",\"slotInEpoch\":" + (s - first)
        + ",\"utc\":\"" + CHAIN.startOfSlot(s) + "\",\"local\":\"x\"}").collect(Collectors.joining(","));
    return "{\"network\":\"preview\",\"source\":\"node at /ipc/node.socket\",\"epoch\":" + epoch + ",\"firstSlot\":"
        + first + ",\"epochLength\":" + (CHAIN.firstSlotOfEpoch(epoch + 1) - first) + ",\"epochNonce\":\"00\","
        + "\"poolStake\":1,\"activeStake\":2,\"sigma\":0.5,\"activeSlotCoefficient\":\"1/20\",\"expectedBlocks\":1.0,"
        + "\"leaderSlotCount\":" + slots.length + ",\"leaderSlots\":[" + rows + "]}";
  }

  static PublishedSchedule parse(Map<String, String> data) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    data.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return PublishedSchedule.parse(bytes, PREVIEW, NOW);
  }

  @Test
  void currentAndNextEpoch_makeACalendarKnownToTheEndOfTheNext() {
    long soon = CHAIN.currentSlot() + 100;
    long past = CHAIN.currentSlot() - 100;
    PublishedSchedule s = parse(Map.of(PublishedSchedule.key(EPOCH), output(EPOCH, soon, past, soon),
        PublishedSchedule.key(EPOCH + 1), output(EPOCH + 1, NEXT_FIRST), "README", "not a schedule"));

    assertThat(s.known()).isTrue();
    assertThat(s.calendar().slots()).extracting(LeaderCalendar.Slot::slot).containsExactly(past, soon, NEXT_FIRST);
    assertThat(s.calendar().knownUntil()).isEqualTo(CHAIN.startOfSlot(CHAIN.firstSlotOfEpoch(EPOCH + 2)));
    assertThat(s.calendar().next(NOW).orElseThrow().start()).isEqualTo(CHAIN.startOfSlot(soon));
    assertThat(s.epochs()).containsExactly(new PublishedSchedule.EpochCount(EPOCH, 2, 1),
        new PublishedSchedule.EpochCount(EPOCH + 1, 1, 1));
    assertThat(s.source()).isEqualTo("node at /ipc/node.socket");
  }

  @Test
  void aGapEndsTheKnownPart_andAnEmptyEpochIsKnownToHaveNoSlot() {
    PublishedSchedule s = parse(Map.of(PublishedSchedule.key(EPOCH), output(EPOCH),
        PublishedSchedule.key(EPOCH + 2), output(EPOCH + 2)));
    assertThat(s.known()).isTrue();
    assertThat(s.calendar().slots()).isEmpty();
    assertThat(s.calendar().knownUntil()).isEqualTo(CHAIN.startOfSlot(NEXT_FIRST));
  }

  @Test
  void aStalePublication_withoutTheCurrentEpoch_isUnknown() {
    PublishedSchedule s = parse(Map.of(PublishedSchedule.key(EPOCH - 1), output(EPOCH - 1, FIRST - 5)));
    assertThat(s.known()).isFalse();
    assertThat(s.calendar().isUnknown()).isTrue();
    assertThat(s.problem()).isEqualTo("no leader schedule of the current epoch " + EPOCH + " is published (only of"
        + " epochs [" + (EPOCH - 1) + "])");
    assertThat(parse(Map.of()).problem()).isEqualTo("no leader schedule of the current epoch " + EPOCH
        + " is published");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "not json", "[]", "{}", "null", "{\"epoch\":EPOCH}", "{\"epoch\":OTHER,\"leaderSlots\":[]}",
      "{\"epoch\":\"EPOCH\",\"leaderSlots\":[]}", "{\"epoch\":EPOCH,\"leaderSlots\":{}}",
      "{\"epoch\":EPOCH.5,\"leaderSlots\":[]}", "{\"epoch\":99999999999999999999,\"leaderSlots\":[]}",
      "{\"epoch\":EPOCH,\"firstSlot\":7,\"leaderSlots\":[]}",
      "{\"epoch\":EPOCH,\"epochLength\":432000,\"leaderSlots\":[]}",
      "{\"epoch\":EPOCH,\"leaderSlots\":[{\"slot\":NEXT}]}",
      "{\"epoch\":EPOCH,\"leaderSlots\":[{\"slot\":\"FIRST\"}]}",
      "{\"epoch\":EPOCH,\"leaderSlots\":[FIRST]}",
      "{\"epoch\":EPOCH,\"leaderSlots\":[{\"slot\":-1}]}",
      "{\"epoch\":EPOCH,\"leaderSlots\":[{\"slot\":FIRST}]}{",
      "{\"epoch\":EPOCH,\"leaderSlots\":[{\"slot\":FIRST}]} trailing"
  })
  void malformedOrHostile_isUnknown_neverAGuess(String template) {
    String json = template.replace("EPOCH", Long.toString(EPOCH)).replace("OTHER", Long.toString(EPOCH + 1))
        .replace("NEXT", Long.toString(NEXT_FIRST)).replace("FIRST", Long.toString(FIRST));
    PublishedSchedule s = parse(Map.of(PublishedSchedule.key(EPOCH), json));
    assertThat(s.known()).as(json).isFalse();
    assertThat(s.calendar().isUnknown()).isTrue();
    assertThat(s.problem()).contains(PublishedSchedule.key(EPOCH));
  }

  @Test
  void tooLargeOrTooMany_areRefusedBeforeParsing() {
    byte[] big = new byte[PublishedSchedule.MAX_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    assertThat(PublishedSchedule.parse(Map.of(PublishedSchedule.key(EPOCH), big), PREVIEW, NOW).problem())
        .contains("a schedule is 1 to " + PublishedSchedule.MAX_BYTES);
    Map<String, String> many = LongStream.rangeClosed(EPOCH - 20, EPOCH).boxed()
        .collect(Collectors.toMap(PublishedSchedule::key, e -> output(e)));
    assertThat(parse(many).problem()).contains("more than " + PublishedSchedule.MAX_KEYS + " epochs");
  }

  @Test
  void epochsFarFromTheCurrentOne_areIgnored() {
    PublishedSchedule s = parse(Map.of(PublishedSchedule.key(EPOCH), output(EPOCH),
        PublishedSchedule.key(999_999_999_999L), "garbage"));
    assertThat(s.known()).isTrue();
  }
}
