package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one atomic write: whole old or whole new content after a kill -9 at any point, exact modes, no debris. */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void writesAndReplaces_withTheExactMode_leavingNoTemporaryFile() throws IOException {
    Path secret = dir.resolve("sub/dir/secret.json");
    AtomicFile.write(secret, "one".getBytes(StandardCharsets.UTF_8), true);
    AtomicFile.write(secret, "two".getBytes(StandardCharsets.UTF_8), true);
    assertThat(Files.readString(secret)).isEqualTo("two");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    Path pub = dir.resolve("node.vkey");
    AtomicFile.write(pub, new byte[0], false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub))).isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.list(secret.getParent())) {
      assertThat(files).containsExactly(secret);
    }
  }

  @Test
  void createOnce_keepsWhatIsThere_andSaysWhetherItWrote() throws IOException {
    Path key = dir.resolve("keys/audit.key");
    assertThat(AtomicFile.createOnce(key, "first".getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY)).isTrue();
    assertThat(AtomicFile.createOnce(key, "second".getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY))
        .isFalse();
    assertThat(Files.readString(key)).isEqualTo("first");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(key.getParent())) {
      assertThat(files).containsExactly(key);
    }
  }

  @Test
  void aFailedWrite_namesTheFile_andLeavesWhatWasThere() throws IOException {
    Path file = dir.resolve("state.json");
    AtomicFile.write(file, "old".getBytes(StandardCharsets.UTF_8), true);
    // Directory permissions do not stop root: fail where nobody can write, under a regular file.
    Path under = file.resolve("inner.json");
    assertThatThrownBy(() -> AtomicFile.write(under, "new".getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(IOException.class).hasMessageContaining("cannot write " + under);
    Path busy = Files.createDirectories(dir.resolve("busy/child"));
    assertThatThrownBy(() -> AtomicFile.write(busy.getParent(), "new".getBytes(StandardCharsets.UTF_8), true))
        .isInstanceOf(IOException.class).hasMessageContaining("cannot write " + busy.getParent());
    assertThat(Files.readString(file)).isEqualTo("old");
    assertThat(busy).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(file, busy.getParent());
    }
  }

  @Test
  void killedWithSigkillAtRandomPoints_theFileIsAlwaysOneWholeVersion() throws Exception {
    Path file = dir.resolve("state.bin");
    Random random = new Random(7);
    for (int round = 0; round < 4; round++) {
      Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Writer.class.getName(), file.toString())
          .redirectErrorStream(true).start();
      AtomicLong written = new AtomicLong();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(writer.getInputStream(),
            StandardCharsets.US_ASCII))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            written.set(Long.parseLong(line.trim()));
          }
        } catch (IOException | NumberFormatException ignored) {
          // The writer was killed.
        }
      });
      reader.setDaemon(true);
      reader.start();
      long target = 1 + random.nextInt(40);
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= target || !writer.isAlive());
      } finally {
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(written.get()).as("the writer ran (round %d)", round).isGreaterThanOrEqualTo(target);
      byte[] content = Files.readAllBytes(file);
      assertThat(content).as("round %d", round).hasSize(Writer.SIZE);
      byte first = content[0];
      assertThat(content).as("round %d: one version, whole", round).containsOnly(first);
    }
  }

  /** Writes versions of one file as fast as it can, each a megabyte of one byte value; prints each count. */
  static final class Writer {
    static final int SIZE = 1 << 20;

    public static void main(String[] args) throws IOException {
      Path file = Path.of(args[0]);
      for (long i = 1; ; i++) {
        byte[] content = new byte[SIZE];
        Arrays.fill(content, (byte) i);
        AtomicFile.write(file, content, true);
        System.out.println(i);
        System.out.flush();
      }
    }
  }
}
