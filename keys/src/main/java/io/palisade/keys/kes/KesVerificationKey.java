package io.palisade.keys.kes;

import io.palisade.keys.EnvelopeType;
import io.palisade.keys.KeysException;
import io.palisade.keys.TextEnvelope;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Sum6 KES verification key: Blake2b-256 of the top level's two child keys (32 bytes).
 *
 * @param bytes the key
 */
public record KesVerificationKey(byte[] bytes) {
  /** Checks the length and copies. */
  public KesVerificationKey {
    if (bytes.length != 32) {
      throw KeysException.invalid("a KES verification key is 32 bytes, was: " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** Reads a KES verification key file. */
  public static KesVerificationKey read(Path file) {
    return new KesVerificationKey(TextEnvelope.read(file).rawKey(EnvelopeType.KES_VERIFICATION_KEY, file.toString()));
  }

  /** Verifies a KES signature made at {@code period} (relative to the key's start). */
  public boolean verify(long period, byte[] message, byte[] signature) {
    return Sum6Kes.verify(bytes, period, message, signature);
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The cardano-cli text envelope. */
  public TextEnvelope toEnvelope() {
    return TextEnvelope.ofRawKey(EnvelopeType.KES_VERIFICATION_KEY, bytes);
  }

  /** Lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KesVerificationKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "KesVerificationKey[" + hex() + "]";
  }
}
