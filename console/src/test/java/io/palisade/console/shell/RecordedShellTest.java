package io.palisade.console.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.audit.AuditEntry;
import io.palisade.console.audit.AuditWriteException;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import java.security.SecureRandom;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Strict recording: a real /bin/sh whose input and output land in the audit log, refused when recording fails. */
class RecordedShellTest {
  private static void breakAudit(Domain d) {
    d.db.transaction(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE audit_event RENAME TO audit_event_gone");
      }
      return null;
    });
  }

  private static List<AuditEntry> entries(Domain d, String kind) {
    return d.audit.recent(1000).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  @Test
  void recordsInputAndOutputOfARealShell() throws Exception {
    try (Domain d = Domain.on(Databases.open(Databases.Kind.SQLITE))) {
      RecordedShell shell = RecordedShell.open(d.audit, d.gateway, "alice", "relay-eu-0", "127.0.0.1",
          new SecureRandom());
      List<String> seen = new CopyOnWriteArrayList<>();
      Thread pump = new Thread(() -> shell.pumpOutput(seen::add));
      pump.start();
      shell.input("echo out-$((40+2)); echo err-1 >&2; printf 'caf\\303\\251\\n'; pwd; echo $PALISADE_NODE");
      shell.input("exit 3");
      pump.join(10_000);
      String out = String.join("", seen);
      assertThat(out).contains("out-42", "err-1", "café", "/nodes/relay-eu-0", "relay-eu-0");
      assertThat(entries(d, "shell.opened")).singleElement().satisfies(e -> assertThat(e.subject())
          .isEqualTo(shell.subject()).startsWith("relay-eu-0/"));
      assertThat(entries(d, "shell.input")).extracting(AuditEntry::detail)
          .contains("exit 3\n").anySatisfy(i -> assertThat(i).contains("echo out-$((40+2))"));
      List<String> recorded = new java.util.ArrayList<>(entries(d, "shell.output").stream().map(AuditEntry::detail)
          .toList());
      java.util.Collections.reverse(recorded); // recent() is newest first
      assertThat(String.join("", recorded)).isEqualTo(out);
      assertThat(entries(d, "shell.closed")).singleElement()
          .satisfies(e -> assertThat(e.detail()).contains("exited with code 3"));
    }
  }

  @Test
  void theShellIsNotOpenedWhenItsOpeningCannotBeRecorded() {
    try (Domain d = Domain.on(Databases.open(Databases.Kind.SQLITE))) {
      breakAudit(d);
      assertThatThrownBy(() -> RecordedShell.open(d.audit, d.gateway, "alice", "relay-eu-0", "127.0.0.1",
          new SecureRandom())).isInstanceOf(AuditWriteException.class);
      assertThat(d.dir.resolve("nodes/relay-eu-0")).doesNotExist();
    }
  }

  @Test
  void inputThatCannotBeRecordedIsNotSentAndEndsTheSession() throws Exception {
    try (Domain d = Domain.on(Databases.open(Databases.Kind.SQLITE))) {
      RecordedShell shell = RecordedShell.open(d.audit, d.gateway, "alice", "relay-eu-0", "127.0.0.1",
          new SecureRandom());
      Thread pump = new Thread(() -> shell.pumpOutput(s -> {}));
      pump.start();
      breakAudit(d);
      assertThatThrownBy(() -> shell.input("touch made-it")).isInstanceOf(AuditWriteException.class);
      pump.join(10_000);
      assertThat(pump.isAlive()).isFalse();
      assertThat(d.dir.resolve("nodes/relay-eu-0/made-it")).doesNotExist();
      assertThat(shell.closeReason()).contains("recording failed");
      assertThatThrownBy(() -> shell.input("echo again")).hasMessageContaining("closed");
    }
  }
}
