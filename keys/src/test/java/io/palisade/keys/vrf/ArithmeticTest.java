package io.palisade.keys.vrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The field and scalar arithmetic against BigInteger, including limbs at the top of their allowed bounds. */
class ArithmeticTest {
  private static final BigInteger P = EdwardsPoint.P;
  private static final BigInteger L = Scalar25519.L;

  @Provide
  Arbitrary<long[]> loose() {
    // limbs up to 2^53 - 1: the largest mul/sqr accept (sums of reduced values, results of sub)
    Arbitrary<Long> limb = Arbitraries.oneOf(Arbitraries.longs().between(0, (1L << 53) - 1),
        Arbitraries.of(0L, 1L, (1L << 51) - 1, (1L << 52) - 1, (1L << 53) - 1));
    return limb.array(long[].class).ofSize(5);
  }

  private static BigInteger value(long[] x) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(51).add(BigInteger.valueOf(x[i]));
    }
    return v;
  }

  private static BigInteger canonical(long[] x) {
    byte[] out = new byte[32];
    FieldEncoding.encode(x, out, 0);
    return Scalar25519.toBig(out, 0, 32);
  }

  @Property
  void mulSqrAddSubMatchBigInteger(@ForAll("loose") long[] a, @ForAll("loose") long[] b) {
    long[] z = Field25519.create();
    Field25519.mul(a, b, z);
    assertThat(canonical(z)).isEqualTo(value(a).multiply(value(b)).mod(P));
    assertThat(java.util.Arrays.stream(z).allMatch(l -> l >= 0 && l < (1L << 52))).isTrue();
    Field25519.sqr(a, z);
    assertThat(canonical(z)).isEqualTo(value(a).pow(2).mod(P));
    Field25519.sub(a, b, z);
    assertThat(canonical(z)).isEqualTo(value(a).subtract(value(b)).mod(P));
    Field25519.negate(a, z);
    assertThat(canonical(z)).isEqualTo(value(a).negate().mod(P));
  }

  @Property(tries = 200)
  void invertAndEncodeMatchBigInteger(@ForAll("loose") long[] a) {
    long[] z = Field25519.create();
    FieldPowers.invert(a, z);
    BigInteger v = value(a).mod(P);
    assertThat(canonical(z)).isEqualTo(v.signum() == 0 ? BigInteger.ZERO : v.modInverse(P));
    assertThat(canonical(a)).isEqualTo(v);
    assertThat(FieldEncoding.isZero(a) != 0).isEqualTo(v.signum() == 0);
    assertThat(FieldEncoding.isNegative(a)).isEqualTo(v.testBit(0) ? 1 : 0);
  }

  @Property
  void decodeReadsTheLow255Bits(@ForAll @Size(32) byte[] s) {
    long[] z = Field25519.create();
    FieldEncoding.decode(s, 0, z);
    assertThat(value(z)).isEqualTo(Scalar25519.toBig(s, 0, 32).clearBit(255));
  }

  @Property
  void scalarReduceAndMulAddMatchBigInteger(@ForAll @Size(64) byte[] wide, @ForAll @Size(32) byte[] a,
      @ForAll @Size(32) byte[] b, @ForAll @Size(32) byte[] c) {
    assertThat(Scalar25519.toBig(Scalar25519.reduce(wide), 0, 32)).isEqualTo(Scalar25519.toBig(wide, 0, 64).mod(L));
    BigInteger expected = Scalar25519.toBig(a, 0, 32).multiply(Scalar25519.toBig(b, 0, 32))
        .add(Scalar25519.toBig(c, 0, 32)).mod(L);
    assertThat(Scalar25519.toBig(Scalar25519.mulAdd(a, b, c), 0, 32)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void scalarExtremes() {
    byte[] ones = new byte[64];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(Scalar25519.toBig(Scalar25519.reduce(ones), 0, 32))
        .isEqualTo(BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE).mod(L));
    byte[] max = java.util.Arrays.copyOf(ones, 32);
    assertThat(Scalar25519.toBig(Scalar25519.mulAdd(max, max, max), 0, 32)).isEqualTo(
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).pow(2).add(BigInteger.ONE.shiftLeft(256))
            .subtract(BigInteger.ONE).mod(L));
    assertThat(Scalar25519.isCanonical(Scalar25519.fromBig(L), 0)).isFalse();
    assertThat(Scalar25519.isCanonical(Scalar25519.fromBig(L.subtract(BigInteger.ONE)), 0)).isTrue();
  }

  @Property(tries = 100)
  void scalarMultiplicationIsLinear(@ForAll @Size(32) byte[] k1) {
    k1[31] &= 0x7f;
    BigInteger k = Scalar25519.toBig(k1, 0, 32);
    ScalarMultiplier m = new ScalarMultiplier();
    EdwardsPoint viaBase = new EdwardsPoint();
    m.mulBase(k1, viaBase);
    EdwardsPoint viaVariable = new EdwardsPoint();
    m.mul(k1, BaseTable.B, viaVariable);
    byte[] e1 = new byte[32];
    byte[] e2 = new byte[32];
    viaBase.encode(e1, 0);
    viaVariable.encode(e2, 0);
    assertThat(e1).isEqualTo(e2);
    // k·B = (k mod L)·B
    byte[] reduced = Scalar25519.fromBig(k.mod(L));
    m.mulBase(reduced, viaVariable);
    viaVariable.encode(e2, 0);
    assertThat(e1).isEqualTo(e2);
  }
}
