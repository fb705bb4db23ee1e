package io.palisade.leader;

import java.math.BigInteger;

/**
 * The leader check reduced to one number: the smallest leader value that does not lead. {@link LeaderCheck#leads} is
 * monotone in the leader value (so a slot leads iff its value is below this threshold), because:
 * <ol>
 *   <li>recip_q = floor(2^256·10^34 / (2^256 − certNat)) never decreases as certNat grows;</li>
 *   <li>{@code taylorExpCmp}'s partial sums and error terms do not depend on cmp, and a larger cmp cannot be
 *       {@code BELOW} (cmp < acc − err) at a step where a smaller one is still undecided or {@code ABOVE}; so if cmp
 *       is BELOW, every smaller cmp is BELOW too (at the same step or earlier).</li>
 * </ol>
 * The threshold is found by bisection over [0, 2^256] with the exact check (about 256 checks), after which each slot
 * costs one 32-byte comparison and no allocation. The tests check the threshold against the exact check on both
 * sides, and against a rational oracle.
 */
public final class LeaderThreshold {
  private final BigInteger threshold;
  private final byte[] thresholdBytes; // big-endian, 33 bytes (2^256 needs the 33rd)

  private LeaderThreshold(BigInteger threshold) {
    this.threshold = threshold;
    byte[] be = threshold.toByteArray();
    this.thresholdBytes = new byte[33];
    System.arraycopy(be, Math.max(0, be.length - 33), thresholdBytes, 33 - Math.min(33, be.length),
        Math.min(33, be.length));
  }

  /** The threshold of {@code check}. */
  public static LeaderThreshold of(LeaderCheck check) {
    BigInteger low = BigInteger.ZERO; // smallest candidate
    BigInteger high = LeaderCheck.CERT_NAT_MAX; // 2^256 = "every value leads"
    while (low.compareTo(high) < 0) {
      BigInteger mid = low.add(high).shiftRight(1);
      if (check.leads(mid)) {
        low = mid.add(BigInteger.ONE);
      } else {
        high = mid;
      }
    }
    return new LeaderThreshold(low);
  }

  /** The smallest leader value that does not lead (2^256 if every value leads, 0 if none does). */
  public BigInteger value() {
    return threshold;
  }

  /** Whether the 32-byte big-endian leader value at {@code off} leads; constant work, no allocation. */
  public boolean leads(byte[] leaderValue, int off) {
    if (thresholdBytes[0] != 0) {
      return true; // threshold = 2^256
    }
    for (int i = 0; i < 32; i++) {
      int a = leaderValue[off + i] & 0xff;
      int b = thresholdBytes[i + 1] & 0xff;
      if (a != b) {
        return a < b;
      }
    }
    return false; // equal to the threshold: does not lead
  }
}
