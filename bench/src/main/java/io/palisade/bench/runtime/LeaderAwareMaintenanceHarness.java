package io.palisade.bench.runtime;

import io.palisade.control.ForgingWindow;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.PlannedAction;
import io.palisade.control.RestartTimes;
import io.palisade.control.lease.LeasePolicy;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerStopRoute;
import io.palisade.control.slots.ActionSpan;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.simnode.forge.MissReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Issue 14's benchmark, on the pure rules (no processes): a simulated run of many epochs of the demo pool, planned
 * actions (upgrade steps, restarts, key rotations) requested at random times, and faults injected at random (crashes,
 * not synced, KES invalid, a clock behind, slot and height battles). The demo pool has a standby producer, so an
 * action on the lease's holder is routed by control's {@link ProducerStopRoute}: with the other producer ready, forging
 * moves to it first (a switchover of a few seconds, in the short window {@link ForgingWindow#forReload} judges) and the
 * former holder restarts keyless, however long it takes; with the other producer out (its own outages, 2 an epoch, and
 * its keyless restart after a move), in place, in a window of the restart-to-forging time {@link RestartTimes} learns.
 * A key rotation has the holder re-read its credentials (a SIGHUP, in the short window). The same run without a
 * standby (every action in place; the pool before issue 18) is printed beside it as the reference. Every leader slot
 * gets its verdict from the slot ledger's own evidence path ({@link EpochSlots#evidence}, {@link SlotClassifier}) fed
 * with what the single-host runtime observes (the holder's condition, Palisade's actions, the simulated node's
 * forged-block and missed-leader-slot records), and is compared with the injected cause. A failover is not modelled
 * (a fault of the holder runs its course; {@code StandbyFailoverHarness} measures failovers). Prints slots scheduled,
 * slots lost to Palisade's actions (target 0), verdicts that match the injected cause (target 100 %), and the median
 * and p99 extra wait gating added.
 *
 * <p>Run: {@code bench/run.sh io.palisade.bench.runtime.LeaderAwareMaintenanceHarness [epochs] [actions] [seed] [percentile]}.
 */
public final class LeaderAwareMaintenanceHarness {
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  /** One-second slots, six-hour epochs (a short custom network, like the tests'). */
  static final long EPOCH = 21_600;
  /** f = 1/20 and 5 % of the stake: about 55 leader slots an epoch. */
  static final double PHI = 1 - Math.pow(1 - 0.05, 0.05);

  private LeaderAwareMaintenanceHarness() {}

  record Span(long from, long to, SlotVerdict cause) {
    boolean covers(long s) {
      return s >= from && s < to;
    }
  }

  /** What the actions of one run did: downtime of forging, waits, how each was carried out. */
  record Actions(List<Span> downtime, List<Long> waits, int beyondLimit, int moved, int inPlace, int reloads,
      int awaitedStandby) {}

  /**
   * @param args epochs (default 10), actions (default 120), seed (default 14), the learned time's percentile
   *     (default 0.9)
   */
  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int actions = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 14;
    Random rnd = new Random(seed);
    long end = epochs * EPOCH;
    List<LeaderCalendar.Slot> leader = new ArrayList<>();
    for (long s = 0; s < end; s++) {
      if (rnd.nextDouble() < PHI) {
        leader.add(new LeaderCalendar.Slot(s, at(s), at(s + 1)));
      }
    }
    // Faults, never overlapping each other: 3 of each kind an epoch.
    List<Span> faults = new ArrayList<>();
    SlotVerdict[] kinds = {SlotVerdict.MISSED_NODE_DOWN, SlotVerdict.MISSED_NOT_SYNCED, SlotVerdict.MISSED_KES_INVALID,
        SlotVerdict.MISSED_FUTURE_BLOCK};
    for (int i = 0; i < epochs * 3; i++) {
      for (SlotVerdict k : kinds) {
        for (int tries = 0; tries < 50; tries++) {
          long from = (long) (rnd.nextDouble() * (end - 4000));
          Span f = new Span(from, from + 60 + rnd.nextInt(900), k);
          if (faults.stream().noneMatch(o -> o.from < f.to + 60 && f.from < o.to + 60)) {
            faults.add(f);
            break;
          }
        }
      }
    }
    // The standby's own outages (its host down, a resync): 2 an epoch, 5 to 50 minutes.
    List<Span> standbyOut = new ArrayList<>();
    for (int i = 0; i < epochs * 2; i++) {
      long from = (long) (rnd.nextDouble() * end);
      standbyOut.add(new Span(from, from + 300 + rnd.nextInt(2700), SlotVerdict.UNKNOWN));
    }
    List<Long> requests = new ArrayList<>();
    for (int i = 0; i < actions; i++) {
      requests.add((long) (rnd.nextDouble() * (end - 7200)));
    }
    Collections.sort(requests);
    // The learned restart-to-forging time's percentile (4th argument; default 0.9, the runtimes' default): a higher
    // one covers the slow restarts and waits longer for a window.
    MaintenancePolicy base = MaintenancePolicy.DEFAULT;
    MaintenancePolicy policy = args.length > 3 ? new MaintenancePolicy(base.defaultRestartToForging(), base.margin(),
        base.maxWait(), Double.parseDouble(args[3]), base.minSamples(), base.clockTolerance()) : base;
    System.out.printf("restart-to-forging time learned at the %.0fth percentile of the last %d restarts; seed %d%n",
        policy.percentile() * 100, RestartTimes.MAX_SAMPLES, seed);
    for (boolean standby : new boolean[] {true, false}) {
      Actions done = act(leader, faults, standby ? standbyOut : null, requests, policy, seed);
      System.out.println(standby ? "the demo pool (a block producer and its standby):"
          : "reference, the same pool without a standby (every action in place, in a free window):");
      report(epochs, leader, new ArrayList<>(faults), done, new Random(seed + 1));
    }
  }

  /**
   * Carries out the requested actions, one after the other, each gated as the runtime gates it.
   *
   * @param standbyOut the standby's outages, or null for a pool without one
   */
  static Actions act(List<LeaderCalendar.Slot> leader, List<Span> faults, List<Span> standbyOut,
      List<Long> requests, MaintenancePolicy policy, long seed) {
    RestartTimes times = RestartTimes.none();
    LeaseState lease = LeaseState.first("block-producer", T0);
    List<Span> downtime = new ArrayList<>();
    List<Long> waits = new ArrayList<>();
    int beyondLimit = 0;
    int moved = 0;
    int inPlace = 0;
    int reloads = 0;
    int awaited = 0;
    long free = 0;
    long otherBackAt = 0;
    PlannedAction[] planned = {PlannedAction.UPGRADE_STEP, PlannedAction.RESTART, PlannedAction.KEY_ROTATION};
    for (int i = 0; i < requests.size(); i++) {
      // The same action, and the same restart durations, in both runs.
      Random r = new Random(seed * 7919 + i);
      PlannedAction a = planned[r.nextInt(planned.length)];
      // A cardano-node back to forging in 60-150 s, now and then much slower (a long replay).
      long restart = 60 + r.nextInt(90) + (r.nextDouble() < 0.03 ? 200 + r.nextInt(400) : 0);
      // A switchover: the fence confirmed at the next scrape, credentials given, a SIGHUP; rarely the 15 s fence
      // timeout and a kill. A reload: a SIGHUP.
      long move = 2 + r.nextInt(5) + (r.nextDouble() < 0.01 ? 15 : 0);
      long reload = 1 + r.nextInt(3);
      long t = Math.max(requests.get(i), free);
      // The model's operator acts on a healthy producer: a request during a fault waits for its end (then the fault,
      // not the action, is the cause of every slot it covers).
      for (Span f : faults) {
        t = f.covers(t) ? f.to : t;
      }
      long asked = t;
      String holder = lease.lease().holder();
      final long at = t;
      boolean otherReady = standbyOut != null && t >= otherBackAt && standbyOut.stream().noneMatch(o -> o.covers(at));
      ProducerStopRoute route = standbyOut == null ? ProducerStopRoute.withoutStandby(holder, holder)
          : ProducerStopRoute.of(lease, holder, otherReady, Duration.ZERO, policy.standbyWait());
      if (route == ProducerStopRoute.AWAIT_STANDBY && a != PlannedAction.KEY_ROTATION) {
        // The stop waits for the other producer, re-judged at each pass: it moves forging once that one is ready,
        // or goes in place when the wait ran out first.
        long ready = Math.max(t, otherBackAt);
        for (boolean shifted = true; shifted; ) {
          shifted = false;
          for (Span o : standbyOut) {
            if (o.covers(ready)) {
              ready = o.to;
              shifted = true;
            }
          }
        }
        long limit = t + policy.standbyWait().getSeconds();
        t = Math.min(ready, limit);
        route = ProducerStopRoute.of(lease, holder, ready <= limit, Duration.ofSeconds(t - asked),
            policy.standbyWait());
        awaited += ready <= limit ? 1 : 0;
      }
      boolean rotationReload = a == PlannedAction.KEY_ROTATION && standbyOut != null;
      boolean quick = rotationReload || (a != PlannedAction.KEY_ROTATION && route == ProducerStopRoute.MOVE_FIRST);
      boolean flagged = false;
      while (true) {
        ForgingWindow w = new ForgingWindow(known(leader, t), times, policy);
        ForgingWindow.Verdict v = (quick ? w.forReload(LeasePolicy.DEFAULT.promotionTime()) : w)
            .verdict(quick ? PlannedAction.SWITCHOVER : a, false, at(t));
        if (v.admitted()) {
          break;
        }
        flagged |= v.kind() == ForgingWindow.Verdict.Kind.NEEDS_OPERATOR;
        // Re-judged in the window it names (the runtime's next pass), or 10 s later while nothing is known.
        t = v.opensAt() == null ? t + 10 : Math.max(t + 1, Duration.between(T0, v.opensAt()).getSeconds()
            + (v.opensAt().getNano() > 0 ? 1 : 0));
      }
      beyondLimit += flagged ? 1 : 0;
      waits.add(t - asked);
      long away;
      if (rotationReload) {
        away = reload;
        reloads++;
      } else if (quick) {
        // Forging moves; the former holder restarts keyless and is out as a standby until it is back.
        away = move;
        String other = "block-producer".equals(holder) ? "block-producer-standby" : "block-producer";
        lease = lease.promoted(other, at(t + move));
        otherBackAt = t + move + restart;
        times = times.restarted(at(t + move)).observed(true, at(otherBackAt));
        moved++;
      } else {
        away = restart;
        times = times.restarted(at(t)).observed(true, at(t + restart));
        inPlace++;
      }
      downtime.add(new Span(t, t + away, SlotVerdict.MISSED_PALISADE_ACTION));
      free = t + away;
    }
    return new Actions(downtime, waits, beyondLimit, moved, inPlace, reloads, awaited);
  }

  /** Every leader slot's verdict from the ledger's evidence, against the injected cause; the run's figures. */
  static void report(int epochs, List<LeaderCalendar.Slot> leader, List<Span> faults, Actions done, Random rnd) {
    List<Span> downtime = done.downtime();
    // A fault that begins while (or as) an action has the producer down is hidden by it: not injected.
    faults.removeIf(f -> downtime.stream().anyMatch(d -> d.from <= f.to && f.from <= d.to));
    Map<SlotVerdict, int[]> byCause = new EnumMap<>(SlotVerdict.class);
    int lostToUs = 0;
    int matched = 0;
    SlotClassifier classifier = new SlotClassifier(java.time.Clock.fixed(at(epochs * EPOCH), java.time.ZoneOffset.UTC));
    for (int e = 0; e < epochs; e++) {
      EpochSlots slots = timeline(e, faults, downtime);
      for (LeaderCalendar.Slot s : leader) {
        if (s.slot() / EPOCH != e) {
          continue;
        }
        SlotVerdict truth = cause(s.slot(), faults, downtime, rnd);
        // What the producer's records hold for the slot, as the simulated node writes them: a forged block in its
        // forged-block record, or, when its forge loop ran and could not forge, a missed-leader-slot line with the
        // trace (a node down or restarting runs no forge loop: no record at all).
        MissReason missed = switch (truth) {
          case MISSED_KES_INVALID -> MissReason.KES_INVALID;
          case MISSED_FUTURE_BLOCK -> MissReason.BLOCK_FROM_FUTURE;
          case MISSED_NOT_SYNCED -> MissReason.NO_LEDGER_VIEW;
          default -> null;
        };
        ForgeOutcome forge = switch (truth) {
          // The outcomes the CLI's NodeSlotSources reads from those lines (cli is not on the benchmark's class path).
          case MISSED_KES_INVALID -> ForgeOutcome.CANNOT_FORGE;
          case MISSED_FUTURE_BLOCK -> ForgeOutcome.FROM_FUTURE;
          case MISSED_NOT_SYNCED -> ForgeOutcome.NO_LEDGER_VIEW;
          case ADOPTED -> ForgeOutcome.ADOPTED;
          case LOST_SLOT_BATTLE -> ForgeOutcome.NOT_ADOPTED;
          case LOST_HEIGHT_BATTLE -> ForgeOutcome.ORPHANED;
          default -> ForgeOutcome.NONE;
        };
        String trace = missed == null ? "" : missed.events().stream().sorted().findFirst().orElseThrow().namespace();
        SlotVerdict got = classifier.classify(slots.evidence(s.slot(), s.start(), forge, List.of(), trace,
            ChainCheck.UNCHECKED)).verdict();
        int[] c = byCause.computeIfAbsent(truth, k -> new int[2]);
        c[0]++;
        if (got == truth) {
          c[1]++;
          matched++;
        } else {
          System.out.printf("  slot %d (epoch %d): injected %s, the ledger says %s%n", s.slot(), e, truth, got);
        }
        lostToUs += truth == SlotVerdict.MISSED_PALISADE_ACTION ? 1 : 0;
      }
    }
    List<Long> waits = new ArrayList<>(done.waits());
    Collections.sort(waits);
    System.out.printf("  epochs %d (%d slots of 1 s each), leader slots scheduled %d, actions %d (%d moved forging"
        + " first, %d of them after waiting for the standby; %d in place; %d credential reloads; %d beyond the wait"
        + " limit), faults %d%n", epochs, EPOCH, leader.size(), waits.size(), done.moved(), done.awaitedStandby(),
        done.inPlace(), done.reloads(), done.beyondLimit(), faults.size());
    System.out.printf("  slots lost to Palisade's actions: %d (target 0)%n", lostToUs);
    System.out.printf("  verdicts matching the injected cause: %d of %d, %.1f %% (target 100 %%)%n", matched,
        leader.size(), 100.0 * matched / leader.size());
    byCause.forEach((k, c) -> System.out.printf("    %-32s %4d slots, %4d matched%n", k.name(), c[0], c[1]));
    System.out.printf("  extra wait added by gating: median %d s, p99 %d s, max %d s%n", pct(waits, 0.5),
        pct(waits, 0.99), waits.get(waits.size() - 1));
  }

  /** The calendar the runtime knows at {@code t}: the current epoch's slots and the next's. */
  static LeaderCalendar known(List<LeaderCalendar.Slot> all, long t) {
    long until = (t / EPOCH + 2) * EPOCH;
    return new LeaderCalendar(all.stream().filter(s -> s.slot() < until).toList(), at(until));
  }

  /** The injected cause of what became of a slot; a forged block loses a battle now and then. */
  static SlotVerdict cause(long slot, List<Span> faults, List<Span> downtime, Random rnd) {
    for (Span d : downtime) {
      if (d.covers(slot)) {
        return d.cause;
      }
    }
    for (Span f : faults) {
      if (f.covers(slot)) {
        return f.cause;
      }
    }
    double r = rnd.nextDouble();
    return r < 0.05 ? SlotVerdict.LOST_SLOT_BATTLE : r < 0.07 ? SlotVerdict.LOST_HEIGHT_BATTLE : SlotVerdict.ADOPTED;
  }

  /** What the slot ledger observes in epoch {@code e}: the producer's condition and Palisade's actions, in order. */
  static EpochSlots timeline(long e, List<Span> faults, List<Span> downtime) {
    record Change(long at, ProducerCondition c) {}
    List<Change> changes = new ArrayList<>();
    EpochSlots slots = EpochSlots.empty(e).withCondition(at((e - 1) * EPOCH - 1), ProducerCondition.FORGING, "");
    for (Span f : faults) {
      ProducerCondition c = switch (f.cause) {
        case MISSED_NODE_DOWN -> ProducerCondition.DOWN;
        case MISSED_NOT_SYNCED -> ProducerCondition.NOT_SYNCED;
        case MISSED_KES_INVALID -> ProducerCondition.KES_INVALID;
        // A clock behind is invisible to the health agent: the node looks synced and forging.
        default -> ProducerCondition.FORGING;
      };
      changes.add(new Change(f.from, c));
      changes.add(new Change(f.to, ProducerCondition.FORGING));
    }
    for (Span d : downtime) {
      changes.add(new Change(d.from, ProducerCondition.DOWN));
      if (d.to > d.from + 5) {
        changes.add(new Change(d.from + 5, ProducerCondition.NOT_SYNCED));
      }
      changes.add(new Change(d.to, ProducerCondition.FORGING));
      slots = slots.withAction(new ActionSpan("a planned action on the holder", at(d.from), at(d.to), true));
    }
    changes.sort((a, b) -> Long.compare(a.at, b.at));
    for (Change c : changes) {
      if (c.at >= (e - 1) * EPOCH && c.at < (e + 1) * EPOCH) {
        slots = slots.withCondition(at(c.at), c.c, "");
      }
    }
    return slots;
  }

  static long pct(List<Long> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
  }

  static Instant at(long slot) {
    return T0.plusSeconds(slot);
  }
}
