package io.palisade.ouroboros.n2c;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * The Shelley genesis facts {@code GetGenesisConfig} answers (the node's compact genesis, without initial funds):
 * what the leader check and the KES arithmetic need.
 *
 * @param systemStart the chain's system start
 * @param networkMagic the network magic
 * @param mainnet whether the network id is Mainnet
 * @param activeSlotsCoeff f, the active slot coefficient
 * @param securityParam k
 * @param epochLength slots per epoch
 * @param slotsPerKesPeriod slots per KES period
 * @param maxKesEvolutions KES evolutions of one opcert
 * @param slotLengthMicros the Shelley slot length in microseconds
 * @param updateQuorum the genesis update quorum
 * @param maxLovelaceSupply the maximum lovelace supply
 */
public record GenesisConfig(
    Instant systemStart,
    long networkMagic,
    boolean mainnet,
    Ratio activeSlotsCoeff,
    long securityParam,
    long epochLength,
    long slotsPerKesPeriod,
    long maxKesEvolutions,
    long slotLengthMicros,
    long updateQuorum,
    long maxLovelaceSupply) {

  /** Requires the references and positive counts. */
  public GenesisConfig {
    Objects.requireNonNull(systemStart, "systemStart");
    Objects.requireNonNull(activeSlotsCoeff, "activeSlotsCoeff");
    if (epochLength <= 0 || slotsPerKesPeriod <= 0 || securityParam <= 0) {
      throw new IllegalArgumentException("epoch length, slots per KES period and k must be > 0");
    }
  }

  /** The randomness stabilisation window, ceil(4k/f) slots: the next epoch's nonce is fixed this long before the end. */
  public long randomnessStabilisationWindow() {
    // ceil(4k * den / num), exactly as the ledger's computeRandomnessStabilisationWindow.
    BigInteger n = BigInteger.valueOf(4 * securityParam)
        .multiply(BigInteger.valueOf(activeSlotsCoeff.denominator()));
    BigInteger d = BigInteger.valueOf(activeSlotsCoeff.numerator());
    BigInteger[] qr = n.divideAndRemainder(d);
    return qr[0].add(qr[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO).longValueExact();
  }
}
