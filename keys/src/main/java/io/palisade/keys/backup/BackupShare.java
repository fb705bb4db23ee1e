package io.palisade.keys.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.Aead;
import io.palisade.keys.CanonicalJson;
import io.palisade.keys.ColdSigningKey;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.InputFile;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.KeysException;
import io.palisade.keys.PoolId;
import io.palisade.keys.SecretBytes;
import io.palisade.keys.VersionedJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One share of a k-of-n geographic backup. Shamir secret sharing has no integrity of its own, so each share is
 * signed by the pool's cold key: a corrupted or altered share is caught on its own, before any combining, and shares
 * of another set or pool are told apart. Every share also carries the vault's keys sealed (AES-256-GCM) under the
 * backup key the shares split, so any k shares restore the keys on a new machine with nothing else.
 *
 * <p>JSON fields: format, version, setId, createdAt, network, poolId, coldVerificationKey, threshold, total, index,
 * label, share (hex), sealed {nonce, ciphertext}, signature (Ed25519 by the cold key over the canonical JSON of all
 * other fields).
 */
public final class BackupShare implements AutoCloseable {
  /** The format name. */
  public static final String FORMAT = "palisade-backup-share";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MAX_FILE_BYTES = 256 * 1024;

  private final ObjectNode doc;
  private final SecretBytes share;
  private final String source;

  private BackupShare(ObjectNode doc, SecretBytes share, String source) {
    this.doc = doc;
    this.share = share;
    this.source = source;
  }

  /** Builds and signs a share. */
  static BackupShare create(String setId, Instant createdAt, String network, ColdSigningKey cold, int threshold,
      int total, int index, String label, byte[] shareValue, Aead.Sealed sealed) {
    ObjectNode d = MAPPER.createObjectNode();
    d.put("format", FORMAT);
    d.put("version", 1);
    d.put("setId", setId);
    d.put("createdAt", createdAt.toString());
    d.put("network", network);
    d.put("poolId", cold.poolId().hex());
    d.put("coldVerificationKey", cold.verificationKey().hex());
    d.put("threshold", threshold);
    d.put("total", total);
    d.put("index", index);
    d.put("label", label);
    d.put("share", HexFormat.of().formatHex(shareValue));
    ObjectNode s = d.putObject("sealed");
    s.put("nonce", HexFormat.of().formatHex(sealed.nonce()));
    s.put("ciphertext", HexFormat.of().formatHex(sealed.ciphertext()));
    d.put("signature", HexFormat.of().formatHex(cold.sign(CanonicalJson.bytes(d))));
    return new BackupShare(d, SecretBytes.copyOf(shareValue), "share " + index);
  }

  /**
   * Reads a share file: the JSON form or the printable text form.
   *
   * @throws KeysException INVALID_INPUT if unreadable or malformed, TAMPERED if a printed line's checksum fails
   */
  public static BackupShare read(Path file) {
    byte[] bytes = InputFile.read(file, MAX_FILE_BYTES, "backup share file");
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.contains(PrintableShare.BEGIN)) {
      bytes = PrintableShare.decode(text, file.toString());
    }
    return parse(bytes, file.toString());
  }

  /** Parses the JSON form. */
  public static BackupShare parse(byte[] json, String source) {
    JsonNode node = VersionedJson.read(json, source, FORMAT, "backup share", "share", List.of("setId", "createdAt",
        "network", "poolId", "coldVerificationKey", "label", "share", "signature"));
    for (String f : new String[] {"threshold", "total", "index"}) {
      if (!node.path(f).isIntegralNumber()) {
        throw KeysException.invalid(source + ": backup share is missing \"" + f + "\" (truncated or corrupted?)");
      }
    }
    byte[] value;
    try {
      value = HexFormat.of().parseHex(node.path("share").asText());
    } catch (IllegalArgumentException e) {
      throw new KeysException(Kind.TAMPERED, source + ": backup share value is corrupted (not hexadecimal)");
    }
    try {
      return new BackupShare((ObjectNode) node, SecretBytes.copyOf(value), source);
    } finally {
      java.util.Arrays.fill(value, (byte) 0);
    }
  }

  /**
   * Checks the share on its own: its cold key hashes to its pool id, the cold key's signature covers every field, and
   * the pool is the expected one.
   *
   * @throws KeysException TAMPERED naming the share and its place if it fails
   */
  public void verify(Optional<PoolId> expectedPool) {
    ColdVerificationKey cold;
    byte[] sig;
    try {
      cold = ColdVerificationKey.ofHex(doc.path("coldVerificationKey").asText());
      sig = HexFormat.of().parseHex(doc.path("signature").asText());
    } catch (RuntimeException e) {
      throw tampered("its cold key or signature is malformed");
    }
    if (!cold.poolId().hex().equals(doc.path("poolId").asText())) {
      throw tampered("its cold verification key does not hash to its pool id");
    }
    ObjectNode unsigned = doc.deepCopy();
    unsigned.remove("signature");
    if (!cold.verify(CanonicalJson.bytes(unsigned), sig)) {
      throw tampered("the cold key's signature does not verify");
    }
    if (expectedPool.isPresent() && !expectedPool.get().equals(cold.poolId())) {
      throw new KeysException(Kind.CHECK_FAILED, describe() + " belongs to pool " + cold.poolId().hex()
          + ", not the expected " + expectedPool.get().hex());
    }
  }

  private KeysException tampered(String why) {
    return new KeysException(Kind.TAMPERED, describe() + " is corrupted or was altered: " + why
        + "; use another share");
  }

  /** "share 2 of 5 (Zurich safe) from FILE". */
  public String describe() {
    return "share " + index() + " of " + total() + " (" + label() + ") from " + source;
  }

  /** The backup set id. */
  public String setId() {
    return doc.path("setId").asText();
  }

  /** The share's index, its Shamir x coordinate (1..n). */
  public int index() {
    return doc.path("index").asInt();
  }

  /** Shares needed. */
  public int threshold() {
    return doc.path("threshold").asInt();
  }

  /** Shares made. */
  public int total() {
    return doc.path("total").asInt();
  }

  /** Where the share is kept. */
  public String label() {
    return doc.path("label").asText();
  }

  /** The pool id (hex) the share says it belongs to. */
  public String poolIdHex() {
    return doc.path("poolId").asText();
  }

  /** The network recorded. */
  public String network() {
    return doc.path("network").asText();
  }

  /** When the set was made. */
  public String createdAt() {
    return doc.path("createdAt").asText();
  }

  /** The cold verification key the share names. */
  public ColdVerificationKey coldVerificationKey() {
    return ColdVerificationKey.ofHex(doc.path("coldVerificationKey").asText());
  }

  /** The sealed keys. */
  Aead.Sealed sealed() {
    try {
      return new Aead.Sealed(HexFormat.of().parseHex(doc.path("sealed").path("nonce").asText()),
          HexFormat.of().parseHex(doc.path("sealed").path("ciphertext").asText()));
    } catch (IllegalArgumentException e) {
      throw tampered("its sealed contents are not hexadecimal");
    }
  }

  /** The share value; the caller wipes it. */
  byte[] revealShare() {
    return share.reveal();
  }

  /** The JSON form (holds the share value: write it 0600). */
  public byte[] toJson() {
    try {
      return MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical compact JSON, what the printable form encodes. */
  byte[] toCanonicalJson() {
    return CanonicalJson.bytes(doc);
  }

  /** Wipes the share value. */
  @Override
  public void close() {
    share.close();
  }

  @Override
  public String toString() {
    return "BackupShare[" + describe() + ", pool " + poolIdHex() + "]";
  }
}
