package io.palisade.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A cardano-cli text envelope: {@code type}, {@code description} and the CBOR payload as {@code cborHex}. Written
 * byte for byte as cardano-cli writes it (key order type/description/cborHex, 4-space indent, LF, one trailing
 * newline); read leniently (any key order, whitespace or description), as cardano-cli reads.
 *
 * <p>Not a record: the payload of a signing-key envelope is secret, so it is copied, wiped by {@link #wipe()} and
 * never printed.
 */
public final class TextEnvelope {
  /** Larger files are refused before parsing: no key file comes near this. */
  public static final int MAX_FILE_BYTES = 64 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String type;
  private final String description;
  private final byte[] cbor;

  /**
   * @param type the type field
   * @param description the description field ("" when none)
   * @param cbor the CBOR payload (copied)
   */
  public TextEnvelope(String type, String description, byte[] cbor) {
    this.type = Objects.requireNonNull(type, "type");
    this.description = Objects.requireNonNull(description, "description");
    this.cbor = cbor.clone();
  }

  /** A new envelope of a known type with cardano-cli's description for it. */
  public static TextEnvelope of(EnvelopeType type, byte[] cbor) {
    return new TextEnvelope(type.type(), type.description(), cbor);
  }

  /** A key envelope: the raw key wrapped as one CBOR byte string, with cardano-cli's description. */
  public static TextEnvelope ofRawKey(EnvelopeType type, byte[] raw) {
    return of(type, new CborWriter().bytes(raw).toByteArray());
  }

  /** The type field. */
  public String type() {
    return type;
  }

  /** The description field. */
  public String description() {
    return description;
  }

  /** A copy of the CBOR payload. */
  public byte[] cbor() {
    return cbor.clone();
  }

  /**
   * The raw key inside a key envelope, checked against the expected type and length.
   *
   * @param expected the type this file must be
   * @param source a name for errors (usually the file)
   */
  public byte[] rawKey(EnvelopeType expected, String source) {
    requireType(expected, source);
    String what = source + " (" + type + ")";
    try {
      CborReader r = new CborReader(cbor);
      byte[] raw = r.readBytesExactly(expected.rawLength(), "the raw key");
      r.requireEnd("the key");
      return raw;
    } catch (CborException e) {
      throw KeysException.invalid(what + ": " + e.getMessage());
    }
  }

  /** Fails unless this envelope has type {@code expected}. */
  public void requireType(EnvelopeType expected, String source) {
    if (!type.equals(expected.type())) {
      throw KeysException.invalid(source + ": expected a text envelope of type \"" + expected.type() + "\", was: \""
          + type + "\"");
    }
  }

  /** The exact bytes cardano-cli writes for this envelope. */
  public byte[] toBytes() {
    String text = "{\n"
        + "    \"type\": \"" + escape(type) + "\",\n"
        + "    \"description\": \"" + escape(description) + "\",\n"
        + "    \"cborHex\": \"" + HexFormat.of().formatHex(cbor) + "\"\n"
        + "}\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Zeroes the payload; call it on signing-key envelopes once written. */
  public void wipe() {
    Arrays.fill(cbor, (byte) 0);
  }

  /**
   * Reads a text envelope file.
   *
   * @throws KeysException naming the file and the problem (missing, too large, not JSON, missing field, bad hex)
   */
  public static TextEnvelope read(Path file) {
    byte[] bytes = InputFile.read(file, MAX_FILE_BYTES, "key file");
    try {
      return parse(bytes, file.toString());
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Parses text envelope bytes.
   *
   * @param bytes the file content
   * @param source a name for errors
   */
  public static TextEnvelope parse(byte[] bytes, String source) {
    if (bytes.length > MAX_FILE_BYTES) {
      throw KeysException.invalid(source + ": too large for a key file (" + bytes.length + " bytes)");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw KeysException.invalid(source + ": not a text envelope (invalid JSON at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw KeysException.invalid(source + ": not a text envelope (" + e.getClass().getSimpleName() + ")");
    }
    if (node == null || !node.isObject()) {
      throw KeysException.invalid(source + ": not a text envelope (expected a JSON object)");
    }
    String type = requiredText(node, "type", source);
    String hex = requiredText(node, "cborHex", source);
    JsonNode d = node.get("description");
    String description = d != null && d.isTextual() ? d.asText() : "";
    byte[] cbor;
    try {
      cbor = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw KeysException.invalid(source + ": cborHex is not hexadecimal (" + hex.length() + " characters)");
    }
    try {
      return new TextEnvelope(type, description, cbor);
    } finally {
      Arrays.fill(cbor, (byte) 0);
    }
  }

  private static String requiredText(JsonNode node, String field, String source) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw KeysException.invalid(source + ": not a text envelope (missing string field \"" + field + "\")");
    }
    return v.asText();
  }

  // aeson escapes '"', '\\' and control characters; everything else is written as UTF-8.
  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** Type and description only, never the payload. */
  @Override
  public String toString() {
    return "TextEnvelope[type=" + type + ", description=" + description + ", " + cbor.length + " CBOR bytes]";
  }
}
