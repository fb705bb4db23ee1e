package io.palisade.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) turning a passphrase into a 256-bit key. The parameters are stored beside what
 * they protect, so they can be raised later without breaking old files.
 *
 * @param memoryKiB memory cost in KiB
 * @param iterations time cost
 * @param parallelism lanes
 * @param salt 16 random bytes
 */
public record Argon2Kdf(int memoryKiB, int iterations, int parallelism, byte[] salt) {
  /** The default: 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option, memory-constrained). */
  public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
  /** Default passes. */
  public static final int DEFAULT_ITERATIONS = 3;
  /** The floor: anything weaker is refused, also when read from a file (a downgrade attack). */
  public static final int MIN_MEMORY_KIB = 8 * 1024;

  /** Checks the parameters are within sane bounds. */
  public Argon2Kdf {
    if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > 4 * 1024 * 1024) {
      throw KeysException.invalid("Argon2id memory must be " + MIN_MEMORY_KIB + " to 4194304 KiB, was: " + memoryKiB);
    }
    if (iterations < 1 || iterations > 100 || parallelism < 1 || parallelism > 16) {
      throw KeysException.invalid("Argon2id iterations must be 1-100 and parallelism 1-16, were: " + iterations
          + ", " + parallelism);
    }
    if (salt.length < 16) {
      throw KeysException.invalid("Argon2id salt must be at least 16 bytes, was: " + salt.length);
    }
    salt = salt.clone();
  }

  /** New parameters with a fresh random salt. */
  public static Argon2Kdf fresh(int memoryKiB, int iterations) {
    byte[] salt = new byte[16];
    new java.security.SecureRandom().nextBytes(salt);
    return new Argon2Kdf(memoryKiB, iterations, 1, salt);
  }

  /** A copy of the salt. */
  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** Derives the 32-byte key; the caller wipes it. */
  public byte[] derive(char[] passphrase) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKiB)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[32];
    gen.generateBytes(passphrase, out);
    return out;
  }

  /** The JSON form stored in files. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("algorithm", "argon2id");
    n.put("version", 19);
    n.put("memoryKiB", memoryKiB);
    n.put("iterations", iterations);
    n.put("parallelism", parallelism);
    n.put("salt", HexFormat.of().formatHex(salt));
    return n;
  }

  /** Reads the JSON form, refusing other algorithms and weak parameters. */
  public static Argon2Kdf fromJson(JsonNode n, String source) {
    if (n == null || !"argon2id".equals(n.path("algorithm").asText()) || n.path("version").asInt() != 19) {
      throw KeysException.invalid(source + ": key derivation must be argon2id version 19");
    }
    try {
      return new Argon2Kdf(n.path("memoryKiB").asInt(), n.path("iterations").asInt(), n.path("parallelism").asInt(),
          HexFormat.of().parseHex(n.path("salt").asText()));
    } catch (IllegalArgumentException e) {
      throw KeysException.invalid(source + ": invalid Argon2id salt");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Argon2Kdf k && k.memoryKiB == memoryKiB && k.iterations == iterations
        && k.parallelism == parallelism && java.util.Arrays.equals(k.salt, salt);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(memoryKiB, iterations, parallelism, java.util.Arrays.hashCode(salt));
  }

  @Override
  public String toString() {
    return "argon2id(m=" + memoryKiB + "KiB, t=" + iterations + ", p=" + parallelism + ")";
  }
}
