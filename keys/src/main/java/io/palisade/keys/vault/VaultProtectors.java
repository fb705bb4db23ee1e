package io.palisade.keys.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.Aead;
import io.palisade.keys.Argon2Kdf;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vault's protectors: each one wraps the data key, a passphrase through Argon2id or a non-extractable AES key in
 * a PKCS#11 token, bound to the vault id and its kind as associated data so a protector cannot be moved between
 * vaults.
 */
final class VaultProtectors {
  private VaultProtectors() {}

  /**
   * Adds a protector for each credential given.
   *
   * @throws KeysException INVALID_INPUT if no credential is given
   */
  static void addAll(ArrayNode protectors, String vaultId, byte[] dek, VaultCredentials creds, Argon2Kdf kdf) {
    if (creds.hasPassphrase()) {
      protectors.add(passphraseProtector(vaultId, dek, creds.passphrase().orElseThrow(), kdf));
    }
    if (creds.hasPkcs11()) {
      VaultCredentials.Pkcs11Settings s = creds.pkcs11().orElseThrow();
      String label = "palisade-vault-kek-" + vaultId;
      Aead.Sealed sealed;
      try (Pkcs11Token token = Pkcs11Token.login(s.library(), s.slotListIndex(), creds.pin().orElseThrow())) {
        token.createKey(label);
        sealed = token.seal(label, dek, aad(vaultId, "pkcs11"));
      }
      ObjectNode p = protectors.addObject();
      p.put("kind", "pkcs11");
      p.put("library", s.library());
      p.put("slotListIndex", s.slotListIndex());
      p.put("keyLabel", label);
      VaultFile.putSealed(p, sealed, "wrappedKey");
    }
    if (protectors.isEmpty()) {
      throw KeysException.invalid("a vault needs a passphrase or a PKCS#11 token to protect it");
    }
  }

  /**
   * Unwraps the data key with the first protector the credentials open (the token before the passphrase).
   *
   * @throws KeysException WRONG_CREDENTIAL on a wrong passphrase; TAMPERED if the token's key does not open its
   *     protector; INVALID_INPUT if no credential given matches a protector
   */
  static byte[] unwrapDataKey(Path dir, ObjectNode doc, String vaultId, VaultCredentials creds) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode p : doc.get("protectors")) {
      kinds.add(p.path("kind").asText());
    }
    if (creds.hasPkcs11() && kinds.contains("pkcs11")) {
      JsonNode p = protector(doc, "pkcs11");
      VaultCredentials.Pkcs11Settings s = creds.pkcs11().orElseThrow();
      String library = s.library() != null ? s.library() : p.path("library").asText();
      int slot = s.slotListIndex() >= 0 ? s.slotListIndex() : p.path("slotListIndex").asInt();
      try (Pkcs11Token token = Pkcs11Token.login(library, slot, creds.pin().orElseThrow())) {
        return token.open(p.path("keyLabel").asText(), VaultFile.sealed(p, "wrappedKey", "pkcs11 protector"),
                aad(vaultId, "pkcs11"))
            .orElseThrow(() -> new KeysException(Kind.TAMPERED, "the token's key does not unlock this vault: the"
                + " vault's pkcs11 entry was altered, or this is another token"));
      }
    }
    if (creds.hasPassphrase() && kinds.contains("passphrase")) {
      JsonNode p = protector(doc, "passphrase");
      Argon2Kdf kdf = Argon2Kdf.fromJson(p.get("kdf"), dir.resolve(Vault.FILE_NAME).toString());
      byte[] kek = kdf.derive(creds.passphrase().orElseThrow());
      try {
        return Aead.open(kek, VaultFile.sealed(p, "wrappedKey", "passphrase protector"), aad(vaultId, "passphrase"))
            .orElseThrow(() -> new KeysException(Kind.WRONG_CREDENTIAL, "wrong passphrase for the vault " + dir
                + " (nothing was changed)"));
      } finally {
        Arrays.fill(kek, (byte) 0);
      }
    }
    throw KeysException.invalid("the vault " + dir + " is protected by " + String.join(" and ", kinds)
        + "; give " + String.join(" or ", kinds.stream().map(k -> k.equals("pkcs11")
            ? "the token PIN (--pkcs11-pin-file)" : "the passphrase (--passphrase-file)").toList()));
  }

  private static ObjectNode passphraseProtector(String vaultId, byte[] dek, char[] passphrase, Argon2Kdf kdf) {
    byte[] kek = kdf.derive(passphrase);
    try {
      ObjectNode p = VaultFile.MAPPER.createObjectNode();
      p.put("kind", "passphrase");
      p.set("kdf", kdf.toJson());
      VaultFile.putSealed(p, Aead.seal(kek, dek, aad(vaultId, "passphrase")), "wrappedKey");
      return p;
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  private static JsonNode protector(ObjectNode doc, String kind) {
    for (JsonNode p : doc.get("protectors")) {
      if (kind.equals(p.path("kind").asText())) {
        return p;
      }
    }
    throw new IllegalStateException("no protector " + kind);
  }

  private static byte[] aad(String vaultId, String kind) {
    return ("palisade-vault|v1|dek|" + vaultId + "|" + kind).getBytes(StandardCharsets.UTF_8);
  }
}
