package io.palisade.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chain clock against facts Palisade did not compute: real node log lines and the official genesis files. */
class ChainClockRealDataTest {
  private static final Pattern LOG_LINE = Pattern.compile(
      "\\[(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{2}) UTC\\] Chain extended, new tip: [0-9a-f]{64} at slot (\\d+)");
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SS");

  private final ChainClock mainnet = clock(KnownNetwork.MAINNET);

  @Test
  void everyRealMainnetLogLine_convertsToItsSlotExactly() throws IOException {
    // A node logs "Chain extended ... at slot N" moments after slot N begins, well inside the 1 s slot.
    Path log = SharedData.require("nodedata/logs/mainnet-chain-extended-log-excerpts.txt");
    List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("Chain extended")).toList();
    assertThat(lines).hasSize(13);
    for (String line : lines) {
      Matcher m = LOG_LINE.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      Instant at = LocalDateTime.parse(m.group(1), LOG_TIME).toInstant(ZoneOffset.UTC);
      long slot = Long.parseLong(m.group(2));
      assertThat(mainnet.slotAt(at)).as(line).isEqualTo(slot);
      assertThat(mainnet.startOfSlot(slot)).as(line).isBeforeOrEqualTo(at).isAfter(at.minusSeconds(1));
    }
  }

  @Test
  void mainnetShelleyHardFork_isEpoch208AtSlot4492800() {
    // The Shelley hard fork: 2020-07-29T21:44:51Z, epoch 208, first slot 4492800 (explorers and every SPO tool).
    Instant fork = Instant.parse("2020-07-29T21:44:51Z");
    assertThat(mainnet.firstSlotOfEpoch(208)).isEqualTo(4_492_800);
    assertThat(mainnet.startOfSlot(4_492_800)).isEqualTo(fork);
    assertThat(mainnet.slotAt(fork.minusMillis(1))).isEqualTo(4_492_799);
    assertThat(mainnet.eraOf(4_492_799)).isEqualTo(ChainEra.BYRON);
    assertThat(mainnet.eraOf(4_492_800)).isEqualTo(ChainEra.SHELLEY_BASED);
    assertThat(mainnet.epochOf(4_492_799)).isEqualTo(207);
    assertThat(mainnet.slotInEpoch(4_492_799)).isEqualTo(21_599);
    // Byron: 20 s slots. The last Byron slot began 20 s before the fork.
    assertThat(mainnet.startOfSlot(4_492_799)).isEqualTo(fork.minusSeconds(20));
  }

  @Test
  void mainnetMetricsFromAnIssueReport_matchEpochSlotInEpochAndKesPeriod() {
    // cardano-node issue #5075 quotes a node's metrics: slotNum 89321798, epoch 404, slotInEpoch 156998, KES 689.
    assertThat(mainnet.epochOf(89_321_798)).isEqualTo(404);
    assertThat(mainnet.slotInEpoch(89_321_798)).isEqualTo(156_998);
    assertThat(mainnet.kesPeriodOf(89_321_798)).isEqualTo(689);
  }

  @Test
  void previewMithrilSnapshot_isInEpoch916() {
    // The Mithril docs show a preview snapshot of epoch 916 created 2025-04-28T08:40:34Z.
    assertThat(clock(KnownNetwork.PREVIEW).at(Instant.parse("2025-04-28T08:40:34Z")).epoch()).isEqualTo(916);
  }

  @Test
  void preprodShelley_beginsAtEpoch4OnJune21() {
    ChainClock preprod = clock(KnownNetwork.PREPROD);
    assertThat(preprod.firstSlotOfEpoch(4)).isEqualTo(86_400);
    assertThat(preprod.startOfSlot(86_400)).isEqualTo(Instant.parse("2022-06-21T00:00:00Z"));
    assertThat(preprod.epochOf(86_399)).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(KnownNetwork.class)
  void epochBoundaries_followTheSharedGenesisFiles(KnownNetwork network) throws IOException {
    // Read the originals (not our bundled copies) and derive epoch starts from their raw fields.
    Path dir = SharedData.require("nodedata/environments/" + network.id());
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var byron = json.readTree(dir.resolve("byron-genesis.json").toFile());
    var shelley = json.readTree(dir.resolve("shelley-genesis.json").toFile());
    long start = byron.get("startTime").asLong();
    long byronEpochSeconds = 10 * byron.get("protocolConsts").get("k").asLong()
        * Long.parseLong(byron.get("blockVersionData").get("slotDuration").asText()) / 1000;
    long epochSeconds = shelley.get("epochLength").asLong() * shelley.get("slotLength").asLong();
    assertThat(Instant.parse(shelley.get("systemStart").asText()).getEpochSecond()).isEqualTo(start);

    ChainClock clock = clock(network);
    long fork = network.shelleyTransitionEpoch();
    for (long epoch = 0; epoch < fork + 30; epoch++) {
      long expected = epoch < fork
          ? start + epoch * byronEpochSeconds
          : start + fork * byronEpochSeconds + (epoch - fork) * epochSeconds;
      Instant begins = clock.startOfSlot(clock.firstSlotOfEpoch(epoch));
      assertThat(begins.getEpochSecond()).as("%s epoch %d", network, epoch).isEqualTo(expected);
      assertThat(clock.at(begins).epoch()).isEqualTo(epoch);
      assertThat(clock.at(begins).slotInEpoch()).isZero();
      if (epoch > 0) {
        assertThat(clock.at(begins.minusMillis(1)).epoch()).isEqualTo(epoch - 1);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(KnownNetwork.class)
  void bundledGenesisFiles_areByteIdenticalToTheOfficialOnes(KnownNetwork network) throws IOException {
    Path dir = SharedData.require("nodedata/environments/" + network.id());
    for (String file : KnownNetwork.GENESIS_FILES) {
      try (InputStream bundled = network.openGenesisFile(file)) {
        assertThat(bundled.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(dir.resolve(file)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(KnownNetwork.class)
  void kesParameters_matchTheVectorsGenesis(KnownNetwork network) throws IOException {
    Path file = SharedData.require("vectors/network-genesis/" + network.id() + "-shelley-genesis.json");
    var shelley = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    GenesisParameters g = network.genesis();
    assertThat(g.slotsPerKesPeriod()).isEqualTo(shelley.get("slotsPerKESPeriod").asLong());
    assertThat(g.maxKesEvolutions()).isEqualTo(shelley.get("maxKESEvolutions").asInt());
    assertThat(g.networkMagic()).isEqualTo(shelley.get("networkMagic").asLong());
  }

  private static ChainClock clock(KnownNetwork network) {
    return new ChainClock(network.genesis(), Clock.systemUTC());
  }
}
