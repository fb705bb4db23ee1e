package io.palisade.runtime.slots;

import io.palisade.chain.ChainClock;
import io.palisade.control.slots.CounterAttribution;
import io.palisade.control.slots.CounterAttribution.SlotForge;
import io.palisade.control.slots.ForgeCounters;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The forging producer's forge-counter readings the slot watch took, kept until the leader slots they bracket are
 * decided: for a slot, the last reading sampled wholly before its start and the first sampled wholly at or after its
 * end, of the same node, give what the counters say of it ({@link CounterAttribution}, over every scheduled slot that
 * started between the two). A reading is a scrape, which takes time: one whose scrape ran while the slot began is
 * neither before it nor after it.
 *
 * <p>Only in memory, and on purpose: a reading lost with a restart of the control plane cannot be replaced by a later
 * one (the counters are cumulative, so a later "before" would hide what the slot did). A new watch starts empty, so a
 * slot that started before it has no reading before it and falls back to the producer's condition; never a guess.
 * Runs of equal readings of one node keep only their first and last reading (the counters change once per leader
 * slot at most), and a reading older than {@link #KEEP} is dropped once a newer one takes its place as the last
 * before any slot still to decide.
 */
final class CounterWindow {
  /** How long readings are kept: slots are decided {@code settle} (20 s) after they start, this is far beyond. */
  static final Duration KEEP = Duration.ofMinutes(10);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  /** One reading: whose, sampled between when and when, what. */
  record Reading(String node, Instant from, Instant to, ForgeCounters counters) {
    Reading {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(counters, "counters");
    }
  }

  private final ChainClock chain;
  /** Ascending by time (scrapes of one watcher follow each other). */
  private final List<Reading> readings = new ArrayList<>();

  CounterWindow(ChainClock chain) {
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /**
   * Takes a reading of the node that forges now, sampled by a scrape from {@code from} to {@code to}. One that did
   * not start after the last is ignored (the same scrape seen again), and so is one with no counter known (a node
   * that exposes none says nothing of a slot).
   */
  void add(String node, Instant from, Instant to, ForgeCounters counters) {
    if (counters == null || counters.isUnknown()) {
      return;
    }
    Reading r = new Reading(node, from, to.isBefore(from) ? from : to, counters);
    int n = readings.size();
    if (n > 0 && !from.isAfter(readings.get(n - 1).from())) {
      return;
    }
    // The middle of a run of equal readings says nothing its ends do not: keep the run's first and last.
    if (n >= 2 && same(readings.get(n - 1), r) && same(readings.get(n - 2), r)) {
      readings.set(n - 1, r);
    } else {
      readings.add(r);
    }
    Instant horizon = from.minus(KEEP);
    while (readings.size() >= 2 && readings.get(1).to().isBefore(horizon)) {
      readings.remove(0);
    }
  }

  private static boolean same(Reading a, Reading b) {
    return a.node().equals(b.node()) && a.counters().equals(b.counters());
  }

  /**
   * What the counters say of {@code slot}: empty when no reading of one node brackets it (none before its start, none
   * yet at or after its end, or the two of different nodes: a lease that moved in between).
   *
   * @param slot the leader slot
   * @param scheduled the epoch's leader slots: those that started between the two readings share the counters' moves
   * @return the outcome and its sources (the counters that moved, the node and the readings' times)
   */
  Optional<SlotForge> forge(long slot, Collection<Long> scheduled) {
    Instant start = chain.startOfSlot(slot);
    Instant end = chain.startOfSlot(slot + 1);
    Reading before = null;
    Reading after = null;
    for (Reading r : readings) {
      if (r.to().isBefore(start)) {
        before = r;
      } else if (!r.from().isBefore(end)) {
        after = r;
        break;
      }
    }
    if (before == null || after == null || !before.node().equals(after.node())) {
      return Optional.empty();
    }
    Instant from = before.to();
    Instant to = after.from();
    // Every slot that may have moved the counters between the two samples shares their moves: one that began while
    // either scrape ran too.
    Instant first = before.from();
    Instant last = after.to();
    TreeSet<Long> between = new TreeSet<>(List.of(slot));
    scheduled.stream().filter(s -> {
      Instant t = chain.startOfSlot(s);
      return !t.isBefore(first) && t.isBefore(last);
    }).forEach(between::add);
    SlotForge f = CounterAttribution.attribute(before.counters(), after.counters(), between).get(slot);
    List<String> sources = new ArrayList<>(f.sources());
    sources.add("forge counters of " + before.node() + " read at " + TIME.format(from.truncatedTo(ChronoUnit.SECONDS))
        + " and " + TIME.format(to.truncatedTo(ChronoUnit.SECONDS)) + " (" + between.size()
        + (between.size() == 1 ? " leader slot" : " leader slots") + " between)");
    return Optional.of(new SlotForge(f.forge(), sources));
  }
}
