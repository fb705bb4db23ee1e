package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged state file is named with what to do about it, whatever the damage; an absent one is no state yet. */
class DataDirReadTest {
  @TempDir Path root;

  @Test
  void absentFile_isEmpty() throws Exception {
    DataDir dir = new DataDir(root);
    assertThat(dir.read(root.resolve("absent.json"), Map.class)).isEmpty();
  }

  @Test
  void damagedFile_isNamedWithTheWayOut() throws Exception {
    DataDir dir = new DataDir(root);
    Path file = root.resolve("pool.json");
    Files.writeString(file, "{\"name\": ");
    assertThatThrownBy(() -> dir.read(file, Map.class)).isInstanceOf(IOException.class)
        .hasMessageContaining(file + " is damaged").hasMessageContaining("move it away");
  }

  @Test
  void bytesJacksonTakesForAnUnsupportedUcs4Order_areDamageToo() throws Exception {
    // 00 00 FF FE: Jackson's encoding guess throws a CharConversionException, which is no JacksonException.
    DataDir dir = new DataDir(root);
    Path file = root.resolve("pool.json");
    Files.write(file, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'});
    assertThatThrownBy(() -> dir.read(file, Map.class)).isInstanceOf(IOException.class)
        .hasMessageContaining(file + " is damaged").hasMessageContaining("move it away");
  }
}
