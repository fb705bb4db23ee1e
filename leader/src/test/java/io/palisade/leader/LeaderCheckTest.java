package io.palisade.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The leader check against an exact oracle. For σ = a/b and f = 1/20 the true rule p < 1 − (1−f)^σ, p = n/2^256, is
 * the integer comparison (2^256 − n)^b · 20^a > 19^a · 2^(256·b): no rounding anywhere. The ledger's fixed-point
 * answer may differ from it only within the fixed-point error (about 10^-25 relative, far below 2^-80): so wherever
 * the oracle gives the same answer at n − D and n + D (D = 2^176, i.e. 2^-80 of the range), the check must agree;
 * and the threshold the check implies must lie within D of the oracle's boundary.
 */
class LeaderCheckTest {
  private static final ActiveSlotCoefficient F = ActiveSlotCoefficient.fromDecimal(new BigDecimal("0.05"));
  private static final BigInteger MAX = LeaderCheck.CERT_NAT_MAX;
  private static final BigInteger D = BigInteger.ONE.shiftLeft(176);

  /** The oracle: whether n leads for σ = a/b, f = 1/20, exactly. */
  private static boolean exactlyLeads(BigInteger n, int a, int b) {
    BigInteger left = MAX.subtract(n).pow(b).multiply(BigInteger.valueOf(20).pow(a));
    BigInteger right = BigInteger.valueOf(19).pow(a).shiftLeft(256 * b);
    return left.compareTo(right) > 0;
  }

  @Property(tries = 40)
  void thresholdLiesWithin2toMinus80OfTheExactBoundary(@ForAll @IntRange(min = 1, max = 40) int b,
      @ForAll @IntRange(min = 1, max = 40) int aRaw) {
    int a = Math.min(aRaw, b);
    LeaderCheck check = new LeaderCheck(Sigma.of(a, b), F);
    BigInteger t = LeaderThreshold.of(check).value();
    assertThat(check.leads(t.subtract(BigInteger.ONE))).isTrue();
    assertThat(t.compareTo(MAX) < 0 && check.leads(t)).isFalse();
    assertThat(exactlyLeads(t.subtract(D), a, b)).as("σ=%d/%d: just below the threshold", a, b).isTrue();
    assertThat(exactlyLeads(t.add(D), a, b)).as("σ=%d/%d: just above the threshold", a, b).isFalse();
  }

  @Property(tries = 300)
  void awayFromTheBoundary_theCheckAgreesWithTheOracle(@ForAll @IntRange(min = 1, max = 30) int b,
      @ForAll @IntRange(min = 0, max = 30) int aRaw, @ForAll long seed) {
    int a = Math.min(aRaw, b);
    BigInteger n = new BigInteger(256, new Random(seed));
    // bias half the samples close to the boundary: 1 - p ≈ (19/20)^σ
    if ((seed & 1) == 0 && a > 0) {
      double p = 1 - Math.pow(0.95, (double) a / b);
      n = new BigDecimal(MAX).multiply(BigDecimal.valueOf(p), MathContext.DECIMAL128).toBigInteger()
          .add(BigInteger.valueOf(seed % 1_000_000_000L).shiftLeft(150));
      n = n.max(BigInteger.ZERO).min(MAX.subtract(BigInteger.ONE));
    }
    boolean oracle = exactlyLeads(n, a, b);
    boolean decided = exactlyLeads(n.subtract(D).max(BigInteger.ZERO), a, b) == oracle
        && exactlyLeads(n.add(D).min(MAX.subtract(BigInteger.ONE)), a, b) == oracle;
    LeaderCheck check = new LeaderCheck(Sigma.of(a, b), F);
    if (decided) {
      assertThat(check.leads(n)).as("σ=%d/%d n=%s", a, b, n.toString(16)).isEqualTo(oracle);
    }
    // and the threshold gives the check's own answer everywhere
    byte[] value = new byte[32];
    byte[] be = n.toByteArray();
    System.arraycopy(be, Math.max(0, be.length - 32), value, 32 - Math.min(32, be.length), Math.min(32, be.length));
    assertThat(LeaderThreshold.of(check).leads(value, 0)).isEqualTo(check.leads(n));
  }

  @Property(tries = 5)
  void realisticSigma_thresholdWithinTheOracle(@ForAll @LongRange(min = 500, max = 3000) long b) {
    int bi = (int) b;
    LeaderCheck check = new LeaderCheck(Sigma.of(1, bi), F);
    BigInteger t = LeaderThreshold.of(check).value();
    assertThat(exactlyLeads(t.subtract(D), 1, bi)).isTrue();
    assertThat(exactlyLeads(t.add(D), 1, bi)).isFalse();
  }

  @Test
  void noStake_neverLeads_fullStakeAndFOne_alwaysLead() {
    LeaderCheck none = new LeaderCheck(Sigma.of(0, 100), F);
    assertThat(none.leads(BigInteger.ZERO)).isFalse();
    assertThat(LeaderThreshold.of(none).value()).isZero();
    LeaderCheck always = new LeaderCheck(Sigma.of(1, 100), new ActiveSlotCoefficient(BigInteger.ONE,
        BigInteger.ONE));
    assertThat(always.leads(MAX.subtract(BigInteger.ONE))).isTrue();
    LeaderThreshold all = LeaderThreshold.of(always);
    assertThat(all.value()).isEqualTo(MAX);
    byte[] ff = new byte[32];
    java.util.Arrays.fill(ff, (byte) 0xff);
    assertThat(all.leads(ff, 0)).isTrue();
    // σ = 1: leads with probability f, the threshold is 2^256 · f up to rounding
    BigInteger t = LeaderThreshold.of(new LeaderCheck(Sigma.of(7, 7), F)).value();
    assertThat(new BigDecimal(t).divide(new BigDecimal(MAX), MathContext.DECIMAL64).doubleValue())
        .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void activeSlotLog_ofMainnet_isLn095() {
    // ln(0.95) = -0.05129329438755053342...; the ledger's ln' is exact to ~1e-24
    BigDecimal log = new BigDecimal(F.log().raw(), 34);
    assertThat(log.subtract(new BigDecimal("-0.0512932943875505334261962382"), MathContext.DECIMAL128).abs())
        .isLessThan(new BigDecimal("1e-24"));
    assertThat(F).isEqualTo(new ActiveSlotCoefficient(BigInteger.ONE, BigInteger.valueOf(20)));
    assertThat(ActiveSlotCoefficient.fromGenesis(0.05)).isEqualTo(F);
  }

  @Test
  void badInputs_refused() {
    assertThatThrownBy(() -> Sigma.of(5, 4)).hasMessageContaining("exceeds");
    assertThatThrownBy(() -> Sigma.of(-1, 4)).hasMessageContaining("negative");
    assertThatThrownBy(() -> Sigma.of(0, 0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> ActiveSlotCoefficient.fromDecimal(new BigDecimal("1.5"))).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> ActiveSlotCoefficient.fromDecimal(BigDecimal.ZERO)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new LeaderCheck(Sigma.of(1, 2), F).leads(MAX)).hasMessageContaining("2^256");
    assertThatThrownBy(() -> EpochNonce.parse("abc")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> EpochNonce.parse("zz".repeat(32))).hasMessageContaining("not hex");
  }
}
