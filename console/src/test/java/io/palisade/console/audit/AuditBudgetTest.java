package io.palisade.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import io.palisade.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Entries anyone can trigger without signing in (refused requests, refused shell handshakes, anonymous passkey
 * assertions) are written at most {@code perMinute} a minute per kind; the rest are counted, and the next entry
 * written says how many were left out, so a flood neither grows the log at its own pace nor goes unrecorded.
 */
class AuditBudgetTest {
  @Test
  void aFloodIsBoundedAndCounted() {
    MutableClock clock = MutableClock.stoppedAt(Instant.parse("2026-12-01T12:00:00Z"));
    try (Domain d = Domain.on(Databases.open(Databases.Kind.SQLITE), clock)) {
      AuditBudget budget = new AuditBudget(d.audit, clock, 5);
      long before = d.audit.head().seq();
      int written = 0;
      for (int i = 0; i < 50; i++) {
        written += budget.append(AuditRecord.of("anonymous", "request.forbidden", "/login", "refused " + i)) ? 1 : 0;
        budget.append(AuditRecord.of("anonymous", "shell.refused", "", "other kind " + i));
      }
      assertThat(written).isEqualTo(5);
      assertThat(d.audit.head().seq() - before).as("two kinds, five each").isEqualTo(10);

      clock.advance(Duration.ofSeconds(59));
      assertThat(budget.append(AuditRecord.of("anonymous", "request.forbidden", "/login", "still the same minute")))
          .isFalse();
      clock.advance(Duration.ofSeconds(1));
      assertThat(budget.append(AuditRecord.of("anonymous", "request.forbidden", "/login", "next minute"))).isTrue();
      assertThat(d.audit.find("request.forbidden", "/login")).last().satisfies(e ->
          assertThat(e.detail()).isEqualTo("next minute (and 46 more like it, left out of the log by its rate limit)"));
      assertThat(d.verifier.verify(Optional.empty()).intact()).isTrue();
    }
  }
}
