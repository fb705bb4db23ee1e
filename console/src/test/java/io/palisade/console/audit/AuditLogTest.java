package io.palisade.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hash-chained audit log on H2 and on a real PostgreSQL: appends chain without gaps (also concurrently), the
 * table refuses changes, and the verifier names the first entry of each kind of tampering (edited, deleted in the
 * middle, tail removed, rewritten with recomputed hashes and caught by a checkpoint).
 */
class AuditLogTest {
  private static void fill(Domain d, int n) {
    for (int i = 1; i <= n; i++) {
      d.audit.append(AuditRecord.of(i % 2 == 0 ? "alice" : "bob", "test.event", "node-" + i,
          "entry " + i + (i == 7 ? " with NUL \0 and unicode ✓ and a very long tail " + "x".repeat(20_000) : "")));
    }
  }

  private static void dropAppendOnly(ConsoleDatabase db) {
    db.transaction(c -> {
      try (Statement s = c.createStatement()) {
        if (db.vendor() == ConsoleDatabase.Vendor.POSTGRESQL) {
          s.execute("DROP TRIGGER audit_event_append_only ON audit_event");
        } else {
          s.execute("DROP TRIGGER audit_event_no_update");
          s.execute("DROP TRIGGER audit_event_no_delete");
        }
      }
      return null;
    });
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void appendsAChainThatVerifies(Databases.Kind kind) throws Exception {
    try (Domain d = Domain.on(Databases.open(kind))) {
      long before = d.audit.head().seq();
      fill(d, 30);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      for (int i = 0; i < 40; i++) {
        int n = i;
        pool.submit(() -> d.audit.append(AuditRecord.of("carol", "test.concurrent", "", "c" + n)));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      AuditVerification v = d.verifier.verify(Optional.empty());
      assertThat(v.intact()).as(v.toString()).isTrue();
      assertThat(v.entries()).isEqualTo(before + 70);
      assertThat(v.head().seq()).isEqualTo(before + 70);
      AuditEntry seventh = d.audit.find("test.event", "node-7").get(0);
      assertThat(seventh.detail()).contains("NUL \uFFFD and unicode ✓").contains("...[cut ").hasSize(AuditLog.MAX_DETAIL);
      assertThat(seventh.computedHash()).isEqualTo(seventh.hash());
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void theTableRefusesUpdatesAndDeletes(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      fill(d, 3);
      assertThatThrownBy(() -> d.db.transaction(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("UPDATE audit_event SET detail = 'rewritten' WHERE seq = 2");
        }
      })).hasMessageContaining("append-only");
      assertThatThrownBy(() -> d.db.transaction(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("DELETE FROM audit_event WHERE seq = 3");
        }
      })).hasMessageContaining("append-only");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void namesTheFirstEditedEntry(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      fill(d, 20);
      long target = d.audit.find("test.event", "node-12").get(0).seq();
      dropAppendOnly(d.db);
      d.db.transaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET actor = 'mallory' WHERE seq = ?")) {
          ps.setLong(1, target);
          return ps.executeUpdate();
        }
      });
      AuditVerification v = d.verifier.verify(Optional.empty());
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(target);
        assertThat(b.reason()).contains("entry #" + target, "was changed");
      });
      assertThat(v.entries()).isEqualTo(target - 1);
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void namesAnEntryDeletedFromTheMiddle(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      fill(d, 20);
      long target = d.audit.find("test.event", "node-5").get(0).seq();
      dropAppendOnly(d.db);
      d.db.transaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_event WHERE seq = ?")) {
          ps.setLong(1, target);
          return ps.executeUpdate();
        }
      });
      AuditVerification v = d.verifier.verify(Optional.empty());
      assertThat(v.firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(target);
        assertThat(b.reason()).contains("entry #" + target + " is missing");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void detectsARemovedTail(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      fill(d, 10);
      long head = d.audit.head().seq();
      dropAppendOnly(d.db);
      d.db.transaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_event WHERE seq > ?")) {
          ps.setLong(1, head - 3);
          return ps.executeUpdate();
        }
      });
      AuditVerification v = d.verifier.verify(Optional.empty());
      assertThat(v.firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(head - 2);
        assertThat(b.reason()).contains("were removed");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aCheckpointCatchesARewriteWithRecomputedHashes(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      fill(d, 10);
      AuditHead at = d.audit.head();
      AuditCheckpoint checkpoint = new AuditCheckpoint(at.seq(), at.hash(), Instant.now());
      fill(d, 5);
      assertThat(d.verifier.verify(Optional.of(checkpoint)).checkpointMatched()).isTrue();

      // An attacker with the database rewrites entry 3 and recomputes every hash after it, and the head.
      dropAppendOnly(d.db);
      d.db.transaction(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("UPDATE audit_event SET detail = 'nothing happened' WHERE seq = 3");
        }
        String prev = AuditHash.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT " + AuditLog.COLUMNS + " FROM audit_event ORDER BY seq");
            var rs = ps.executeQuery()) {
          java.util.List<AuditEntry> all = new java.util.ArrayList<>();
          while (rs.next()) {
            all.add(AuditLog.read(rs));
          }
          for (AuditEntry e : all) {
            String h = AuditHash.of(e.seq(), e.at().toEpochMilli(), e.actor(), e.kind(), e.subject(), e.detail(), prev);
            try (PreparedStatement u = c.prepareStatement("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE seq = ?")) {
              u.setString(1, prev);
              u.setString(2, h);
              u.setLong(3, e.seq());
              u.executeUpdate();
            }
            prev = h;
          }
          try (PreparedStatement u = c.prepareStatement("UPDATE audit_head SET hash = ? WHERE id = 1")) {
            u.setString(1, prev);
            u.executeUpdate();
          }
        }
        return null;
      });
      // With the console's witness key, the rewritten entry's MAC gives it away at once.
      assertThat(d.verifier.verify(Optional.empty()).firstBreak().orElseThrow().reason())
          .contains("entry #3", "did not make");
      // A verifier without the key (another host, a PostgreSQL copy): self-consistent; the checkpoint catches it.
      AuditVerifier keyless = new AuditVerifier(d.db);
      assertThat(keyless.verify(Optional.empty()).intact()).as("self-consistent without a checkpoint").isTrue();
      AuditVerification v = keyless.verify(Optional.of(checkpoint));
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(at.seq());
        assertThat(b.reason()).contains("does not match the checkpoint");
      });
    }
  }
}
