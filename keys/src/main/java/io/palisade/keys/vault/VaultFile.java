package io.palisade.keys.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.keys.Aead;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.InputFile;
import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.spec.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The vault file's format ({@code vault.json}, {@value Vault#FORMAT} version 1): reading it with its structural
 * checks, writing it atomically, the sealed-value fields, and its public facts as a {@link VaultInfo}.
 */
final class VaultFile {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MAX_FILE_BYTES = 1024 * 1024;

  private VaultFile() {}

  /** A new document with its header and no protectors, keys or state yet. */
  static ObjectNode newDocument(String vaultId, String network, Instant createdAt) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("format", Vault.FORMAT);
    doc.put("version", 1);
    doc.put("vaultId", vaultId);
    doc.put("network", network);
    doc.put("createdAt", createdAt.toString());
    return doc;
  }

  /**
   * Reads and checks the structure of the vault file in {@code dir} (not its MAC: that needs the data key).
   *
   * @throws KeysException INVALID_INPUT if missing, truncated or malformed
   */
  static ObjectNode read(Path dir) {
    Path file = dir.resolve(Vault.FILE_NAME);
    if (!Files.exists(file)) {
      throw KeysException.invalid("no vault at " + dir + " (no " + Vault.FILE_NAME + "); create one with"
          + " 'palisade keys vault init'");
    }
    byte[] bytes = InputFile.read(file, MAX_FILE_BYTES, "vault file");
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw KeysException.invalid(file + " is truncated or corrupted (not valid JSON); restore it from a backup");
    }
    if (node == null || !node.isObject() || !Vault.FORMAT.equals(node.path("format").asText())) {
      throw KeysException.invalid(file + " is not a palisade vault file (truncated or corrupted?)");
    }
    if (node.path("version").asInt() != 1) {
      throw KeysException.invalid(file + ": unsupported vault version " + node.path("version"));
    }
    for (String field : List.of("vaultId", "network", "createdAt", "mac")) {
      if (!node.path(field).isTextual()) {
        throw KeysException.invalid(file + " is truncated or corrupted: missing \"" + field + "\"");
      }
    }
    if (!node.path("protectors").isArray() || !node.path("keys").isObject() || !node.path("state").isObject()) {
      throw KeysException.invalid(file + " is truncated or corrupted: missing protectors, keys or state");
    }
    return (ObjectNode) node;
  }

  /** Writes the document atomically (mode 0600): a crash leaves the old file or the new one. */
  static void write(Path dir, ObjectNode doc) {
    try {
      AtomicFile.write(dir.resolve(Vault.FILE_NAME), MAPPER.writeValueAsBytes(doc), true);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the vault", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** Stores a sealed value as its {@code nonce} and the ciphertext in {@code field}, both hexadecimal. */
  static void putSealed(ObjectNode node, Aead.Sealed sealed, String field) {
    node.put("nonce", HexFormat.of().formatHex(sealed.nonce()));
    node.put(field, HexFormat.of().formatHex(sealed.ciphertext()));
  }

  /**
   * Reads a sealed value stored by {@link #putSealed}.
   *
   * @throws KeysException TAMPERED if it is not hexadecimal
   */
  static Aead.Sealed sealed(JsonNode node, String field, String what) {
    try {
      return new Aead.Sealed(HexFormat.of().parseHex(node.path("nonce").asText()),
          HexFormat.of().parseHex(node.path(field).asText()));
    } catch (IllegalArgumentException e) {
      throw new KeysException(Kind.TAMPERED, "vault " + what + " is corrupted (not hexadecimal)");
    }
  }

  /** The public facts of a vault document. */
  static VaultInfo infoOf(Path dir, JsonNode doc) {
    List<String> protectors = new ArrayList<>();
    for (JsonNode p : doc.path("protectors")) {
      protectors.add(p.path("kind").asText());
    }
    List<VaultInfo.KeyInfo> keys = new ArrayList<>();
    for (String name : new TreeSet<>(fieldNames(doc.path("keys")))) {
      JsonNode e = doc.path("keys").get(name);
      keys.add(new VaultInfo.KeyInfo(name, e.path("type").asText(), e.path("verificationKey").asText(),
          instant(e.path("addedAt").asText())));
    }
    Optional<String> poolId = Optional.ofNullable(doc.path("keys").get("cold"))
        .map(c -> ColdVerificationKey.ofHex(c.path("verificationKey").asText()).poolId().hex());
    JsonNode state = doc.path("state");
    return new VaultInfo(dir.toString(), doc.path("vaultId").asText(), doc.path("network").asText(),
        instant(doc.path("createdAt").asText()), protectors, keys, poolId,
        state.path("lastIssuedCounter").isIntegralNumber()
            ? OptionalLong.of(state.get("lastIssuedCounter").asLong()) : OptionalLong.empty(),
        state.path("lastIssuedKesPeriod").isIntegralNumber()
            ? OptionalLong.of(state.get("lastIssuedKesPeriod").asLong()) : OptionalLong.empty());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      out.add(e.getKey());
    }
    return out;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
