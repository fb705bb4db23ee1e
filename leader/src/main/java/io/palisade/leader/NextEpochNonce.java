package io.palisade.leader;

import java.math.BigInteger;
import java.util.Optional;

/**
 * When the next epoch's nonce is known, and what it is. At the epoch boundary the node sets
 * η0(e + 1) = candidate ⭒ lastEpochBlock (ouroboros-consensus {@code Praos.tickChainDepState}), and a block updates the
 * candidate only while {@code slot + window < first slot of e + 1} ({@code reupdateChainDepState}), so once the ledger's
 * last block is at or past {@code first slot of e + 1 − window} the candidate, and so the next nonce, is fixed.
 * The window is the randomness stabilisation window: ⌈4k/f⌉ slots from Conway on, ⌈3k/f⌉ in Babbage (which kept the
 * TPraos eras' smaller window, erratum 17.3 of the Shelley ledger specification).
 */
public final class NextEpochNonce {
  private NextEpochNonce() {}

  /** What the ledger state says about the next epoch's nonce. */
  public sealed interface Answer permits Fixed, NotYet {}

  /**
   * The nonce is fixed.
   *
   * @param nonce η0 of the next epoch
   */
  public record Fixed(EpochNonce nonce) implements Answer {}

  /**
   * Not yet: the candidate still follows the chain.
   *
   * @param fixedFromSlot the first slot whose block fixes it ({@code first slot of the next epoch − window})
   */
  public record NotYet(long fixedFromSlot) implements Answer {}

  /**
   * The randomness stabilisation window in slots.
   *
   * @param securityParam k
   * @param f the active slot coefficient
   * @param babbage whether the ledger is in Babbage (3k/f) rather than Conway or later (4k/f)
   * @return ⌈(babbage ? 3 : 4)·k/f⌉
   */
  public static long window(long securityParam, ActiveSlotCoefficient f, boolean babbage) {
    BigInteger n = BigInteger.valueOf(babbage ? 3 : 4).multiply(BigInteger.valueOf(securityParam))
        .multiply(f.denominator());
    BigInteger[] qr = n.divideAndRemainder(f.numerator());
    return qr[0].add(qr[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO).longValueExact();
  }

  /**
   * Decides from one ledger state.
   *
   * @param lastBlockSlot the slot of the ledger's last block
   * @param firstSlotOfNextEpoch the next epoch's first slot
   * @param window the stabilisation window ({@link #window})
   * @param candidate the candidate nonce (empty: neutral)
   * @param lastEpochBlock the last-epoch-block nonce (empty: neutral)
   * @return the nonce, or the slot from which it is fixed
   */
  public static Answer decide(long lastBlockSlot, long firstSlotOfNextEpoch, long window, Optional<byte[]> candidate,
      Optional<byte[]> lastEpochBlock) {
    long fixedFrom = firstSlotOfNextEpoch - window;
    if (lastBlockSlot < fixedFrom) {
      return new NotYet(fixedFrom);
    }
    Optional<byte[]> next = PraosNonce.combine(candidate, lastEpochBlock);
    // Both neutral only at a network's very start: the ledger then uses the neutral nonce, which has no 32 bytes.
    return new Fixed(new EpochNonce(next.orElseThrow(() -> new LeaderScheduleException(
        "the next epoch's nonce is the neutral nonce (a network at its very start); Palisade computes schedules"
            + " for hashed nonces only"))));
  }
}
