package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile files a user might name: a device that never ends, a FIFO nobody writes, a directory, an oversized file. */
class BoundedFileTest {
  @TempDir Path dir;

  @Test
  void readsARegularFileUpToItsCap() throws IOException {
    Path f = Files.write(dir.resolve("f"), new byte[100]);
    assertThat(BoundedFile.read(f, 100)).hasSize(100);
    assertThatThrownBy(() -> BoundedFile.read(f, 99)).hasMessageContaining("too large (more than 99 bytes)");
    assertThatThrownBy(() -> BoundedFile.read(dir.resolve("missing"), 10)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> BoundedFile.read(dir, 10)).hasMessageContaining("is a directory");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void devZeroAndAFifoAreRefusedWithoutReading() throws Exception {
    assertThatThrownBy(() -> BoundedFile.read(Path.of("/dev/zero"), 1 << 20))
        .hasMessageContaining("not a regular file");
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> BoundedFile.read(fifo, 1 << 20)).hasMessageContaining("not a regular file");
  }

  @Test
  void readNoLinks_readsAFile_butNeverALink_evenToARegularFile() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), "not for the reader");
    Path f = Files.writeString(dir.resolve("epoch-1.json"), "{}");
    assertThat(BoundedFile.readNoLinks(f, 10)).hasSize(2);
    Path link = Files.createSymbolicLink(dir.resolve("epoch-2.json"), secret);
    assertThatThrownBy(() -> BoundedFile.readNoLinks(link, 100)).hasMessageContaining("is a symbolic link");
    Path dangling = Files.createSymbolicLink(dir.resolve("epoch-3.json"), dir.resolve("gone"));
    assertThatThrownBy(() -> BoundedFile.readNoLinks(dangling, 100)).hasMessageContaining("is a symbolic link");
    assertThat(BoundedFile.read(link, 100)).as("the plain read follows a link a user named").hasSize(18);
  }
}
