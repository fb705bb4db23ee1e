package io.palisade.keys.vault;

import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on {@code .lock} in a vault directory, held while a {@link Vault} is open, so two processes (or
 * two opens in one process) never change the vault at once.
 */
final class VaultLock {
  private final FileChannel channel;
  private final FileLock lock;

  private VaultLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @throws KeysException REFUSED if another process or this one holds it; INVALID_INPUT if it cannot be taken
   */
  static VaultLock take(Path dir) {
    try {
      FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock l = ch.tryLock();
        if (l == null) {
          ch.close();
          throw new KeysException(Kind.REFUSED, "the vault " + dir + " is in use by another palisade process");
        }
        return new VaultLock(ch, l);
      } catch (OverlappingFileLockException e) {
        ch.close();
        throw new KeysException(Kind.REFUSED, "the vault " + dir + " is already open in this process");
      }
    } catch (IOException e) {
      throw KeysException.invalid("cannot lock the vault " + dir + ": " + e.getMessage());
    }
  }

  /** Releases the lock; a failure is ignored because the lock goes with the process anyway. */
  void release() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // The lock goes with the process anyway.
    }
  }
}
