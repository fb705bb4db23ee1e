package io.palisade.chain;

import java.time.Instant;
import java.util.Objects;

/**
 * The genesis facts the chain clock needs: when the chain started, how long slots and epochs are in each era, and the
 * KES schedule. Values come from byron-genesis.json, shelley-genesis.json and the hard-fork epoch of the network.
 *
 * @param networkName human name of the network ("mainnet", "preprod", "preview" or a directory name)
 * @param networkMagic the network magic (shelley {@code networkMagic}, equal to byron {@code protocolMagic})
 * @param systemStart the time slot 0 began (byron {@code startTime})
 * @param byronSlotMillis Byron slot length in milliseconds ({@code blockVersionData.slotDuration})
 * @param byronSecurityParam Byron {@code protocolConsts.k}; a Byron epoch is {@code 10 * k} slots
 * @param shelleyTransitionEpoch first epoch of the Shelley era (208 on mainnet, 4 on preprod, 0 on preview)
 * @param epochLength Shelley-era epoch length in slots
 * @param slotLengthMillis Shelley-era slot length in milliseconds
 * @param slotsPerKesPeriod slots in one KES period
 * @param maxKesEvolutions KES periods an operational certificate is valid for
 * @param securityParam Shelley-era security parameter k
 * @param activeSlotsCoeff the active slot coefficient f
 */
public record GenesisParameters(
    String networkName,
    long networkMagic,
    Instant systemStart,
    long byronSlotMillis,
    long byronSecurityParam,
    long shelleyTransitionEpoch,
    long epochLength,
    long slotLengthMillis,
    long slotsPerKesPeriod,
    int maxKesEvolutions,
    long securityParam,
    double activeSlotsCoeff) {

  /** Checks that the values can drive the clock; a zero length would divide by zero later. */
  public GenesisParameters {
    Objects.requireNonNull(networkName, "networkName");
    Objects.requireNonNull(systemStart, "systemStart");
    requirePositive("byron slot duration (ms)", byronSlotMillis);
    requirePositive("byron k", byronSecurityParam);
    if (shelleyTransitionEpoch < 0) {
      throw new IllegalArgumentException("Shelley transition epoch must be >= 0, was: " + shelleyTransitionEpoch);
    }
    requirePositive("epochLength", epochLength);
    requirePositive("slotLength (ms)", slotLengthMillis);
    requirePositive("slotsPerKESPeriod", slotsPerKesPeriod);
    requirePositive("maxKESEvolutions", maxKesEvolutions);
  }

  private static void requirePositive(String what, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, was: " + value);
    }
  }

  /** Slots in one Byron epoch ({@code 10 * k}). */
  public long byronEpochLength() {
    return 10 * byronSecurityParam;
  }

  /** Slots of the whole Byron era. */
  public long byronSlots() {
    return shelleyTransitionEpoch * byronEpochLength();
  }

  /** The time the first Shelley-era slot began. */
  public Instant shelleyStart() {
    return systemStart.plusMillis(byronSlots() * byronSlotMillis);
  }
}
