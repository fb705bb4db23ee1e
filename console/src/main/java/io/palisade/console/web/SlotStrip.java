package io.palisade.console.web;

import io.palisade.gateway.LeaderSlot;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.SlotOutcome;
import io.palisade.gateway.WaitingAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's leader slots (pure, formatted once here): the current epoch's slots as cells coloured by verdict,
 * a one-line count, the next leader slot as a countdown, and the actions waiting for a free window.
 *
 * @param known whether the gateway reports the epoch's slots
 * @param unknownWhy why not, when not known
 * @param summary one line: the epoch, how many slots, how many of each verdict
 * @param cells one per slot, ascending
 * @param nextAt the next leader slot's start, empty when none is known
 * @param nextSeconds seconds until it, -1 when none is known
 * @param nextIn the same in words ({@code 9 min 12 s}), empty when none is known
 * @param waiting the actions waiting for a free window
 * @param needsOperator whether a wait is beyond the runtime's limit
 */
record SlotStrip(boolean known, String unknownWhy, String summary, List<Cell> cells, String nextAt, long nextSeconds,
    String nextIn, List<Waiting> waiting, boolean needsOperator) {

  /**
   * One slot.
   *
   * @param slot the absolute slot
   * @param outcome the verdict's name ({@code ADOPTED}, {@code PENDING}, ...)
   * @param cssClass the colour class ({@code slot-ok}, {@code slot-missed}, ...)
   * @param title slot, time, verdict and why, in one line (the cell's tooltip)
   */
  record Cell(long slot, String outcome, String cssClass, String title) {}

  /**
   * One action waiting for a window.
   *
   * @param description the runtime's words
   * @param opensAt when the window opens, empty when not known
   * @param opensInSeconds seconds until then, -1 when not known
   * @param opensIn the same in words, empty when not known
   */
  record Waiting(String description, String opensAt, long opensInSeconds, String opensIn) {}

  static SlotStrip of(LeaderSlots s, Instant now) {
    List<Cell> cells = new ArrayList<>();
    for (LeaderSlot l : s.slots()) {
      String time = l.at().map(Formats::instant).orElse("time unknown");
      cells.add(new Cell(l.slot(), l.outcome().name(), "slot-" + l.outcome().group(), "slot " + l.slot() + ", "
          + time + ": " + l.outcome().words() + (l.why().isEmpty() ? "" : " (" + l.why() + ")")));
    }
    List<Waiting> waiting = s.waiting().stream().map(w -> waiting(w, now)).toList();
    long next = s.nextLeaderSlot().map(t -> Math.max(0, Duration.between(now, t).toSeconds())).orElse(-1L);
    return new SlotStrip(s.known(), s.unknownWhy(), summary(s), cells,
        s.nextLeaderSlot().map(Formats::instant).orElse(""), next, next < 0 ? "" : Formats.duration(
            Duration.ofSeconds(next)), waiting, s.needsOperator());
  }

  private static Waiting waiting(WaitingAction w, Instant now) {
    long in = w.windowOpensAt().map(t -> Math.max(0, Duration.between(now, t).toSeconds())).orElse(-1L);
    return new Waiting(w.description(), w.windowOpensAt().map(Formats::instant).orElse(""), in,
        in < 0 ? "" : Formats.duration(Duration.ofSeconds(in)));
  }

  /** {@code epoch 612: 7 leader slots, 5 adopted, 1 missed: node down, 1 to come}, as {@code palisade slots} words. */
  static String summary(LeaderSlots s) {
    if (!s.known()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    s.epoch().ifPresent(e -> b.append("epoch ").append(e).append(": "));
    b.append(s.slots().size()).append(s.slots().size() == 1 ? " leader slot" : " leader slots");
    if (!s.scheduleKnown()) {
      b.append(" known so far (the whole schedule is not read yet)");
    }
    for (SlotOutcome o : SlotOutcome.values()) {
      long n = s.count(o);
      if (n > 0) {
        b.append(", ").append(n).append(' ').append(o.words());
      }
    }
    return b.toString();
  }
}
