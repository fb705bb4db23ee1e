package io.palisade.control.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.ForgingWindow;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.RestartTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The lease's decisions driven over a small simulated world of two producer processes, with random kills, pauses
 * (SIGSTOP), resumptions, restarts, lost syncs and switchover requests: never two processes with forging credentials
 * in memory, never two credential holders, and the token only grows.
 */
class ProducerLeasePropertyTest {
  static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");
  static final LeasePolicy POLICY = new LeasePolicy(Duration.ofSeconds(6), Duration.ofSeconds(4),
      Duration.ofSeconds(1));
  static final ForgingWindow WINDOW = new ForgingWindow(new LeaderCalendar(List.of(
      new LeaderCalendar.Slot(40, T0.plusSeconds(40), T0.plusSeconds(41)),
      new LeaderCalendar.Slot(90, T0.plusSeconds(90), T0.plusSeconds(91))), T0.plusSeconds(100_000)),
      RestartTimes.none(), new MaintenancePolicy(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofHours(1),
      0.9, 3));

  enum Event { KILL, STOP, CONT, RESTART, DESYNC, RESYNC, SWITCHOVER, TICK }

  /** One simulated node process: credential files on disk, keys in memory, a pending SIGHUP while stopped. */
  static final class Proc {
    final String name;
    boolean alive = true;
    boolean stopped;
    boolean synced = true;
    boolean files;
    boolean keysInMemory;
    boolean pendingHup;

    Proc(String name) {
      this.name = name;
    }

    void hup() {
      if (!alive) {
        return;
      }
      if (stopped) {
        pendingHup = true;
      } else {
        keysInMemory = files;
      }
    }

    ProducerFacts facts(LeaseState s, boolean fresh) {
      ForgingReading reading = !alive || stopped ? ForgingReading.UNKNOWN
          : keysInMemory ? ForgingReading.ON : ForgingReading.OFF;
      return new ProducerFacts(name, alive, alive && !stopped && synced, alive && !stopped && synced && keysInMemory,
          files, reading, s.mayHoldCredentials(name), fresh);
    }
  }

  @Provide
  Arbitrary<List<Event>> histories() {
    return Arbitraries.of(Event.class).list().ofMinSize(1).ofMaxSize(120);
  }

  @Property(tries = 400)
  void neverTwoForgers_neverTwoHolders_tokenOnlyGrows(@ForAll("histories") List<Event> events,
      @ForAll("targets") List<Integer> targets) {
    Proc bp = new Proc("bp");
    Proc sb = new Proc("sb");
    bp.files = true;
    bp.keysInMemory = true;
    Map<String, Proc> procs = Map.of("bp", bp, "sb", sb);
    LeaseState state = LeaseState.first("bp", T0);
    Instant now = T0;
    Instant troubleSince = null;
    Instant moveSince = null;
    long token = 1;
    for (int i = 0; i < events.size(); i++) {
      now = now.plusSeconds(1);
      Proc p = targets.get(i % targets.size()) == 0 ? bp : sb;
      switch (events.get(i)) {
        case KILL -> {
          p.alive = false;
          p.keysInMemory = false;
          p.stopped = false;
          p.pendingHup = false;
        }
        case STOP -> p.stopped = p.alive;
        case CONT -> {
          p.stopped = false;
          if (p.pendingHup) {
            p.pendingHup = false;
            p.hup();
          }
        }
        case RESTART -> {
          if (!p.alive) {
            // The runtime's launch: credentials only for a node that may hold them; the process reads them at start.
            p.alive = true;
            p.files = state.mayHoldCredentials(p.name);
            p.keysInMemory = p.files;
          }
        }
        case DESYNC -> p.synced = false;
        case RESYNC -> p.synced = true;
        case SWITCHOVER -> state = ProducerLeases.requestSwitchover(state, facts(procs, state, false), now).state();
        case TICK -> { }
      }
      // Observed after the move started: every pass after the one that started it (each event is a second later).
      Map<String, ProducerFacts> facts = facts(procs, state, moveSince != null && now.isAfter(moveSince));
      ProducerFacts holder = facts.get(state.lease().holder());
      boolean trouble = !holder.canForge();
      troubleSince = trouble ? (troubleSince == null ? now : troubleSince) : null;
      Instant at = now;
      Elapsed elapsed = new Elapsed(Optional.ofNullable(troubleSince).map(t -> Duration.between(t, at)),
          moveSince == null ? Duration.ZERO : Duration.between(moveSince, now));
      ProducerLeases.Decision d = ProducerLeases.decide(state, facts, elapsed, WINDOW, POLICY, now);
      if (d.state().handover() == null) {
        moveSince = null;
      } else if (state.handover() == null) {
        moveSince = now;
      }
      if (!d.state().lease().holder().equals(state.lease().holder())) {
        troubleSince = null;
      }
      state = d.state();
      assertThat(state.lease().token()).as("the token never goes back").isGreaterThanOrEqualTo(token);
      token = state.lease().token();
      for (LeaseAction a : d.actions()) {
        Proc target = procs.get(a.node());
        if (a instanceof LeaseAction.GiveCredentials) {
          assertThat(state.mayHoldCredentials(a.node())).as("credentials only to the holder").isTrue();
          target.files = true;
          target.hup();
        } else if (a instanceof LeaseAction.TakeCredentials) {
          target.files = false;
          target.hup();
        } else {
          target.alive = false;
          target.keysInMemory = false;
          target.stopped = false;
          target.pendingHup = false;
        }
      }
      long forgers = procs.values().stream().filter(x -> x.alive && x.keysInMemory).count();
      long holders = procs.values().stream().filter(x -> x.files).count();
      assertThat(forgers).as("processes with credentials in memory after %s", events.subList(0, i + 1))
          .isLessThanOrEqualTo(1);
      assertThat(holders).as("credential holders").isLessThanOrEqualTo(1);
    }
  }

  @Provide
  Arbitrary<List<Integer>> targets() {
    return Arbitraries.integers().between(0, 1).list().ofMinSize(1).ofMaxSize(120);
  }

  private static Map<String, ProducerFacts> facts(Map<String, Proc> procs, LeaseState s, boolean fresh) {
    Map<String, ProducerFacts> m = new LinkedHashMap<>();
    m.put("bp", procs.get("bp").facts(s, fresh));
    m.put("sb", procs.get("sb").facts(s, fresh));
    return m;
  }
}
