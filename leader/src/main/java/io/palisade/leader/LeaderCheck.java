package io.palisade.leader;

import java.math.BigInteger;

/**
 * The Praos leader check as the node decides it (Babbage and Conway): cardano-ledger's {@code checkLeaderNatValue}
 * ({@code Cardano.Protocol.TPraos.BHeader}, called by ouroboros-consensus {@code Praos.hs} through
 * {@code checkLeaderNatValue} after {@code vrfLeaderValue}). The pool leads iff p < 1 − (1 − f)^σ with
 * p = certNat / 2^256, decided without floating point as
 * <pre>
 *   recip_q = fromRational (2^256 % (2^256 − certNat))          -- 1 / (1 − p)
 *   c       = activeSlotLog f                                   -- ln' (1 − f)
 *   x       = −(fromRational σ * c)
 *   leader  = taylorExpCmp 3 recip_q x == BELOW                 -- 1/(1−p) < exp(−σ·c)
 * </pre>
 * every value a {@link FixedPoint}, every operation rounding as the ledger's. With f = 1 every check succeeds.
 */
public final class LeaderCheck {
  /** certNatMax = 2^256: the leader value is a 32-byte natural. */
  public static final BigInteger CERT_NAT_MAX = BigInteger.ONE.shiftLeft(256);
  private static final FixedPoint BOUND_X = FixedPoint.of(3);

  private final Sigma sigma;
  private final ActiveSlotCoefficient f;
  private final FixedPoint x;

  /** A check for one pool's σ under f; computing ln'(1 − f) takes a few milliseconds. */
  public LeaderCheck(Sigma sigma, ActiveSlotCoefficient f) {
    this.sigma = sigma;
    this.f = f;
    FixedPoint c = f.log();
    this.x = FixedPoint.ofRational(sigma.poolStake(), sigma.activeStake()).times(c).negate();
  }

  /** Whether a leader value (a natural below 2^256) leads. */
  public boolean leads(BigInteger certNat) {
    if (certNat.signum() < 0 || certNat.compareTo(CERT_NAT_MAX) >= 0) {
      throw new IllegalArgumentException("a leader value is a natural below 2^256");
    }
    return f.isOne() || comparison(certNat).ordering() == NonIntegral.Ordering.BELOW;
  }

  NonIntegral.Comparison comparison(BigInteger certNat) {
    FixedPoint recipQ = FixedPoint.ofRational(CERT_NAT_MAX, CERT_NAT_MAX.subtract(certNat));
    return NonIntegral.taylorExpCmp(BOUND_X, recipQ, x);
  }

  /** The σ of this check. */
  public Sigma sigma() {
    return sigma;
  }

  /** The f of this check. */
  public ActiveSlotCoefficient activeSlotCoefficient() {
    return f;
  }
}
