package io.palisade.control.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.slots.CounterAttribution.SlotForge;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The attribution over any readings, hostile ones included: total, and never an invented adoption. */
class CounterAttributionPropertyTest {
  @Provide
  Arbitrary<ForgeCounters> counters() {
    // Unknown, negative, huge and small values, mixed.
    Arbitrary<Long> value = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.longs(),
        Arbitraries.longs().between(-3, 6), Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L));
    return Combinators.combine(value, value, value, value, value, value).as(ForgeCounters::new);
  }

  @Provide
  Arbitrary<List<Long>> slots() {
    return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000).list().ofMaxSize(5),
        Arbitraries.longs().list().ofMaxSize(3));
  }

  @Property
  void totalOnAnyReadings(@ForAll("counters") ForgeCounters before, @ForAll("counters") ForgeCounters after,
      @ForAll("slots") List<Long> slots) {
    Map<Long, SlotForge> m = CounterAttribution.attribute(before, after, slots);
    assertThat(m.keySet()).containsExactlyInAnyOrderElementsOf(slots.stream().distinct().toList());
    assertThat(m.values()).allSatisfy(f -> {
      assertThat(f.forge()).isNotNull();
      assertThat(f.sources()).isNotEmpty();
      for (ProducerCondition c : ProducerCondition.values()) {
        assertThat(f.given(c).forge()).isNotNull();
      }
    });
  }

  @Property
  void neverAdoptedWhenAdoptedDidNotMove(@ForAll("counters") ForgeCounters before,
      @ForAll("counters") ForgeCounters after, @ForAll("slots") List<Long> slots) {
    Long b = before.adopted();
    Long a = after.adopted();
    boolean moved = b != null && a != null && b >= 0 && a >= 0 && (a > b || a < b && a > 0);
    if (!moved) {
      assertThat(CounterAttribution.attribute(before, after, slots).values())
          .noneMatch(f -> f.forge() == ForgeOutcome.ADOPTED);
    }
  }
}
