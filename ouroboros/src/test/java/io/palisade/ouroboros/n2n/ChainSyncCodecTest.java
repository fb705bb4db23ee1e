package io.palisade.ouroboros.n2n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.mux.MuxHeader;
import io.palisade.ouroboros.n2n.ChainSyncMessage.FindIntersect;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectNotFound;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Chain-sync messages, mux headers, keep-alive: exact encodings, round trips, hostile bytes. */
class ChainSyncCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void findIntersectEmpty_andATip_haveTheirExactEncodings() throws Exception {
    assertThat(HEX.formatHex(ChainSyncCodec.encode(new FindIntersect(List.of())))).isEqualTo("820480");
    ChainTip tip = new ChainTip(Point.of(89321798, "00".repeat(32)), 8617641);
    // [6, [[89321798, h'00..'], 8617641]]
    assertThat(HEX.formatHex(ChainSyncCodec.encode(new IntersectNotFound(tip))))
        .isEqualTo("820682821a0552f1465820" + "00".repeat(32) + "1a00837ea9");
    assertThat(HEX.formatHex(ChainSyncCodec.encode(new IntersectNotFound(ChainTip.ORIGIN)))).isEqualTo("8206828000");
  }

  @Test
  void hostileMessages_areRefusedWithAReason() {
    assertThatThrownBy(() -> ChainSyncCodec.decode(HEX.parseHex("83020000"))).hasMessageContaining("RollForward");
    assertThatThrownBy(() -> ChainSyncCodec.decode(HEX.parseHex("8109"))).hasMessageContaining("unknown");
    assertThatThrownBy(() -> ChainSyncCodec.decode(HEX.parseHex("82068283010203")))
        .hasMessageContaining("a point must be [] or [slot, hash]");
    assertThatThrownBy(() -> ChainSyncCodec.decode(HEX.parseHex("8206828201400a")))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> ChainSyncCodec.decode(HEX.parseHex("820499ffff")))
        .hasMessageContaining("limit is 256");
    assertThatThrownBy(() -> ChainSyncCodec.decode(HEX.parseHex("820682800000")))
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> KeepAliveCodec.decodeRequest(HEX.parseHex("820119ffff")))
        .hasMessageContaining("expected MsgKeepAlive");
  }

  @Property(tries = 300)
  void tipsAndPoints_roundTrip(@ForAll("tips") ChainTip tip, @ForAll("points") List<Point> points) throws Exception {
    assertThat(ChainSyncCodec.decode(ChainSyncCodec.encode(new IntersectNotFound(tip))))
        .isEqualTo(new IntersectNotFound(tip));
    assertThat(ChainSyncCodec.decode(ChainSyncCodec.encode(new FindIntersect(points))))
        .isEqualTo(new FindIntersect(points));
  }

  @Property(tries = 500)
  void anyBytes_decodeOrRefuse(@ForAll @Size(max = 48) byte[] bytes) {
    try {
      ChainSyncCodec.decode(bytes);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void muxHeaders_roundTrip(
      @ForAll("u32") long ts, @ForAll("protocols") int protocol, @ForAll boolean responder, @ForAll("u16") int length) {
    MuxHeader h = new MuxHeader(ts, protocol, responder, length);
    assertThat(MuxHeader.decode(h.encode(), 0)).isEqualTo(h);
  }

  @Provide
  Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xffffffffL);
  }

  @Provide
  Arbitrary<Integer> u16() {
    return Arbitraries.integers().between(0, 0xffff);
  }

  @Provide
  Arbitrary<Integer> protocols() {
    return Arbitraries.integers().between(0, 0x7fff);
  }

  @Provide
  Arbitrary<Point> points1() {
    return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64))
        .as((slot, hash) -> Point.of(slot, HEX.formatHex(hash)));
  }

  @Provide
  Arbitrary<List<Point>> points() {
    return Arbitraries.oneOf(points1(), Arbitraries.just(Point.ORIGIN)).list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<ChainTip> tips() {
    return Combinators.combine(Arbitraries.oneOf(points1(), Arbitraries.just(Point.ORIGIN)),
        Arbitraries.longs().between(0, Long.MAX_VALUE)).as(ChainTip::new);
  }
}
