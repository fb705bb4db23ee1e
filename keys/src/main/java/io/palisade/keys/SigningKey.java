package io.palisade.keys;

import io.palisade.keys.kes.KesSigningKey;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Any signing key Palisade handles: cold, VRF or KES. Implementations are final classes that hold their bytes in
 * {@link SecretBytes}, wipe them on {@link #close()} and print nothing secret.
 */
public interface SigningKey extends AutoCloseable {
  /** The envelope type of this key. */
  EnvelopeType type();

  /** The signing key as a cardano-cli text envelope; the caller wipes it after writing. */
  TextEnvelope toEnvelope();

  /** The matching verification key as a cardano-cli text envelope. */
  TextEnvelope verificationKeyEnvelope();

  /** Wipes the key. */
  @Override
  void close();

  /**
   * Loads a signing key of any supported type from its text envelope, validating sizes and consistency.
   *
   * @param env the envelope (not wiped here)
   * @param source a name for errors
   * @throws KeysException if the type is not a supported signing key or the bytes are malformed
   */
  static SigningKey fromEnvelope(TextEnvelope env, String source) {
    EnvelopeType type = EnvelopeType.byType(env.type())
        .filter(EnvelopeType::isSecret)
        .orElseThrow(() -> KeysException.invalid(source + ": not a supported signing key (type \"" + env.type()
            + "\"); expected one of " + EnvelopeType.COLD_SIGNING_KEY.type() + ", "
            + EnvelopeType.VRF_SIGNING_KEY.type() + ", " + EnvelopeType.KES_SIGNING_KEY.type() + ", "
            + EnvelopeType.GENESIS_DELEGATE_SIGNING_KEY.type()));
    byte[] raw = env.rawKey(type, source);
    try {
      return switch (type) {
        case COLD_SIGNING_KEY, GENESIS_DELEGATE_SIGNING_KEY -> ColdSigningKey.fromSeed(raw, type);
        case VRF_SIGNING_KEY -> VrfSigningKey.fromBytes(raw, source);
        case KES_SIGNING_KEY -> KesSigningKey.fromBytes(raw, 0);
        default -> throw new IllegalStateException("unreachable: " + type);
      };
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Reads a plaintext signing-key file (cardano-cli format). */
  static SigningKey read(Path file) {
    TextEnvelope env = TextEnvelope.read(file);
    try {
      return fromEnvelope(env, file.toString());
    } finally {
      env.wipe();
    }
  }
}
