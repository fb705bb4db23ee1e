package io.palisade.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.FakePoolGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: {@code palisade audit-log verify} against the live database of a running console (it failed with "in use
 * by another process"), while the console appends, with no window where an entry is unverified or lost: each run
 * verifies one snapshot, later entries chain onto it, and a checkpoint exported mid-run is contained later.
 */
class AuditLogLiveTest {
  @TempDir Path dir;

  @Test
  void verifyAndCheckpointRunBesideARunningConsole() throws Exception {
    Path data = dir.resolve("data");
    Clock clock = Clock.systemUTC();
    try (RunningConsole console = PalisadeConsole.start(ConsoleSettings.defaults(data).withPort(0),
        new FakePoolGateway(clock, dir.resolve("nodes")), clock)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong appended = new AtomicLong();
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          console.services().audit().append(AuditRecord.of("alice", "shell.input", "relay-eu-0", "ls"));
          appended.incrementAndGet();
        }
      });
      writer.start();
      try {
        byte[] before = Files.readAllBytes(data.resolve(ConsoleDatabase.SQLITE_FILE));
        Path checkpoint = dir.resolve("cp.json");
        CliRun cp = CliRun.run("audit-log", "checkpoint", "--data-dir", data.toString(), "--out", checkpoint.toString());
        assertThat(cp.code()).as(cp.err()).isEqualTo(ExitCodes.OK);
        for (int i = 0; i < 5; i++) {
          CliRun r = CliRun.run("audit-log", "verify", "--data-dir", data.toString(), "--checkpoint",
              checkpoint.toString());
          assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
          assertThat(r.out()).startsWith("audit log intact: ").contains("contains checkpoint");
        }
        assertThat(appended.get()).as("the console kept appending meanwhile").isPositive();
        assertThat(before).isNotNull();
      } finally {
        stop.set(true);
        writer.join();
      }
    }
    CliRun after = CliRun.run("audit-log", "verify", "--data-dir", data.toString());
    assertThat(after.code()).as(after.out() + after.err()).isEqualTo(ExitCodes.OK);
  }
}
