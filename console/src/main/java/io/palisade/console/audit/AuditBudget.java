package io.palisade.console.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A budget for audit entries that anyone can trigger without signing in (refused requests, refused WebSocket
 * handshakes, anonymous passkey assertions): at most {@code perMinute} entries of a kind per minute; the rest are
 * counted and the next entry says how many were left out. A client hammering the console cannot grow the log (or the
 * disk) at its own pace, and the log still says it happened.
 */
public final class AuditBudget {
  private final AuditLog audit;
  private final Clock clock;
  private final int perMinute;
  private final Map<String, Window> windows = new HashMap<>();

  private static final class Window {
    long startMs;
    int written;
    long skipped;
  }

  /**
   * @param audit the audit log
   * @param clock the console's clock
   * @param perMinute entries of one kind written per minute at most
   */
  public AuditBudget(AuditLog audit, Clock clock, int perMinute) {
    this.audit = audit;
    this.clock = clock;
    this.perMinute = perMinute;
  }

  /**
   * Appends the entry if the kind's budget allows, else counts it.
   *
   * @param record the entry
   * @return whether it was written
   * @throws AuditWriteException when it was due and could not be written
   */
  public boolean append(AuditRecord record) {
    long skipped;
    synchronized (windows) {
      long now = clock.millis();
      Window w = windows.computeIfAbsent(record.kind(), k -> new Window());
      if (now - w.startMs >= 60_000 || now < w.startMs) {
        w.startMs = now;
        w.written = 0;
      }
      if (w.written >= perMinute) {
        w.skipped++;
        return false;
      }
      w.written++;
      skipped = w.skipped;
      w.skipped = 0;
    }
    audit.append(skipped == 0 ? record : new AuditRecord(record.actor(), record.kind(), record.subject(),
        record.detail() + " (and " + skipped + " more like it, left out of the log by its rate limit)"));
    return true;
  }
}
