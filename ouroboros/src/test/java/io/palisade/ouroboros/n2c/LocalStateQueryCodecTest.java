package io.palisade.ouroboros.n2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AcquireFailure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquired;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtPoint;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtTip;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Done;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Failure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Query;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.ReAcquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Release;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Result;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The local-state-query envelope: byte-exact per the CDDL, round trips, hostile bytes. */
class LocalStateQueryCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Point POINT = Point.of(106_617_600, "ab".repeat(32));

  @Test
  void messages_haveTheCddlBytes() {
    assertThat(hex(new Acquire(AtTip.VOLATILE))).isEqualTo("8108");
    assertThat(hex(new Acquire(AtTip.IMMUTABLE))).isEqualTo("810a");
    assertThat(hex(new ReAcquire(AtTip.VOLATILE))).isEqualTo("8109");
    assertThat(hex(new Acquired())).isEqualTo("8101");
    assertThat(hex(new Failure(AcquireFailure.POINT_NOT_ON_CHAIN))).isEqualTo("820201");
    assertThat(hex(new Release())).isEqualTo("8105");
    assertThat(hex(new Done())).isEqualTo("8107");
    assertThat(hex(new Acquire(new AtPoint(POINT)))).isEqualTo("8200821a065adb005820" + "ab".repeat(32));
    // The query travels inside the message as CBOR, not as a byte string.
    assertThat(hex(new Query(LedgerQueryCodec.encode(new LedgerQuery.CurrentEra())))).isEqualTo("8203820082028101");
  }

  @Test
  void gouroborosVectors_areByteExactBothWays() throws Exception {
    // blinklabs-io/gouroboros protocol/localstatequery/messages_test.go: an independent (Go) implementation's
    // encode/decode vectors of every message; the query is GetCurrentEra, the result the era index 5.
    Object[][] vectors = {
        {"820080", new Acquire(new AtPoint(Point.ORIGIN))},
        {"8101", new Acquired()},
        {"820201", new Failure(AcquireFailure.POINT_NOT_ON_CHAIN)},
        {"8203820082028101", new Query(LedgerQueryCodec.encode(new LedgerQuery.CurrentEra()))},
        {"820405", new Result(new byte[] {5})},
        {"8105", new Release()},
        {"820680", new ReAcquire(new AtPoint(Point.ORIGIN))},
        {"8107", new Done()},
        {"8108", new Acquire(AtTip.VOLATILE)},
        {"8109", new ReAcquire(AtTip.VOLATILE)},
    };
    for (Object[] v : vectors) {
      LocalStateQueryMessage m = (LocalStateQueryMessage) v[1];
      assertThat(hex(m)).as(m.toString()).isEqualTo(v[0]);
      assertThat(LocalStateQueryCodec.decode(HEX.parseHex((String) v[0]))).isEqualTo(m);
    }
    assertThat(LedgerResultCodec.decodeEra(new byte[] {5})).isEqualTo(Era.BABBAGE);
  }

  @Test
  void everyMessage_roundTrips() throws Exception {
    List<LocalStateQueryMessage> all = List.of(new Acquire(AtTip.VOLATILE), new Acquire(AtTip.IMMUTABLE),
        new Acquire(new AtPoint(POINT)), new Acquired(), new Failure(AcquireFailure.POINT_TOO_OLD),
        new Query(HEX.parseHex("820082028101")), new Result(HEX.parseHex("9f0102ff")), new Release(),
        new ReAcquire(new AtPoint(Point.ORIGIN)), new ReAcquire(AtTip.IMMUTABLE), new Done());
    for (LocalStateQueryMessage m : all) {
      assertThat(LocalStateQueryCodec.decode(LocalStateQueryCodec.encode(m))).isEqualTo(m);
    }
  }

  @Test
  void wrongArity_unknownTags_trailingBytes_areRefused() {
    assertThatThrownBy(() -> LocalStateQueryCodec.decode(HEX.parseHex("820801")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("must be an array of 1");
    assertThatThrownBy(() -> LocalStateQueryCodec.decode(HEX.parseHex("810c")))
        .hasMessageContaining("unknown local-state-query message tag 12");
    assertThatThrownBy(() -> LocalStateQueryCodec.decode(HEX.parseHex("810700")))
        .hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> LocalStateQueryCodec.decode(HEX.parseHex("820203")))
        .hasMessageContaining("acquire failure must be in 0..1");
  }

  @Property(tries = 400)
  void anyBytes_endInAMessageOrAProtocolException(@ForAll @Size(max = 48) byte[] bytes) {
    try {
      LocalStateQueryMessage m = LocalStateQueryCodec.decode(bytes);
      assertThat(LocalStateQueryCodec.decode(LocalStateQueryCodec.encode(m))).isEqualTo(m);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void mutatedMessages_endInAMessageOrAProtocolException(@ForAll("messages") byte[] valid, @ForAll int at,
      @ForAll byte value) {
    byte[] b = valid.clone();
    b[Math.floorMod(at, b.length)] = value;
    try {
      LocalStateQueryCodec.decode(b);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<byte[]> messages() {
    return Arbitraries.of(List.of(new Acquire(new AtPoint(POINT)), new Query(LedgerQueryCodec.encode(
        new LedgerQuery.StakeSnapshotsQuery(Era.CONWAY, new java.util.TreeSet<>(List.of(FixedLedger.POOL))))),
        new Result(LedgerResultCodec.encodeStakeSnapshots(new FixedLedger(Era.CONWAY).stakeSnapshots(
            new java.util.TreeSet<>()))))).map(LocalStateQueryCodec::encode);
  }

  private static String hex(LocalStateQueryMessage m) {
    return HEX.formatHex(LocalStateQueryCodec.encode(m));
  }
}
