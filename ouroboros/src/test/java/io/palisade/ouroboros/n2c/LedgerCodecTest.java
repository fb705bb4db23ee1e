package io.palisade.ouroboros.n2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.ProtocolException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The ledger queries and their answers: the hard-fork combinator's wrapping and the consensus encodings
 * (ouroboros-consensus {@code encodeShelleyQuery}, pallas {@code queries_v16}), round trips, hostile bytes.
 */
class LedgerCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final FixedLedger CONWAY = new FixedLedger(Era.CONWAY);

  @Test
  void queries_areWrappedAsTheHardForkCombinatorReadsThem() throws Exception {
    // [0, [2, [1]]]: BlockQuery (QueryHardFork GetCurrentEra).
    assertThat(hex(new LedgerQuery.CurrentEra())).isEqualTo("820082028101");
    // [0, [0, [6, [1]]]]: BlockQuery (QueryIfCurrent (Conway, GetEpochNo)).
    assertThat(hex(new LedgerQuery.EpochNo(Era.CONWAY))).isEqualTo("82008200820681" + "01");
    assertThat(hex(new LedgerQuery.CurrentPParams(Era.BABBAGE))).isEqualTo("8200820082058103");
    assertThat(hex(new LedgerQuery.GenesisConfigQuery(Era.CONWAY))).isEqualTo("820082008206810b");
    assertThat(hex(new LedgerQuery.ChainDepState(Era.CONWAY))).isEqualTo("820082008206810d");
    // GetStakeSnapshots (Just (Set [pool])): [20, [258([h'..'])]].
    assertThat(hex(new LedgerQuery.StakeSnapshotsQuery(Era.CONWAY, new TreeSet<>(List.of(FixedLedger.POOL)))))
        .isEqualTo("82008200820682" + "1481d9010281581c" + "0a".repeat(28));
    assertThat(hex(new LedgerQuery.StakeSnapshotsQuery(Era.CONWAY, new TreeSet<>())))
        .isEqualTo("820082008206821480");
    for (LedgerQuery q : List.of(new LedgerQuery.CurrentEra(), new LedgerQuery.EpochNo(Era.SHELLEY),
        new LedgerQuery.StakeSnapshotsQuery(Era.CONWAY, new TreeSet<>(List.of(FixedLedger.POOL, FixedLedger.OTHER))),
        new LedgerQuery.ChainDepState(Era.DIJKSTRA))) {
      assertThat(LedgerQueryCodec.decode(LedgerQueryCodec.encode(q))).isEqualTo(q);
    }
  }

  @Test
  void results_roundTrip() throws Exception {
    assertThat(LedgerResultCodec.decodeEra(LedgerResultCodec.encodeEra(Era.CONWAY))).isEqualTo(Era.CONWAY);
    assertThat(HEX.formatHex(LedgerResultCodec.encodeEpoch(1234))).isEqualTo("811904d2");
    assertThat(LedgerResultCodec.decodeEpoch(LedgerResultCodec.encodeEpoch(1234))).isEqualTo(1234);
    StakeSnapshots s = CONWAY.stakeSnapshots(new TreeSet<>());
    assertThat(LedgerResultCodec.decodeStakeSnapshots(LedgerResultCodec.encodeStakeSnapshots(s))).isEqualTo(s);
    PraosState p = CONWAY.praosState();
    assertThat(PraosStateCodec.decode(PraosStateCodec.encode(p))).isEqualTo(p);
    PraosState peras = new PraosState(p.lastSlot(), p.opcertCounters(), p.evolvingNonce(), p.candidateNonce(),
        p.epochNonce(), Optional.of(Nonce.ofHex("55".repeat(32))), p.labNonce(), p.lastEpochBlockNonce());
    assertThat(PraosStateCodec.decode(PraosStateCodec.encode(peras))).isEqualTo(peras);
    assertThat(GenesisConfigCodec.decode(GenesisConfigCodec.encode(FixedLedger.PREVIEW_GENESIS)))
        .isEqualTo(FixedLedger.PREVIEW_GENESIS);
    for (Era era : List.of(Era.SHELLEY, Era.ALONZO, Era.BABBAGE, Era.CONWAY)) {
      ProtocolParameters pp = new FixedLedger(era).protocolParameters();
      assertThat(ProtocolParametersCodec.decode(era, ProtocolParametersCodec.encode(era, pp))).isEqualTo(pp);
    }
  }

  @Test
  void praosState_hasTheConsensusLayout() {
    // [[0, [[slot], {pool: 7, other: 0}, [1, h], [1, h], [1, h], [1, h], [0]]]]
    String hex = HEX.formatHex(PraosStateCodec.encode(CONWAY.praosState()));
    assertThat(hex).startsWith("8182008781" + "1a065adb00" + "a2581c" + "0a".repeat(28) + "07" + "581c"
        + "0b".repeat(28) + "00" + "8201" + "5820" + "11".repeat(32));
    assertThat(hex).endsWith("8201" + "5820" + "44".repeat(32) + "8100");
  }

  @Test
  void indefiniteMapsOfTheLedger_areRead() throws Exception {
    // cardano-ledger writes maps past 23 entries with indefinite length; one pool is enough to show the reader.
    byte[] indefinite = new CborWriter().array(1).array(4).mapIndefinite().bytes(FixedLedger.POOL.bytes()).array(3)
        .uint(1).uint(2).uint(3).breakCode().uint(10).uint(20).uint(30).toByteArray();
    StakeSnapshots s = LedgerResultCodec.decodeStakeSnapshots(indefinite);
    assertThat(s.pool(FixedLedger.POOL).orElseThrow().set()).isEqualTo(2);
    assertThat(s.setTotal()).isEqualTo(20);
  }

  @Test
  void eraMismatch_namesBothEras() {
    byte[] mismatch = LedgerResultCodec.eraMismatch(Era.BABBAGE, Era.CONWAY);
    assertThatThrownBy(() -> LedgerResultCodec.decodeEpoch(mismatch))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("era mismatch").hasMessageContaining("Babbage").hasMessageContaining("Conway");
    assertThat(NodeToClientResponder.answer(CONWAY, new LedgerQuery.EpochNo(Era.BABBAGE))).isEqualTo(mismatch);
  }

  @Test
  void unservedQueries_areRefusedByName() {
    assertThatThrownBy(() -> LedgerQueryCodec.decode(HEX.parseHex("820082008206810e")))
        .hasMessageContaining("Shelley query 14").hasMessageContaining("not served");
    assertThatThrownBy(() -> LedgerQueryCodec.decode(HEX.parseHex("8101"))).hasMessageContaining("top-level query 1");
    assertThatThrownBy(() -> LedgerQueryCodec.decode(HEX.parseHex("820082008209810d")))
        .hasMessageContaining("unknown era index 9");
  }

  @Property(tries = 300)
  void anyBytes_endInAnAnswerOrAProtocolException(@ForAll @Size(max = 64) byte[] bytes) {
    decodeAll(bytes);
  }

  @Property(tries = 400)
  void mutatedAnswers_endInAnAnswerOrAProtocolException(@ForAll("answers") byte[] valid, @ForAll int at,
      @ForAll byte value) {
    byte[] b = valid.clone();
    b[Math.floorMod(at, b.length)] = value;
    decodeAll(b);
  }

  @Provide
  Arbitrary<byte[]> answers() {
    return Arbitraries.of(LedgerResultCodec.encodeStakeSnapshots(CONWAY.stakeSnapshots(new TreeSet<>())),
        PraosStateCodec.encode(CONWAY.praosState()), GenesisConfigCodec.encode(FixedLedger.PREVIEW_GENESIS),
        ProtocolParametersCodec.encode(Era.CONWAY, CONWAY.protocolParameters()),
        ProtocolParametersCodec.encode(Era.ALONZO, new FixedLedger(Era.ALONZO).protocolParameters()),
        LedgerQueryCodec.encode(new LedgerQuery.StakeSnapshotsQuery(Era.CONWAY, new TreeSet<>(List.of(
            FixedLedger.POOL)))));
  }

  /** Every decoder ends in a value or a ProtocolException with a message: nothing else escapes. */
  private static void decodeAll(byte[] b) {
    List<Decoder> decoders = List.of(LedgerResultCodec::decodeEra, LedgerResultCodec::decodeEpoch,
        LedgerResultCodec::decodeStakeSnapshots, PraosStateCodec::decode, GenesisConfigCodec::decode,
        x -> ProtocolParametersCodec.decode(Era.CONWAY, x), x -> ProtocolParametersCodec.decode(Era.ALONZO, x),
        LedgerQueryCodec::decode);
    for (Decoder d : decoders) {
      try {
        d.decode(b);
      } catch (ProtocolException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }

  private interface Decoder {
    Object decode(byte[] b) throws ProtocolException;
  }

  private static String hex(LedgerQuery q) {
    return HEX.formatHex(LedgerQueryCodec.encode(q));
  }
}
