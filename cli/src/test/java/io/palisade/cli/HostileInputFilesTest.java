package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a user names that never end or never answer: {@code /dev/zero} read until OutOfMemoryError with a stack
 * trace, and a FIFO hung the command. Every reader of user files in spec, keys and the CLI is bounded in one place
 * ({@code io.palisade.spec.BoundedFile}): each is refused at once, exit 2, with a message.
 */
class HostileInputFilesTest {
  @TempDir Path dir;

  private Path fifo() throws Exception {
    Path f = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", f.toString()).start().waitFor()).isZero();
    return f;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void specCheckRefusesADeviceAndAFifo() throws Exception {
    for (String file : new String[] {"/dev/zero", fifo().toString()}) {
      CliRun r = CliRun.run("spec", "check", file);
      assertThat(r.code()).as(file + ": " + r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.out() + r.err()).contains("not a regular file").doesNotContain("OutOfMemoryError", "\tat ");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void verifyOpCertRefusesADeviceAndAFifo() throws Exception {
    Path vkey = Files.writeString(dir.resolve("cold.vkey"), "{}");
    for (String file : new String[] {"/dev/zero", fifo().toString()}) {
      CliRun r = CliRun.run("keys", "verify-op-cert", "--op-cert-file", file, "--cold-verification-key-file",
          vkey.toString());
      assertThat(r.code()).as(file + ": " + r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.err()).contains("not a regular file").doesNotContain("OutOfMemoryError", "\tat ");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void auditLogVerifyRefusesADeviceAsCheckpoint() {
    CliRun r = CliRun.run("audit-log", "verify", "--data-dir", dir.toString(), "--checkpoint", "/dev/zero");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("not a regular file");
  }
}
