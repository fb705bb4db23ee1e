package io.palisade.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers computed by the Haskell ledger code itself, published with pallas-math's node-parity tests
 * (txpipe/pallas, pallas-math/tests/data/node-comparisons.tsv and node-extra-arithmetic.tsv, commit 9a633842):
 * raw E34 integers in, the ledger's results out.
 */
class NonIntegralKnownAnswersTest {
  private static FixedPoint raw(String v) {
    return new FixedPoint(new BigInteger(v));
  }

  /** node-comparisons.tsv: taylorExpCmp 3 cmp x, with its ordering and iteration count. */
  @ParameterizedTest
  @CsvSource(delimiter = '\t', textBlock = """
      10000000000000000000000000000000000	-1	ABOVE	1
      9999999999999999999999999999999999	-1	ABOVE	1
      10000000000000000000000000000000001	-1	ABOVE	1
      10000000000000000000000000000000000	-10000000000000000000000000000000000	ABOVE	3
      10000000000000000000000000000000000	0	ABOVE	1
      10000000000000000000000000000000000	10000000000000000000000000000000000000000	MAX_REACHED	1000
      10000000000000000000000000000000000	1	BELOW	1
      10000000000000000000000000000000001	0	ABOVE	1
      9999999999999999999999999999999999	0	BELOW	1
      """)
  void taylorExpCmp_matchesTheNode(String cmp, String x, NonIntegral.Ordering ordering, int iterations) {
    NonIntegral.Comparison result = NonIntegral.taylorExpCmp(FixedPoint.of(3), raw(cmp), raw(x));
    assertThat(result).isEqualTo(new NonIntegral.Comparison(ordering, iterations));
  }

  /** node-extra-arithmetic.tsv: exp' x, and -ln' a, as the node prints them. */
  @Test
  void expAndLn_matchTheNode() {
    assertThat(NonIntegral.exp(raw("10000000000000000000000000000000000"))).hasToString(
        "2.7182818284590452353602874043083282");
    assertThat(NonIntegral.exp(raw("-10000000000000000000000000000000000"))).hasToString(
        "0.3678794411714423215955237792349248");
    assertThat(NonIntegral.exp(raw("-1"))).hasToString("1.0000000000000000000000000000000000");
    assertThat(NonIntegral.exp(raw("0"))).hasToString("1.0000000000000000000000000000000000");
    assertThat(NonIntegral.ln(raw("1")).negate()).hasToString("78.0000000000000000000000000000000000");
    assertThat(NonIntegral.ln(raw("1000000000000000")).negate()).hasToString(
        "43.7491167668868671589684175529620269");
    assertThat(NonIntegral.ln(raw("9999999999999999999999999999999999")).negate()).hasToString(
        "-0.0000000000000000000000001160449920");
    assertThat(NonIntegral.ln(raw("20000000000000000000000000000000000")).negate()).hasToString(
        "-0.6931471805599453094172321818152860");
  }

  /** node-extra-arithmetic.tsv: 1 − c *** b with c = 1 − 1/10, the threshold column. */
  @Test
  void powThreshold_matchesTheNode() {
    FixedPoint c = FixedPoint.ONE.minus(FixedPoint.ONE.dividedBy(FixedPoint.of(10)));
    assertThat(FixedPoint.ONE.minus(NonIntegral.pow(c, raw("3333333333333333333333333333333333")))).hasToString(
        "0.0345106153943702421400672617581578");
    assertThat(FixedPoint.ONE.minus(NonIntegral.pow(c, raw("9999999999999999999999999999999999")))).hasToString(
        "0.0999999999999999999999999540252572");
    assertThat(FixedPoint.ONE.minus(NonIntegral.pow(c, raw("0")))).hasToString(
        "0.0000000000000000000000000000000000");
  }

  /** Data.Fixed rounds toward negative infinity (pallas-math's signed-division rows). */
  @Test
  void divisionAndMultiplicationFloor() {
    FixedPoint three = raw("30000000000000000000000000000000000");
    assertThat(raw("7").dividedBy(three).raw()).isEqualTo(BigInteger.valueOf(2));
    assertThat(raw("-7").dividedBy(three).raw()).isEqualTo(BigInteger.valueOf(-3));
    assertThat(raw("-1").times(raw("1")).raw()).isEqualTo(BigInteger.valueOf(-1));
    assertThat(raw("1").times(raw("1")).raw()).isEqualTo(BigInteger.ZERO);
    assertThat(FixedPoint.ofRational(BigInteger.valueOf(-1), BigInteger.valueOf(3)).raw())
        .isEqualTo(new BigInteger("-3333333333333333333333333333333334"));
  }
}
