package io.palisade.chain;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Converts between wall-clock time and the chain's slots, epochs and KES periods, Byron era included.
 *
 * <p>The formulas are those gLiveView and nview use (see docs/architecture.md): Byron slots of {@code byronSlotMillis}
 * until the Shelley transition epoch, then Shelley slots of {@code slotLengthMillis}. All arithmetic is in whole
 * milliseconds so fractional slot lengths of custom testnets (0.1 s, 0.2 s) stay exact.
 *
 * <pre>{@code
 * ChainClock clock = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
 * ChainTime now = clock.now();
 * Instant expires = clock.opcertExpiry(opcertStartPeriod);
 * }</pre>
 */
public final class ChainClock {
  private final GenesisParameters genesis;
  private final Clock clock;
  private final long startMillis;
  private final long byronMillis;

  /**
   * @param genesis the network's genesis facts
   * @param clock the source of "now"; tests pass a fixed clock
   */
  public ChainClock(GenesisParameters genesis, Clock clock) {
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startMillis = genesis.systemStart().toEpochMilli();
    this.byronMillis = Math.multiplyExact(genesis.byronSlots(), genesis.byronSlotMillis());
  }

  /** The genesis facts this clock was built from. */
  public GenesisParameters genesis() {
    return genesis;
  }

  /** The current instant of the injected clock. */
  public Instant instant() {
    return clock.instant();
  }

  /** Where the chain is now. */
  public ChainTime now() {
    return at(clock.instant());
  }

  /** The slot the chain is expected to be at now. */
  public long currentSlot() {
    return slotAt(clock.instant());
  }

  /** Where the chain is at {@code time}. */
  public ChainTime at(Instant time) {
    long slot = slotAt(time);
    long kesPeriod = kesPeriodOf(slot);
    return new ChainTime(
        genesis.networkName(),
        time,
        slot,
        epochOf(slot),
        slotInEpoch(slot),
        eraOf(slot),
        kesPeriod,
        startOfKesPeriod(kesPeriod + 1));
  }

  /**
   * The slot in progress at {@code time}.
   *
   * @throws IllegalArgumentException if {@code time} is before the chain's system start
   */
  public long slotAt(Instant time) {
    long elapsed = time.toEpochMilli() - startMillis;
    if (elapsed < 0) {
      throw new IllegalArgumentException(
          "time " + time + " is before the system start of " + genesis.networkName() + " (" + genesis.systemStart()
              + ")");
    }
    if (elapsed < byronMillis) {
      return elapsed / genesis.byronSlotMillis();
    }
    return genesis.byronSlots() + (elapsed - byronMillis) / genesis.slotLengthMillis();
  }

  /** The instant {@code slot} begins. */
  public Instant startOfSlot(long slot) {
    requireSlot(slot);
    if (slot < genesis.byronSlots()) {
      return Instant.ofEpochMilli(startMillis + slot * genesis.byronSlotMillis());
    }
    long shelleySlots = slot - genesis.byronSlots();
    return Instant.ofEpochMilli(
        Math.addExact(startMillis + byronMillis, Math.multiplyExact(shelleySlots, genesis.slotLengthMillis())));
  }

  /** The era {@code slot} belongs to. */
  public ChainEra eraOf(long slot) {
    requireSlot(slot);
    return slot < genesis.byronSlots() ? ChainEra.BYRON : ChainEra.SHELLEY_BASED;
  }

  /** The epoch {@code slot} belongs to. */
  public long epochOf(long slot) {
    requireSlot(slot);
    if (slot < genesis.byronSlots()) {
      return slot / genesis.byronEpochLength();
    }
    return genesis.shelleyTransitionEpoch() + (slot - genesis.byronSlots()) / genesis.epochLength();
  }

  /** The 0-based position of {@code slot} within its epoch. */
  public long slotInEpoch(long slot) {
    requireSlot(slot);
    if (slot < genesis.byronSlots()) {
      return slot % genesis.byronEpochLength();
    }
    return (slot - genesis.byronSlots()) % genesis.epochLength();
  }

  /** The first slot of {@code epoch}. */
  public long firstSlotOfEpoch(long epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, was: " + epoch);
    }
    if (epoch < genesis.shelleyTransitionEpoch()) {
      return epoch * genesis.byronEpochLength();
    }
    return genesis.byronSlots() + (epoch - genesis.shelleyTransitionEpoch()) * genesis.epochLength();
  }

  /** The KES period of {@code slot}: absolute slot (Byron slots included) divided by slotsPerKESPeriod. */
  public long kesPeriodOf(long slot) {
    requireSlot(slot);
    return slot / genesis.slotsPerKesPeriod();
  }

  /** The KES period in progress at {@code time}. */
  public long kesPeriodAt(Instant time) {
    return kesPeriodOf(slotAt(time));
  }

  /** The instant KES period {@code period} begins. */
  public Instant startOfKesPeriod(long period) {
    if (period < 0) {
      throw new IllegalArgumentException("KES period must be >= 0, was: " + period);
    }
    return startOfSlot(Math.multiplyExact(period, genesis.slotsPerKesPeriod()));
  }

  /**
   * The instant an operational certificate whose KES start period is {@code startPeriod} stops being valid: the start
   * of period {@code startPeriod + maxKESEvolutions}.
   */
  public Instant opcertExpiry(long startPeriod) {
    return startOfKesPeriod(lastValidKesPeriod(startPeriod) + 1);
  }

  /** The last KES period in which an opcert starting at {@code startPeriod} can sign. */
  public long lastValidKesPeriod(long startPeriod) {
    if (startPeriod < 0) {
      throw new IllegalArgumentException("KES start period must be >= 0, was: " + startPeriod);
    }
    return startPeriod + genesis.maxKesEvolutions() - 1;
  }

  /**
   * KES periods an opcert starting at {@code startPeriod} has left, counting the current one, at {@code time}; zero or
   * less once it has expired.
   */
  public long kesPeriodsRemaining(long startPeriod, Instant time) {
    return lastValidKesPeriod(startPeriod) - kesPeriodAt(time) + 1;
  }

  private static void requireSlot(long slot) {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be >= 0, was: " + slot);
    }
  }
}
