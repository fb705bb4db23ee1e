package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.keys.PassphraseFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade up} reads the hot-key bundle's passphrase as every other command does ({@code Secrets}: bounded, the
 * file's first line). It read the whole file into a String, so {@code /dev/zero} ran out of memory and a FIFO hung
 * it. Each bad file is refused at once, exit 2, with a message naming the file and no stack trace.
 */
class UpPassphraseTest {
  @TempDir Path dir;

  private CliRun up(Path passphraseFile) throws Exception {
    Path pool = dir.resolve("pool.yaml");
    Files.writeString(pool, RuntimeEndToEndTest.SPEC + "keys:\n  hotKeyBundle: bundle.json\n");
    Files.writeString(dir.resolve("bundle.json"), "{}");
    return CliRun.run("up", pool.toString(), "--data-dir", dir.resolve("data").toString(), "--any-ports",
        "--no-console", "--hot-key-passphrase-file", passphraseFile.toString());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aDeviceAFifoAndAnOverlongFileAreRefusedAtOnce() throws Exception {
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    for (Path file : new Path[] {Path.of("/dev/zero"), fifo}) {
      CliRun r = up(file);
      assertThat(r.code()).as(file + ": " + r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.err()).contains("not a regular file").doesNotContain("OutOfMemoryError", "\tat ");
    }
    Path overlong = Files.writeString(dir.resolve("overlong"), "x".repeat(PassphraseFile.MAX_BYTES + 1));
    CliRun r = up(overlong);
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains(overlong.toString()).doesNotContain("xxxx", "\tat ");
  }
}
