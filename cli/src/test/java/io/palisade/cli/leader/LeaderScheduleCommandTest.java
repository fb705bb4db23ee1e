package io.palisade.cli.leader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import io.palisade.cli.CliRun;
import io.palisade.cli.JsonOption;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.leader.EpochNonce;
import io.palisade.leader.LeaderSchedule;
import io.palisade.leader.LeaderSlot;
import io.palisade.leader.Sigma;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade leader-schedule}, offline, end to end through the command line. */
class LeaderScheduleCommandTest {
  private static final String NONCE = "1a3be38bcbb7911969283716ad7aa550250226b76a61fc51cc9a9a35d9276d81";
  @TempDir Path dir;
  private Path network;
  private Path vrfKey;
  private byte[] seed;

  @BeforeEach
  void setUp() throws Exception {
    network = dir.resolve("tiny-net");
    Files.createDirectories(network);
    Files.writeString(network.resolve("shelley-genesis.json"), """
        {"systemStart": "2026-03-01T00:00:00Z", "networkMagic": 4242, "securityParam": 10,
         "slotLength": 1, "epochLength": 500, "slotsPerKESPeriod": 3600, "maxKESEvolutions": 62,
         "activeSlotsCoeff": 0.2}
        """);
    Files.writeString(network.resolve("config.json"), "{\"TestBabbageHardForkAtEpoch\": 0}");
    seed = HexFormat.of().parseHex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7");
    vrfKey = dir.resolve("vrf.skey");
    try (VrfSigningKey key = VrfSigningKey.fromSeed(seed)) {
      Files.write(vrfKey, key.toEnvelope().toBytes());
    }
  }

  private String[] args(String... extra) {
    List<String> all = new ArrayList<>(List.of("leader-schedule", "--network", network.toString(), "--epoch", "3",
        "--epoch-nonce", NONCE, "--pool-stake", "25000000000000", "--active-stake", "100000000000000",
        "--vrf-signing-key-file", vrfKey.toString(), "--timezone", "Asia/Tokyo"));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  @Test
  void json_listsTheSlotsTheLibraryFinds_withTimes() throws Exception {
    CliRun run = CliRun.run(args("--json"));
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = JsonOption.mapper().readTree(run.out());
    GenesisParameters genesis = GenesisReader.readDirectory(network);
    List<LeaderSlot> expected = new ArrayList<>();
    try (VrfSigningKey key = VrfSigningKey.fromSeed(seed); VrfEvaluator vrf = VrfEvaluator.of(key)) {
      LeaderSchedule.compute(new LeaderSchedule.Request(3, EpochNonce.parse(NONCE),
          Sigma.of(25_000_000_000_000L, 100_000_000_000_000L), genesis, 0), vrf, expected::add, p -> { });
    }
    assertThat(expected).hasSizeGreaterThan(5); // 500 · (1 − 0.8^0.25) ≈ 27
    assertThat(json.get("leaderSlotCount").asLong()).isEqualTo(expected.size());
    assertThat(json.get("firstSlot").asLong()).isEqualTo(1500);
    assertThat(json.get("sigma").asDouble()).isEqualTo(0.25);
    assertThat(json.get("activeSlotCoefficient").asText()).isEqualTo("1/5");
    assertThat(json.get("expectedBlocks").asDouble()).isCloseTo(500 * (1 - Math.pow(0.8, 0.25)),
        org.assertj.core.data.Offset.offset(1e-9));
    JsonNode first = json.get("leaderSlots").get(0);
    assertThat(first.get("slot").asLong()).isEqualTo(expected.get(0).slot());
    assertThat(first.get("slotInEpoch").asLong()).isEqualTo(expected.get(0).slot() - 1500);
    assertThat(first.get("utc").asText()).isEqualTo(expected.get(0).start().toString());
    assertThat(first.get("local").asText()).endsWith("+09:00");
    List<Long> slots = new ArrayList<>();
    json.get("leaderSlots").forEach(n -> slots.add(n.get("slot").asLong()));
    assertThat(slots).containsExactlyElementsOf(expected.stream().map(LeaderSlot::slot).toList());
  }

  @Test
  void text_showsEachSlot_expectedBlocksAndSigma_progressOnStderr() {
    CliRun run = CliRun.run(args());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("leader schedule  epoch 3 on " + network)
        .contains("sigma            0.2500000000 (pool 25000000000000 of 100000000000000 lovelace active), f = 1/5")
        .contains("expected blocks  ").contains("local (Asia/Tokyo)").containsPattern("\\n +1 +15\\d\\d +\\d+ +2026-");
    assertThat(run.err()).contains("slots checked (");
  }

  @Test
  void badInput_exit2_withTheReason() throws Exception {
    assertBad(CliRun.run(replace("--epoch-nonce", "abcd")), "--epoch-nonce: an epoch nonce is 64 hex digits");
    assertBad(CliRun.run(replace("--pool-stake", "12.5")), "--pool-stake must be a whole number of lovelace");
    assertBad(CliRun.run(replace("--pool-stake", "200000000000000")), "exceeds the total active stake");
    assertBad(CliRun.run(replace("--active-stake", "0")), "active stake must be positive");
    assertBad(CliRun.run(replace("--epoch", "next")), "--epoch next is known to the node only");
    assertBad(CliRun.run(without("--epoch-nonce")), "--epoch-nonce, --pool-stake and --active-stake are all needed");
    assertBad(CliRun.run(without("--active-stake")), "--epoch-nonce, --pool-stake and --active-stake are all needed");
    assertBad(CliRun.run(args("--socket-path", "node.socket")), "takes no --socket-path");
    assertBad(CliRun.run(replace("--epoch", "-1")), "--epoch must be an epoch number");
    assertBad(CliRun.run(replace("--network", "mars")), "--network must be mainnet");
    assertBad(CliRun.run(replace("--timezone", "Mars/Olympus")), "--timezone");
    assertBad(CliRun.run(replace("--vrf-signing-key-file", dir.resolve("missing.skey").toString())),
        "--vrf-signing-key-file");
    Path cold = dir.resolve("cold.skey");
    try (ColdSigningKey key = ColdSigningKey.generate(new java.security.SecureRandom())) {
      Files.write(cold, key.toEnvelope().toBytes());
    }
    assertBad(CliRun.run(replace("--vrf-signing-key-file", cold.toString())), "not a VRF signing key");
    Files.writeString(network.resolve("config.json"), "{\"TestBabbageHardForkAtEpoch\": 5}");
    assertBad(CliRun.run(args()), "before Babbage (epoch 5)");
    Files.writeString(network.resolve("config.json"), "{}");
    assertBad(CliRun.run(args()), "TestBabbageHardForkAtEpoch");
  }

  @Test
  void mainnetEpochBeforeBabbage_refused_fast() {
    CliRun run = CliRun.run(replace("--network", "mainnet", "--epoch", "300"));
    assertBad(run, "before Babbage (epoch 365)");
  }

  private static void assertBad(CliRun run, String message) {
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.out()).isEmpty();
  }

  private String[] without(String flag) {
    List<String> a = new ArrayList<>(List.of(args()));
    int i = a.indexOf(flag);
    a.remove(i + 1);
    a.remove(i);
    return a.toArray(String[]::new);
  }

  private String[] replace(String... flagValues) {
    String[] a = args();
    for (int f = 0; f < flagValues.length; f += 2) {
      for (int i = 0; i < a.length - 1; i++) {
        if (a[i].equals(flagValues[f])) {
          a[i + 1] = flagValues[f + 1];
        }
      }
    }
    return a;
  }
}
