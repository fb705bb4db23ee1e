package io.palisade.spec.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The one human form of a duration that messages, events and refusals share. */
class DurationTextApproximateTest {

  @Test
  void twoLargestUnits_roundedDown() {
    assertThat(DurationText.approximate(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(DurationText.approximate(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.approximate(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationText.approximate(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationText.approximate(Duration.ofSeconds(150))).isEqualTo("2m30s");
    assertThat(DurationText.approximate(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(DurationText.approximate(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(DurationText.approximate(Duration.ofMinutes(125).plusSeconds(59))).isEqualTo("2h5m");
    assertThat(DurationText.approximate(Duration.ofHours(51))).isEqualTo("2d3h");
    assertThat(DurationText.approximate(Duration.ofDays(7))).isEqualTo("7d");
    assertThat(DurationText.approximate(Duration.ofSeconds(-150))).isEqualTo("-2m30s");
  }

  @Property
  void wholeSeconds_readBackAsAtMostTheDuration_andWithinOneOfItsSmallerUnit(
      @ForAll @LongRange(min = 0, max = 400L * 86_400) long seconds) {
    Duration d = Duration.ofSeconds(seconds);
    Duration back = DurationText.parse(DurationText.approximate(d));
    assertThat(back).isLessThanOrEqualTo(d);
    Duration unit = seconds < 7_200 ? Duration.ofSeconds(1) : seconds < 172_800 ? Duration.ofMinutes(1)
        : Duration.ofHours(1);
    assertThat(d.minus(back)).isLessThan(unit);
  }
}
