package io.palisade.keys.vault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.CanonicalJson;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault file's integrity check: HMAC-SHA256 over the canonical JSON of the whole document (less its {@code mac}),
 * under a key derived from the data key, so altered metadata (the issue-counter record, a swapped key entry) is
 * caught on open even where no ciphertext changed.
 */
final class VaultMac {
  private VaultMac() {}

  /** Stores the document's MAC in its {@code mac} field. */
  static void seal(ObjectNode doc, SecretBytes dataKey) {
    doc.put("mac", HexFormat.of().formatHex(mac(doc, dataKey)));
  }

  /**
   * Checks the stored MAC.
   *
   * @throws KeysException TAMPERED if it is malformed or does not match
   */
  static void verify(Path file, ObjectNode doc, SecretBytes dataKey) {
    byte[] stored;
    try {
      stored = HexFormat.of().parseHex(doc.path("mac").asText());
    } catch (IllegalArgumentException e) {
      throw new KeysException(Kind.TAMPERED, file + ": its integrity check (mac) is malformed");
    }
    if (!MessageDigest.isEqual(stored, mac(doc, dataKey))) {
      throw new KeysException(Kind.TAMPERED, file + " was altered: its integrity check does not"
          + " match (restore it from a backup; nothing was changed)");
    }
  }

  private static byte[] mac(ObjectNode doc, SecretBytes dataKey) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("mac");
    byte[] dek = dataKey.reveal();
    try {
      Mac h = Mac.getInstance("HmacSHA256");
      h.init(new SecretKeySpec(dek, "HmacSHA256"));
      byte[] macKey = h.doFinal("palisade-vault-mac-v1".getBytes(StandardCharsets.US_ASCII));
      h.init(new SecretKeySpec(macKey, "HmacSHA256"));
      Arrays.fill(macKey, (byte) 0);
      return h.doFinal(CanonicalJson.bytes(copy));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }
}
