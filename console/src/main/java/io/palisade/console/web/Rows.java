package io.palisade.console.web;

import io.palisade.console.audit.AuditEntry;
import io.palisade.console.delay.DelayedAction;
import io.palisade.gateway.PoolEvent;
import java.time.Duration;
import java.time.Instant;

/** What the pages show, formatted once here (templates only print). */
final class Rows {
  private Rows() {}

  record ActionRow(String id, String description, String requestedBy, String requestedAt, String dueAt,
      String remaining, long remainingSeconds, String state, String stateBy, String outcome, String hash,
      boolean cancellable) {
    static ActionRow of(DelayedAction a, Instant now) {
      Duration left = a.remaining(now);
      return new ActionRow(a.id(), a.describe(), a.requestedBy(), Formats.instant(a.requestedAt()),
          Formats.instant(a.dueAt()), Formats.duration(left), Math.max(0, left.toSeconds()), a.state().name(),
          a.stateBy(), a.outcome(), a.actionHash(), a.state() == io.palisade.console.delay.ActionState.PENDING);
    }
  }

  record AuditRow(long seq, String at, String actor, String kind, String subject, String detail, String hash) {
    static AuditRow of(AuditEntry e) {
      String d = e.detail().length() > 300 ? e.detail().substring(0, 300) + "..." : e.detail();
      return new AuditRow(e.seq(), Formats.instant(e.at()), e.actor(), e.kind(), e.subject(), d,
          e.hash().substring(0, 16));
    }
  }

  record EventRow(String at, String node, String kind, String message) {
    static EventRow of(PoolEvent e) {
      return new EventRow(Formats.instant(e.at()), e.node(), e.kind(), e.message());
    }
  }
}
