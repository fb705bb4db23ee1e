package io.palisade.simnode;

import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The simulated chain database: the slot of the last tip, so a restarted node resumes from where it stopped (and a
 * node that was down for long has to catch up), plus {@code protocolMagicId} as cardano-node writes it, so a
 * database cannot be reused for another network.
 */
final class TipStore {
  private final Path dir;

  TipStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the database directory if needed and checks it belongs to {@code magic}.
   *
   * @throws IllegalStateException if the database is another network's
   */
  void open(long magic) throws IOException {
    Files.createDirectories(dir);
    Path id = dir.resolve("protocolMagicId");
    if (Files.exists(id)) {
      String found = Files.readString(id, StandardCharsets.US_ASCII).trim();
      if (!found.equals(Long.toString(magic))) {
        throw new IllegalStateException("database " + dir + " belongs to network magic " + found + ", not " + magic);
      }
    } else {
      write(id, Long.toString(magic));
    }
  }

  /** The last saved tip slot, if any. */
  OptionalLong lastTip() {
    try {
      String text = Files.readString(dir.resolve("simnode-tip"), StandardCharsets.US_ASCII).trim();
      return OptionalLong.of(Long.parseLong(text));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      // A torn or foreign file: start as a node with an empty ledger snapshot would, from an older point.
      return OptionalLong.empty();
    }
  }

  /** Saves the tip slot atomically. */
  void saveTip(long slot) throws IOException {
    write(dir.resolve("simnode-tip"), Long.toString(slot));
  }

  private void write(Path file, String text) throws IOException {
    AtomicFile.write(file, (text + "\n").getBytes(StandardCharsets.US_ASCII), false);
  }
}
