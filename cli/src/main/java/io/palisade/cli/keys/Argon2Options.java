package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.Argon2Kdf;
import io.palisade.keys.KeysException;
import picocli.CommandLine.Option;

/** Argon2id cost flags for a new passphrase-protected file (vault or bundle). */
public final class Argon2Options {
  @Option(names = "--argon2-memory-kib", paramLabel = "KIB", defaultValue = "" + Argon2Kdf.DEFAULT_MEMORY_KIB,
      description = "Argon2id memory in KiB (default ${DEFAULT-VALUE}; at least " + Argon2Kdf.MIN_MEMORY_KIB + ").")
  int memoryKiB;

  @Option(names = "--argon2-iterations", paramLabel = "N", defaultValue = "" + Argon2Kdf.DEFAULT_ITERATIONS,
      description = "Argon2id passes (default ${DEFAULT-VALUE}).")
  int iterations;

  /** Fresh parameters with a random salt. */
  Argon2Kdf kdf() {
    try {
      return Argon2Kdf.fresh(memoryKiB, iterations);
    } catch (KeysException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage());
    }
  }
}
