package io.palisade.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * KES rotation planning, pure: from the installed operational certificate's KES start period, the network's
 * slotsPerKESPeriod and maxKESEvolutions, and the producer's leader schedule, when the next rotation is due and the
 * free windows before it (the spans in which a rotation, which restarts the producer, is back to forging before its
 * next leader slot: {@link ForgingWindow}'s rule).
 *
 * <pre>{@code
 * KesRotationPlan p = KesRotationPlanner.plan(cert.kesPeriod(), 129_600, 62, chain.currentSlot(), chain::startOfSlot,
 *     window, clock.instant());
 * }</pre>
 */
public final class KesRotationPlanner {
  /** How many free windows a plan lists. */
  public static final int WINDOWS = 3;

  private KesRotationPlanner() {}

  /**
   * The plan.
   *
   * @param kesStartPeriod the certificate's KES start period
   * @param slotsPerKesPeriod the network's slotsPerKESPeriod
   * @param maxKesEvolutions the network's maxKESEvolutions
   * @param currentSlot the chain's slot now
   * @param slotStart the start of a slot (the chain clock)
   * @param window the producer's window rule (its schedule and the time a restart needs)
   * @param now the clock's time
   * @return the plan
   */
  public static KesRotationPlan plan(long kesStartPeriod, long slotsPerKesPeriod, int maxKesEvolutions,
      long currentSlot, LongFunction<Instant> slotStart, ForgingWindow window, Instant now) {
    if (slotsPerKesPeriod <= 0 || maxKesEvolutions <= 0) {
      throw new IllegalArgumentException("slotsPerKESPeriod and maxKESEvolutions are positive");
    }
    long current = currentSlot / slotsPerKesPeriod;
    long end = kesStartPeriod + maxKesEvolutions;
    Instant expiresAt = slotStart.apply(end * slotsPerKesPeriod);
    Instant dueBy = slotStart.apply((end - 1) * slotsPerKesPeriod);
    LeaderCalendar cal = window.calendar();
    Instant limit = cal.knownUntil().isBefore(dueBy) ? cal.knownUntil() : dueBy;
    Duration needed = window.needed();
    List<KesRotationPlan.Window> windows = new ArrayList<>();
    Instant start = now;
    // Each step passes one leader slot, so this ends.
    for (int i = 0; i <= cal.slots().size() && windows.size() < WINDOWS; i++) {
      if (start.plus(needed).isAfter(limit)) {
        break;
      }
      Optional<LeaderCalendar.Slot> blocking = cal.firstOverlapping(start, start.plus(needed));
      if (blocking.isPresent()) {
        start = blocking.get().end();
        continue;
      }
      Optional<LeaderCalendar.Slot> next = cal.next(start);
      Instant closes = next.map(s -> s.start().minus(needed).minusNanos(1)).orElse(limit.minus(needed));
      closes = closes.isAfter(limit.minus(needed)) ? limit.minus(needed) : closes;
      windows.add(new KesRotationPlan.Window(start, closes));
      if (next.isEmpty()) {
        break;
      }
      start = next.get().end();
    }
    return new KesRotationPlan(current, kesStartPeriod, Math.max(0, end - current), expiresAt, dueBy, windows, limit);
  }
}
