package io.palisade.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.FakePoolGateway;
import io.palisade.testing.MutableClock;
import io.palisade.console.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit log's durability promises beyond the engine: the head recorded beside the database catches a database
 * that went back (the console refuses to start, loudly; verify says where), a reader beside a running console sees a
 * consistent, verifying snapshot while entries are appended, and every file the console keeps is owner-only.
 */
class AuditDurabilityTest {
  private final MutableClock clock = new MutableClock();

  private RunningConsole start(Path data) {
    return PalisadeConsole.start(ConsoleSettings.defaults(data).withPort(0),
        new FakePoolGateway(clock, data.resolve("nodes")), clock, clock::nanos, Optional.empty());
  }

  @Test
  void aDatabaseBehindItsRecordedHeadIsRefusedAtStartAndByVerify() throws Exception {
    Path data = Files.createTempDirectory("console-rollback").resolve("data");
    Path backup = Files.createTempDirectory("console-rollback-backup");
    try (RunningConsole c = start(data)) {
      c.services().audit().append(AuditRecord.of("alice", "action.cancelled", "a-1", "cancelled"));
    }
    // A copy of the stopped console's database (the WAL is checkpointed at a clean stop), restored later: a rollback.
    Files.copy(data.resolve(ConsoleDatabase.SQLITE_FILE), backup.resolve(ConsoleDatabase.SQLITE_FILE));
    long headBefore;
    try (RunningConsole c = start(data)) {
      c.services().audit().append(AuditRecord.of("alice", "action.cancelled", "a-2", "cancelled after the backup"));
      headBefore = c.services().audit().head().seq();
    }
    Files.copy(backup.resolve(ConsoleDatabase.SQLITE_FILE), data.resolve(ConsoleDatabase.SQLITE_FILE),
        StandardCopyOption.REPLACE_EXISTING);
    byte[] restored = Files.readAllBytes(data.resolve(ConsoleDatabase.SQLITE_FILE));

    assertThatThrownBy(() -> start(data)).hasMessageContaining("REFUSING TO START")
        .hasMessageContaining("was committed").hasMessageContaining("rolled back");
    assertThat(data.resolve(ConsoleDatabase.SQLITE_FILE)).as("the refusal wrote nothing").hasBinaryContent(restored);

    Optional<AuditCheckpoint> recorded = AuditHeadFile.in(data, clock).read();
    assertThat(recorded.orElseThrow().seq()).as("the clean stop's own entry too").isEqualTo(headBefore + 1);
    try (ConsoleDatabase db = ConsoleDatabase.openReadOnly(ConsoleDatabase.sqliteUrl(data))) {
      AuditVerification v = new AuditVerifier(db).verify(Optional.empty(), recorded);
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBreak().orElseThrow().reason()).contains("rolled back");
      // Without the recorded head, the older chain is internally consistent: that is why the file exists.
      assertThat(new AuditVerifier(db).verify(Optional.empty()).intact()).isTrue();
    }
    assertThat(data.resolve(ConsoleDatabase.SQLITE_FILE)).as("verifying wrote nothing").hasBinaryContent(restored);
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aReaderBesideARunningConsoleVerifiesWhileEntriesAreAppended(Databases.Kind kind) throws Exception {
    Path data = Files.createTempDirectory("console-live").resolve("data");
    String url = kind == Databases.Kind.POSTGRESQL ? TestPostgres.get().newDatabase() : null;
    ConsoleSettings settings = ConsoleSettings.defaults(data).withPort(0);
    if (url != null) {
      settings = settings.withJdbcUrl(url);
    }
    try (RunningConsole c = PalisadeConsole.start(settings, new FakePoolGateway(clock, data.resolve("nodes")), clock,
        clock::nanos, Optional.empty())) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong appended = new AtomicLong();
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          c.services().audit().append(AuditRecord.of("alice", "shell.input", "relay-eu-0", "ls -la"));
          appended.incrementAndGet();
        }
      });
      writer.start();
      List<AuditVerification> seen = new ArrayList<>();
      try (ConsoleDatabase reader = ConsoleDatabase.openReadOnly(url != null ? url : ConsoleDatabase.sqliteUrl(data))) {
        AuditHeadFile headFile = AuditHeadFile.in(data, clock);
        while (seen.size() < 15 || appended.get() < 100) {
          Optional<AuditCheckpoint> recorded = headFile.read(); // before the snapshot, as audit-log verify does
          seen.add(new AuditVerifier(reader).verify(Optional.empty(), recorded));
        }
      } finally {
        stop.set(true);
        writer.join();
      }
      assertThat(seen).allSatisfy(v -> assertThat(v.intact()).as(v.toString()).isTrue());
      assertThat(seen.get(seen.size() - 1).entries()).isGreaterThan(seen.get(0).entries());
    }
  }

  @Test
  void everyFileTheConsoleKeepsIsOwnerOnlyInAnOpenDirectory() throws Exception {
    Path data = Files.createTempDirectory("console-perms");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (RunningConsole c = start(data)) {
      c.services().audit().append(AuditRecord.of("alice", "test.event", "", ""));
      List<Path> files;
      try (var list = Files.list(data)) {
        files = list.filter(Files::isRegularFile).toList();
      }
      assertThat(files).extracting(p -> p.getFileName().toString())
          .contains(ConsoleDatabase.SQLITE_FILE, ConsoleDatabase.SQLITE_FILE + "-wal", "console.key", AuditHeadFile.FILE);
      for (Path f : files) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
            .isEqualTo("rw-------");
      }
    }
  }
}
