package io.palisade.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import io.palisade.chain.KnownNetwork;
import io.palisade.keys.Blake2b;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.PraosVrf;
import io.palisade.keys.vrf.VrfEvaluator;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule end to end on a small custom network, against an independent path: a full VRF proof per slot, its
 * output hashed with the keys module's Blake2b, and the exact BigInteger leader check (no threshold, no batching).
 */
class LeaderScheduleTest {
  private static final EpochNonce NONCE = EpochNonce.parse(
      "a3d7e2b1f0c4958677de2f1a9b8c3e4d5f60718293a4b5c6d7e8f90a1b2c3d4e");

  static GenesisParameters smallNetwork(Path dir, String f, int epochLength) throws Exception {
    Files.writeString(dir.resolve("shelley-genesis.json"), """
        {"systemStart": "2026-01-01T00:00:00Z", "networkMagic": 42, "securityParam": 10,
         "slotLength": 1, "epochLength": %d, "slotsPerKESPeriod": 3600, "maxKESEvolutions": 62,
         "activeSlotsCoeff": %s}
        """.formatted(epochLength, f));
    Files.writeString(dir.resolve("config.json"), "{\"TestBabbageHardForkAtEpoch\": 2}");
    return GenesisReader.readDirectory(dir);
  }

  @Test
  void scheduleEqualsProofByProofExactCheck(@TempDir Path dir) throws Exception {
    GenesisParameters genesis = smallNetwork(dir, "0.25", 400);
    long firstPraos = PraosEra.firstPraosEpoch(genesis, GenesisReader.statedPraosEpoch(dir));
    assertThat(firstPraos).isEqualTo(2);
    Sigma sigma = Sigma.of(3_000_000_000L, 10_000_000_000L);
    try (VrfSigningKey key = VrfSigningKey.fromSeed(HexFormat.of().parseHex(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
        VrfEvaluator vrf = VrfEvaluator.of(key)) {
      List<LeaderSlot> slots = new ArrayList<>();
      List<Long> progress = new ArrayList<>();
      ScheduleSummary summary = LeaderSchedule.compute(
          new LeaderSchedule.Request(5, NONCE, sigma, genesis, firstPraos), vrf, slots::add, progress::add);

      LeaderCheck exact = new LeaderCheck(sigma, ActiveSlotCoefficient.fromDecimal(new java.math.BigDecimal("0.25")));
      List<Long> expected = new ArrayList<>();
      for (long slot = 2000; slot < 2400; slot++) {
        byte[] input = Blake2b.hash256(ByteBuffer.allocate(40).putLong(slot).put(NONCE.bytes()).array());
        byte[] output = PraosVrf.prove(key, input).output().bytes();
        byte[] tagged = new byte[65];
        tagged[0] = 'L';
        System.arraycopy(output, 0, tagged, 1, 64);
        if (exact.leads(new BigInteger(1, Blake2b.hash256(tagged)))) {
          expected.add(slot);
        }
      }
      assertThat(slots).extracting(LeaderSlot::slot).containsExactlyElementsOf(expected);
      assertThat(expected).hasSizeBetween(10, 60); // 400 · (1 − 0.75^0.3) ≈ 33
      assertThat(summary.leaderSlots()).isEqualTo(expected.size());
      assertThat(summary.firstSlot()).isEqualTo(2000);
      assertThat(summary.expectedBlocks()).isCloseTo(400 * (1 - Math.pow(0.75, 0.3)),
          org.assertj.core.data.Offset.offset(1e-9));
      LeaderSlot first = slots.get(0);
      assertThat(first.slotInEpoch()).isEqualTo(first.slot() - 2000);
      assertThat(first.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(first.slot()));
      assertThat(progress).last().isEqualTo(400L);
      // the per-slot API (for a forging node) agrees, and its proof verifies to the same output
      SlotElection election = new SlotElection(vrf, NONCE, LeaderThreshold.of(exact));
      assertThat(election.leads(first.slot())).isTrue();
      assertThat(election.prove(first.slot())).isNotNull();
    }
  }

  /** A mainnet epoch is 432,000 slots: checking one allocates nothing (only leader slots make objects). */
  @Test
  void scanningSlots_allocatesNothingPerSlot() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    LeaderThreshold none = LeaderThreshold.of(new LeaderCheck(Sigma.of(0, 1), ActiveSlotCoefficient.fromGenesis(0.05)));
    try (VrfSigningKey key = VrfSigningKey.fromSeed(new byte[32]); VrfEvaluator vrf = VrfEvaluator.of(key)) {
      SlotElection election = new SlotElection(vrf, NONCE, none);
      long[] leaders = {0};
      java.util.function.LongConsumer count = s -> leaders[0]++;
      java.util.function.LongConsumer progress = d -> { };
      election.scan(0, 640, count, progress); // first use: class loading, lazy initialisation
      long before = mx.getThreadAllocatedBytes(thread);
      election.scan(640, 1280, count, progress);
      long allocated = mx.getThreadAllocatedBytes(thread) - before;
      assertThat(leaders[0]).isZero();
      assertThat(allocated).as("bytes allocated for 1280 slots").isLessThan(1280 * 8);
    }
  }

  @Test
  void epochsBeforePraosOrShelley_refusedWithTheReason(@TempDir Path dir) throws Exception {
    GenesisParameters genesis = smallNetwork(dir, "0.05", 100);
    try (VrfSigningKey key = VrfSigningKey.fromSeed(new byte[32]); VrfEvaluator vrf = VrfEvaluator.of(key)) {
      assertThatThrownBy(() -> LeaderSchedule.compute(new LeaderSchedule.Request(1, NONCE, Sigma.of(1, 2), genesis,
          2), vrf, s -> { }, p -> { }))
          .isInstanceOf(LeaderScheduleException.class).hasMessageContaining("before Babbage (epoch 2)")
          .hasMessageContaining("TPraos");
    }
    GenesisParameters mainnet = KnownNetwork.MAINNET.genesis();
    assertThat(PraosEra.firstPraosEpoch(mainnet, OptionalLong.empty())).isEqualTo(365);
    assertThatThrownBy(() -> PraosEra.requirePraos(100, mainnet, 365)).hasMessageContaining("Byron epoch");
    assertThatThrownBy(() -> PraosEra.requirePraos(300, mainnet, 365)).hasMessageContaining("before Babbage");
    assertThat(PraosEra.firstPraosEpoch(KnownNetwork.PREPROD.genesis(), OptionalLong.empty())).isEqualTo(12);
    assertThat(PraosEra.firstPraosEpoch(KnownNetwork.PREVIEW.genesis(), OptionalLong.empty())).isEqualTo(3);
    Files.writeString(dir.resolve("config.json"), "{}");
    assertThatThrownBy(() -> PraosEra.firstPraosEpoch(genesis, GenesisReader.statedPraosEpoch(dir)))
        .hasMessageContaining("TestBabbageHardForkAtEpoch");
  }
}
