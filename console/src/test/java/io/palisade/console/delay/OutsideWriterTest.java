package io.palisade.console.delay;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.audit.AuditHash;
import io.palisade.console.audit.AuditHead;
import io.palisade.console.audit.AuditKey;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditVerification;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import io.palisade.gateway.PoolAction;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The insider attack of issue 16: whoever can write the database (with PostgreSQL, anyone holding its role) appends
 * an {@code action.queued} entry dated eight days ago, with correct SHA-256 links, and the matching queue row. Before
 * the witness key it ran at the next tick and the log verified. Now the runner refuses it (no witness under
 * {@code audit.key}) and the verifier names the entry, and PostgreSQL refuses TRUNCATE like UPDATE and DELETE.
 */
class OutsideWriterTest {
  private static final ConsoleAction REMOVE_RELAY = new ConsoleAction.OnPool(new PoolAction.RemoveRelay("relay-eu-0"));

  /** What a database role can do: compute every hash, write every row; it has no audit.key. */
  private static String backdate(Domain d, String mac, String witness) {
    long requested = d.clock.instant().minus(Duration.ofDays(8)).toEpochMilli();
    long notBefore = requested + DelayPolicy.FLOOR.toMillis();
    long expires = notBefore + Domain.GRACE.toMillis();
    String id = UUID.randomUUID().toString();
    String payload = CanonicalPayload.encode(REMOVE_RELAY);
    String hash = ActionHash.of(id, payload, "alice", requested, notBefore, expires);
    d.db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO delayed_action (id, kind, payload, action_hash,"
          + " requested_by, requested_at, not_before, expires_at, hold_extension_ms, state, state_at, state_by,"
          + " witness) VALUES (?, 'remove-relay', ?, ?, 'alice', ?, ?, ?, 0, 'PENDING', ?, 'alice', ?)")) {
        ps.setString(1, id);
        ps.setString(2, payload);
        ps.setString(3, hash);
        ps.setLong(4, requested);
        ps.setLong(5, notBefore);
        ps.setLong(6, expires);
        ps.setLong(7, requested);
        ps.setString(8, witness);
        ps.executeUpdate();
      }
      AuditHead head = AuditLog.readHead(c);
      long seq = head.seq() + 1;
      String detail = REMOVE_RELAY.describe() + "; hash " + hash + "; payload " + payload;
      String entryHash = AuditHash.of(seq, requested, "alice", "action.queued", id, detail, head.hash());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (seq, at_ms, actor, kind, subject,"
          + " detail, prev_hash, hash, mac) VALUES (?, ?, 'alice', 'action.queued', ?, ?, ?, ?, ?)")) {
        ps.setLong(1, seq);
        ps.setLong(2, requested);
        ps.setString(3, id);
        ps.setString(4, detail);
        ps.setString(5, head.hash());
        ps.setString(6, entryHash);
        ps.setString(7, mac);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
        ps.setLong(1, seq);
        ps.setString(2, entryHash);
        ps.executeUpdate();
      }
      return null;
    });
    return id;
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aBackdatedQueuedActionWrittenFromOutsideNeverRunsAndDoesNotVerify(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      d.audit.append(AuditRecord.of("console", "console.started", "", "witnessed"));
      String id = backdate(d, null, null);

      assertThat(d.runner.tick()).containsExactly(id + " refused");
      assertThat(d.gateway.executed()).as("nothing ran").isEmpty();
      assertThat(d.queue.find(id).orElseThrow().state()).isEqualTo(ActionState.REFUSED);
      assertThat(d.audit.find("action.refused", id).get(0).detail()).contains("did not witness its queuing");

      AuditVerification v = d.verifier.verify(Optional.empty());
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBreak().orElseThrow().reason()).contains("carries no witness MAC");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aForgedOrCopiedMacIsNamedAndABackdatedTimeIsCaughtEvenWithoutTheKey(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      d.audit.append(AuditRecord.of("console", "console.started", "", "witnessed"));
      String copied = d.audit.recent(1).get(0).mac();
      String id = backdate(d, copied, copied);

      assertThat(d.runner.tick()).containsExactly(id + " refused");
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.verifier.verify(Optional.empty()).firstBreak().orElseThrow().reason())
          .contains("has a witness MAC that " + AuditKey.FILE + " did not make");
      // A verifier on another host, without audit.key: the eight-day-old date after today's entries gives it away.
      assertThat(new io.palisade.console.audit.AuditVerifier(d.db).verify(Optional.empty()).firstBreak()
          .orElseThrow().reason()).contains("times never go backwards");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void theLogRefusesUpdateDeleteAndTruncate(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      d.audit.append(AuditRecord.of("console", "console.started", "", "witnessed"));
      java.util.List<String> statements = new java.util.ArrayList<>(java.util.List.of(
          "UPDATE audit_event SET detail = 'x'", "DELETE FROM audit_event"));
      if (d.db.vendor() == ConsoleDatabase.Vendor.POSTGRESQL) {
        statements.add("TRUNCATE audit_event");
      }
      for (String sql : statements) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.db.transaction(c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
          }
        })).as(sql).hasMessageContaining("append-only");
      }
      assertThat(d.verifier.verify(Optional.empty()).intact()).isTrue();
    }
  }
}
