package io.palisade.cli.runtime;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.LeaderCalendar;
import io.palisade.runtime.local.LeaderScheduleSource;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code palisade up} shows of the block producer's blocks: once the pool's leader schedule is known, the slots
 * it leads in the coming hour (from the pool's one cached schedule, not computed again); then each block it forges, from the
 * simulated node's forged-block record. A daemon thread; every failure is silent but for one line (the pool matters,
 * not this view).
 */
final class LeaderFeed implements AutoCloseable {
  /** How far ahead the first view looks. */
  static final int LOOKAHEAD_SLOTS = 3600;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Path dataDir;
  private final GenesisParameters genesis;
  private final LeaderScheduleSource schedule;
  private final Clock clock;
  private final PrintWriter out;
  private final Thread thread;
  private volatile boolean closed;

  LeaderFeed(Path dataDir, GenesisParameters genesis, LeaderScheduleSource schedule, Clock clock, PrintWriter out) {
    this.dataDir = dataDir;
    this.genesis = genesis;
    this.schedule = schedule;
    this.clock = clock;
    this.out = out;
    this.thread = new Thread(this::run, "palisade-leader-feed");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching the pool in {@code dataDir}.
   *
   * @param schedule the pool's one cached leader schedule ({@code LocalPool.leaderSchedule()}): the feed computes
   *     nothing of its own
   */
  static LeaderFeed start(Path dataDir, GenesisParameters genesis, LeaderScheduleSource schedule, PrintWriter out) {
    LeaderFeed f = new LeaderFeed(dataDir, genesis, schedule, Clock.systemUTC(), out);
    f.thread.start();
    return f;
  }

  private void run() {
    long lastSlot = -1;
    boolean started = false;
    boolean scheduled = false;
    while (!closed) {
      try {
        if (!started) {
          lastSlot = forgedSince(-1, false);
          started = true;
        }
        if (!scheduled) {
          scheduled = printComingSlots(clock.instant());
        }
        lastSlot = forgedSince(lastSlot, true);
      } catch (IOException | RuntimeException e) {
        // Not there yet (no running producer), or gone: try again on the next round.
        started = false;
      }
      pause();
    }
  }

  /**
   * Prints the block producer's leader slots of the coming hour from the pool's schedule; false while it is not known
   * (the producer's node still starting, the epoch still being computed).
   */
  boolean printComingSlots(Instant now) {
    LeaderCalendar calendar = schedule.calendar(now);
    if (calendar.isUnknown()) {
      return false;
    }
    if (calendar.knownUntil().equals(Instant.MAX)) {
      return true;
    }
    ChainClock chain = new ChainClock(genesis, clock);
    Instant end = chain.startOfSlot(chain.slotAt(now) + LOOKAHEAD_SLOTS);
    end = end.isAfter(calendar.knownUntil()) ? calendar.knownUntil() : end;
    if (!end.isAfter(now)) {
      return false;
    }
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    for (LeaderCalendar.Slot s : calendar.slots()) {
      if (!s.start().isBefore(now) && s.start().isBefore(end)) {
        slots.add(s);
      }
    }
    StringBuilder line = new StringBuilder("The block producer leads " + slots.size() + " slot(s) in the next "
        + Duration.between(now, end).toMinutes() + " minutes");
    for (LeaderCalendar.Slot s : slots) {
      line.append(line.indexOf(":") < 0 ? ": " : ", ").append(s.slot()).append(" (")
          .append(TIME.format(s.start().atZone(ZoneId.systemDefault()))).append(')');
    }
    println(line + ". The whole epoch: palisade leader-schedule --epoch current");
    return true;
  }

  /** Prints the blocks recorded after {@code after}; returns the last slot recorded. */
  private long forgedSince(long after, boolean print) throws IOException {
    long last = after;
    for (ForgedBlock b : ForgedBlockLog.read(recordOf())) {
      if (b.slot() > after) {
        if (print) {
          println("The block producer forged a block in slot " + b.slot() + " (epoch " + b.epoch() + "): "
              + b.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        last = b.slot();
      }
    }
    return last;
  }

  private Path recordOf() throws IOException {
    return io.palisade.runtime.local.RunningProducer.find(new io.palisade.runtime.local.DataDir(dataDir))
        .map(p -> dataDir.resolve("nodes").resolve(p.node()).resolve("db").resolve(ForgedBlockLog.FILE_NAME))
        .orElseThrow(() -> new IOException("no running block producer"));
  }

  private void println(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** The feed's poll: it watches files every few seconds; nothing waits on it. */
  private void pause() {
    try {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
