package io.palisade.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Clock arithmetic on the bundled genesis, with fixed clocks. */
class ChainClockTest {
  private static final GenesisParameters MAINNET = KnownNetwork.MAINNET.genesis();

  @Test
  void kesPeriod_startsEvery129600Slots_andOpcertExpiresAfter62Periods() {
    ChainClock clock = new ChainClock(MAINNET, Clock.systemUTC());
    // KES period 689 starts at slot 689 * 129600 = 89294400.
    assertThat(clock.startOfKesPeriod(689)).isEqualTo(clock.startOfSlot(89_294_400));
    // An opcert starting at 689 is valid for periods 689..750 and expires when period 751 begins.
    assertThat(clock.lastValidKesPeriod(689)).isEqualTo(750);
    assertThat(clock.opcertExpiry(689)).isEqualTo(clock.startOfKesPeriod(751));
    assertThat(Duration.between(clock.startOfKesPeriod(689), clock.opcertExpiry(689)))
        .isEqualTo(Duration.ofSeconds(62L * 129_600));
  }

  @Test
  void kesPeriodsRemaining_countsTheCurrentPeriod_andReachesZeroAtExpiry() {
    ChainClock clock = new ChainClock(MAINNET, Clock.systemUTC());
    Instant inFirst = clock.startOfKesPeriod(689).plusSeconds(10);
    assertThat(clock.kesPeriodsRemaining(689, inFirst)).isEqualTo(62);
    assertThat(clock.kesPeriodsRemaining(689, clock.startOfKesPeriod(750))).isEqualTo(1);
    assertThat(clock.kesPeriodsRemaining(689, clock.opcertExpiry(689))).isZero();
  }

  @Test
  void now_usesTheInjectedClock() {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    ChainClock clock = new ChainClock(MAINNET, Clock.fixed(t, ZoneOffset.UTC));
    ChainTime now = clock.now();
    assertThat(now.time()).isEqualTo(t);
    // 2025-01-01T00:00:00Z is unix 1735689600; mainnet slot = unix - 1591566291.
    assertThat(now.slot()).isEqualTo(1_735_689_600L - 1_591_566_291L);
    assertThat(now.nextKesPeriodStart()).isEqualTo(clock.startOfKesPeriod(now.kesPeriod() + 1));
  }

  @Test
  void timeBeforeSystemStart_isRejectedWithTheNetworkName() {
    ChainClock clock = new ChainClock(MAINNET, Clock.systemUTC());
    assertThatThrownBy(() -> clock.slotAt(Instant.parse("2017-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the system start of mainnet");
    assertThatThrownBy(() -> clock.startOfSlot(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fractionalSlotLength_ofACustomTestnet_staysExact() {
    GenesisParameters fast = new GenesisParameters("fast", 42, Instant.parse("2024-01-01T00:00:00Z"), 20_000, 10, 0,
        500, 100, 600, 10, 10, 0.1);
    ChainClock clock = new ChainClock(fast, Clock.systemUTC());
    assertThat(clock.slotAt(Instant.parse("2024-01-01T00:00:01.05Z"))).isEqualTo(10);
    assertThat(clock.epochOf(1000)).isEqualTo(2);
    assertThat(clock.opcertExpiry(0)).isEqualTo(Instant.parse("2024-01-01T00:10:00Z"));
  }

  @Property
  void slotAndTime_roundTrip(@ForAll @LongRange(min = 0, max = 2_000_000_000L) long slot) {
    ChainClock clock = new ChainClock(MAINNET, Clock.systemUTC());
    Instant start = clock.startOfSlot(slot);
    assertThat(clock.slotAt(start)).isEqualTo(slot);
    if (slot > 0) {
      assertThat(clock.slotAt(start.minusMillis(1))).isEqualTo(slot - 1);
    }
    assertThat(clock.firstSlotOfEpoch(clock.epochOf(slot)) + clock.slotInEpoch(slot)).isEqualTo(slot);
  }
}
