package io.palisade.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade audit-log verify|checkpoint} on a console database: exit codes, output, hostile input. */
class AuditLogCommandTest {
  @TempDir Path dir;

  private void writeLog(int entries) {
    try (ConsoleDatabase db = ConsoleDatabase.open(dir, java.util.Optional.empty())) {
      AuditLog log = new AuditLog(db, Clock.systemUTC());
      for (int i = 0; i < entries; i++) {
        log.append(AuditRecord.of("alice", "test.event", "n" + i, "entry " + i));
      }
    }
  }

  private void tamper(String sql) {
    try (ConsoleDatabase db = ConsoleDatabase.open(dir, java.util.Optional.empty())) {
      db.transaction(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TRIGGER IF EXISTS audit_event_no_update");
          s.execute("DROP TRIGGER IF EXISTS audit_event_no_delete");
          return s.executeUpdate(sql);
        }
      });
    }
  }

  @Test
  void verifiesAnIntactLog() {
    writeLog(12);
    CliRun r = CliRun.run("audit-log", "verify", "--data-dir", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).startsWith("audit log intact: 12 entries, head #12 ");

    CliRun json = CliRun.run("audit-log", "verify", "--data-dir", dir.toString(), "--json");
    assertThat(json.out()).contains("\"intact\" : true", "\"entries\" : 12", "\"headSeq\" : 12");
  }

  @Test
  void namesTheFirstBrokenEntry() {
    writeLog(12);
    tamper("UPDATE audit_event SET detail = 'nothing to see' WHERE seq = 7");
    CliRun r = CliRun.run("audit-log", "verify", "--data-dir", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(r.out()).contains("audit log BROKEN at entry #7: entry #7 (test.event by alice", "was changed",
        "(6 entries before it are sound)");
    CliRun json = CliRun.run("audit-log", "verify", "--data-dir", dir.toString(), "--json");
    assertThat(json.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(json.out()).contains("\"intact\" : false", "\"firstBrokenEntry\" : 7");
    CliRun cp = CliRun.run("audit-log", "checkpoint", "--data-dir", dir.toString());
    assertThat(cp.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(cp.err()).contains("no checkpoint: the audit log is broken at entry #7");
  }

  @Test
  void aCheckpointIsExportedAndCheckedLater() throws Exception {
    writeLog(5);
    Path file = dir.resolve("cp.json");
    CliRun out = CliRun.run("audit-log", "checkpoint", "--data-dir", dir.toString(), "--out", file.toString());
    assertThat(out.code()).as(out.err()).isZero();
    assertThat(Files.readString(file)).startsWith("{\"format\":\"palisade-audit-checkpoint-v1\",\"seq\":5,");
    CliRun printed = CliRun.run("audit-log", "checkpoint", "--data-dir", dir.toString());
    assertThat(printed.out()).contains("\"seq\":5");

    writeLog(3);
    CliRun ok = CliRun.run("audit-log", "verify", "--data-dir", dir.toString(), "--checkpoint", file.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).contains("contains checkpoint #5");

    tamper("DELETE FROM audit_event WHERE seq > 3");
    tamper("UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_event WHERE seq = 3)");
    CliRun cut = CliRun.run("audit-log", "verify", "--data-dir", dir.toString(), "--checkpoint", file.toString());
    assertThat(cut.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(cut.out()).contains("BROKEN at entry #4", "checkpoint records entry #5", "entries were removed");
  }

  @Test
  void badInputIsRefusedClearly() throws Exception {
    CliRun missing = CliRun.run("audit-log", "verify", "--data-dir", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.err()).contains("no console database in");
    writeLog(1);
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\":\"other\"}");
    CliRun badCp = CliRun.run("audit-log", "verify", "--data-dir", dir.toString(), "--checkpoint", bad.toString());
    assertThat(badCp.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(badCp.err()).contains("format must be");
    Path big = Files.write(dir.resolve("big.json"), new byte[10_000]);
    assertThat(CliRun.run("audit-log", "verify", "--data-dir", dir.toString(), "--checkpoint", big.toString()).err())
        .contains("too large");
    CliRun url = CliRun.run("audit-log", "verify", "--jdbc-url", "jdbc:mysql://x/y");
    assertThat(url.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(url.err()).contains("supports PostgreSQL");
  }

  @Test
  void consoleRefusesSettingsBelowTheFloor() {
    CliRun r = CliRun.run("console", "--data-dir", dir.toString(), "--destructive-delay", "1d");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("at least 7 days");
    CliRun bind = CliRun.run("console", "--data-dir", dir.toString(), "--bind", "0.0.0.0");
    assertThat(bind.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(bind.err()).contains("SSH tunnel");
  }
}
