package io.palisade.keys.vault;

import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Overwrites a plaintext key file with random bytes, syncs, then deletes it. On journaling or copy-on-write file
 * systems and on SSDs old blocks may survive an overwrite: this lowers the risk, it does not remove it. The docs say
 * so; the real protection is never to write the plaintext in the first place.
 */
public final class Shredder {
  private Shredder() {}

  /** Shreds {@code file}: random overwrite, fsync, zero overwrite, fsync, delete, fsync the directory. */
  public static void shred(Path file) {
    try {
      long size = Files.size(file);
      SecureRandom random = new SecureRandom();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        for (int pass = 0; pass < 2; pass++) {
          ch.position(0);
          byte[] block = new byte[4096];
          for (long written = 0; written < size; ) {
            if (pass == 0) {
              random.nextBytes(block);
            } else {
              java.util.Arrays.fill(block, (byte) 0);
            }
            int n = (int) Math.min(block.length, size - written);
            ByteBuffer buf = ByteBuffer.wrap(block, 0, n);
            while (buf.hasRemaining()) {
              written += ch.write(buf);
            }
          }
          ch.force(true);
        }
      }
      Files.delete(file);
      AtomicFile.fsyncDirectory(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot shred " + file + ": " + e.getMessage(), e);
    }
  }
}
