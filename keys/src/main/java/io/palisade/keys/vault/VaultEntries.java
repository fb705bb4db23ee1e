package io.palisade.keys.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.Aead;
import io.palisade.keys.EnvelopeType;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.SecretBytes;
import io.palisade.keys.SigningKey;
import io.palisade.keys.TextEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The vault's key entries: each secret key sealed with AES-256-GCM under the data key, bound to the vault id, its
 * name and its type as associated data (so an entry cannot be renamed, retyped or moved between vaults), beside its
 * verification key in the clear (read without unlocking).
 */
final class VaultEntries {
  private VaultEntries() {}

  /**
   * Checks a key name against {@link Vault#NAME}.
   *
   * @throws KeysException INVALID_INPUT if it does not match
   */
  static void checkName(String name) {
    if (!Vault.NAME.matcher(name).matches()) {
      throw KeysException.invalid("a vault key name is 1-64 of a-z 0-9 . _ - (starting with a letter or digit), was: \""
          + name + "\"");
    }
  }

  /** Seals {@code key} into the entry {@code name} of {@code keys}, replacing any entry of that name. */
  static void seal(ObjectNode keys, String vaultId, String name, SigningKey key, SecretBytes dataKey,
      Instant addedAt) {
    TextEnvelope env = key.toEnvelope();
    byte[] raw = env.rawKey(key.type(), name);
    env.wipe();
    byte[] dek = dataKey.reveal();
    try {
      Aead.Sealed sealed = Aead.seal(dek, raw, aad(vaultId, name, key.type().type()));
      ObjectNode entry = keys.putObject(name);
      entry.put("type", key.type().type());
      entry.put("verificationKey", HexFormat.of().formatHex(
          key.verificationKeyEnvelope().rawKey(vkType(key.type()), name)));
      entry.put("addedAt", addedAt.toString());
      VaultFile.putSealed(entry, sealed, "ciphertext");
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * Opens the entry {@code name}. The caller closes the key.
   *
   * @throws KeysException TAMPERED if its type is unknown or its ciphertext does not authenticate
   */
  static SigningKey open(JsonNode entry, String vaultId, String name, SecretBytes dataKey) {
    String type = entry.path("type").asText();
    EnvelopeType envType = EnvelopeType.byType(type).filter(EnvelopeType::isSecret)
        .orElseThrow(() -> new KeysException(Kind.TAMPERED, "vault key \"" + name + "\" has an unknown type"));
    byte[] dek = dataKey.reveal();
    byte[] raw = null;
    try {
      raw = Aead.open(dek, VaultFile.sealed(entry, "ciphertext", name), aad(vaultId, name, type))
          .orElseThrow(() -> new KeysException(Kind.TAMPERED, "vault key \"" + name + "\" does not authenticate:"
              + " the vault file was altered or corrupted"));
      TextEnvelope env = TextEnvelope.ofRawKey(envType, raw);
      try {
        return SigningKey.fromEnvelope(env, "vault key \"" + name + "\"");
      } finally {
        env.wipe();
      }
    } finally {
      Arrays.fill(dek, (byte) 0);
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  private static byte[] aad(String vaultId, String name, String type) {
    return ("palisade-vault|v1|key|" + vaultId + "|" + name + "|" + type).getBytes(StandardCharsets.UTF_8);
  }

  private static EnvelopeType vkType(EnvelopeType skType) {
    return switch (skType) {
      case COLD_SIGNING_KEY -> EnvelopeType.COLD_VERIFICATION_KEY;
      case GENESIS_DELEGATE_SIGNING_KEY -> EnvelopeType.GENESIS_DELEGATE_VERIFICATION_KEY;
      case VRF_SIGNING_KEY -> EnvelopeType.VRF_VERIFICATION_KEY;
      case KES_SIGNING_KEY -> EnvelopeType.KES_VERIFICATION_KEY;
      default -> throw new IllegalArgumentException("not a signing key type: " + skType);
    };
  }
}
