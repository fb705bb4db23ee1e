package io.palisade.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Shortest-form heads, definite lengths where required, indefinite lengths where allowed, hostile lengths cost nothing. */
class CborTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void heads_useTheShortestForm() {
    // RFC 8949 appendix A examples.
    assertThat(hex(new CborWriter().uint(0))).isEqualTo("00");
    assertThat(hex(new CborWriter().uint(23))).isEqualTo("17");
    assertThat(hex(new CborWriter().uint(24))).isEqualTo("1818");
    assertThat(hex(new CborWriter().uint(1000))).isEqualTo("1903e8");
    assertThat(hex(new CborWriter().uint(1000000))).isEqualTo("1a000f4240");
    assertThat(hex(new CborWriter().uint(1000000000000L))).isEqualTo("1b000000e8d4a51000");
    assertThat(hex(new CborWriter().integer(-1000))).isEqualTo("3903e7");
    assertThat(hex(new CborWriter().text("IETF"))).isEqualTo("6449455446");
    assertThat(hex(new CborWriter().array(2).bool(true).bool(false))).isEqualTo("82f5f4");
    assertThat(hex(new CborWriter().map(1).uint(1).nul())).isEqualTo("a101f6");
  }

  @Test
  void reader_readsWhatTheWriterWrote() throws Exception {
    byte[] b = new CborWriter().array(4).uint(764824073).integer(-5).bytes(new byte[] {1, 2}).text("é").toByteArray();
    CborReader r = new CborReader(b);
    assertThat(r.readArrayHeader()).isEqualTo(4);
    assertThat(r.readUint()).isEqualTo(764824073);
    assertThat(r.readInt()).isEqualTo(-5);
    assertThat(r.readBytes(10)).containsExactly(1, 2);
    assertThat(r.readText(10)).isEqualTo("é");
    assertThat(r.atEnd()).isTrue();
  }

  @Test
  void lyingLength_isIncompleteNotAnAllocation() {
    // A byte string claiming 2^62 bytes, then nothing: must not allocate, must say "more bytes needed".
    byte[] lie = HEX.parseHex("5b4000000000000000");
    assertThatThrownBy(() -> new CborReader(lie).readBytes(Integer.MAX_VALUE))
        .isInstanceOf(CborException.class).hasMessageContaining("limit");
    byte[] shortLie = HEX.parseHex("5a7fffffff");
    assertThatThrownBy(() -> CborReader.itemLength(shortLie, 0, shortLie.length))
        .isInstanceOfSatisfying(CborException.class, e -> assertThat(e.incomplete()).isTrue());
  }

  @Test
  void indefiniteLengths_whereDefiniteIsRequired_reservedValues_deepNesting_areRefused() {
    assertThatThrownBy(() -> new CborReader(HEX.parseHex("9f01ff")).readArrayHeader())
        .hasMessageContaining("indefinite-length");
    assertThatThrownBy(() -> new CborReader(HEX.parseHex("bf0102ff")).readMapHeader())
        .hasMessageContaining("indefinite-length");
    assertThatThrownBy(() -> CborReader.itemLength(HEX.parseHex("ff"), 0, 1)).hasMessageContaining("break code");
    assertThatThrownBy(() -> CborReader.itemLength(HEX.parseHex("1f"), 0, 1)).hasMessageContaining("indefinite");
    // An indefinite byte string whose chunk is a text string.
    assertThatThrownBy(() -> CborReader.itemLength(HEX.parseHex("5f6161ff"), 0, 4)).hasMessageContaining("chunk");
    assertThatThrownBy(() -> CborReader.itemLength(HEX.parseHex("1c"), 0, 1)).hasMessageContaining("reserved");
    byte[] deep = new byte[100];
    java.util.Arrays.fill(deep, (byte) 0x81);
    assertThatThrownBy(() -> CborReader.itemLength(deep, 0, deep.length)).hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> new CborReader(HEX.parseHex("62c328")).readText(10)).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> new CborReader(HEX.parseHex("1bffffffffffffffff")).readUint())
        .hasMessageContaining("63 bits");
  }

  @Test
  void indefiniteContainers_areSkippedAndRead_whereAllowed() throws Exception {
    // RFC 8949 appendix A: [_ 1, [2, 3], [_ 4, 5]] and {_ "a": 1, "b": [_ 2, 3]} and (_ h'0102', h'030405').
    assertThat(CborReader.itemLength(HEX.parseHex("9f018202039f0405ffff"), 0, 10)).isEqualTo(10);
    assertThat(CborReader.itemLength(HEX.parseHex("bf61610161629f0203ffff"), 0, 11)).isEqualTo(11);
    assertThat(CborReader.itemLength(HEX.parseHex("5f42010243030405ff"), 0, 9)).isEqualTo(9);
    assertThatThrownBy(() -> CborReader.itemLength(HEX.parseHex("9f0102"), 0, 3))
        .isInstanceOfSatisfying(CborException.class, e -> assertThat(e.incomplete()).isTrue());

    byte[] written = new CborWriter().arrayIndefinite().uint(1).uint(2).breakCode().mapIndefinite().uint(7)
        .tag(30).array(2).uint(1).uint(20).breakCode().toByteArray();
    assertThat(HEX.formatHex(written)).isEqualTo("9f0102ffbf07d81e820114ff");
    CborReader r = new CborReader(written);
    int n = r.readArrayHeaderOrIndefinite();
    assertThat(n).isEqualTo(CborReader.INDEFINITE);
    long sum = 0;
    for (int i = 0; r.hasNext(n, i); i++) {
      sum += r.readUint();
    }
    assertThat(sum).isEqualTo(3);
    int m = r.readMapHeaderOrIndefinite();
    assertThat(r.hasNext(m, 0)).isTrue();
    assertThat(r.readUint()).isEqualTo(7);
    assertThat(r.readTag()).isEqualTo(30);
    r.readArrayHeader(2, "a rational");
    assertThat(r.readUint()).isEqualTo(1);
    assertThat(r.readUint()).isEqualTo(20);
    assertThat(r.hasNext(m, 1)).isFalse();
    r.requireEnd("the test item");
  }

  @Test
  void exactByteStrings_andTrailingBytes_areNamed() {
    byte[] b = HEX.parseHex("4301020300");
    assertThatThrownBy(() -> new CborReader(b).readBytesExactly(32, "cold verification key"))
        .hasMessage("cold verification key: expected a byte string of 32 bytes, found one of 3 bytes (byte 0)");
    assertThatThrownBy(() -> {
      CborReader r = new CborReader(b);
      r.readBytesExactly(3, "x");
      r.requireEnd("an issue counter");
    }).hasMessage("an issue counter has 1 trailing bytes (byte 4)");
    assertThatThrownBy(() -> new CborReader(HEX.parseHex("4301")).readBytesExactly(3, "x"))
        .isInstanceOfSatisfying(CborException.class, e -> assertThat(e.incomplete()).isTrue())
        .hasMessage("x: expected 3 bytes, the data ends after 1 (truncated)");
  }

  @Test
  void wrongType_namesExpectedAndFound() {
    assertThatThrownBy(() -> new CborReader(HEX.parseHex("6161")).readUint())
        .hasMessage("expected an unsigned integer at byte 0, found a text string");
  }

  @Property(tries = 500)
  void anyBytes_endInAnItemOrACborException(@ForAll @Size(max = 64) byte[] bytes) {
    try {
      int n = CborReader.itemLength(bytes, 0, bytes.length);
      assertThat(n).isBetween(1, bytes.length);
    } catch (CborException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void integers_roundTrip(@ForAll long value) throws Exception {
    byte[] b = new CborWriter().integer(value).toByteArray();
    CborReader r = new CborReader(b);
    if (value >= 0 || value != Long.MIN_VALUE) {
      assertThat(r.readInt()).isEqualTo(value);
    }
    assertThat(CborReader.itemLength(b, 0, b.length)).isEqualTo(b.length);
  }

  private static String hex(CborWriter w) {
    return HEX.formatHex(w.toByteArray());
  }
}
