package io.palisade.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The checks every versioned JSON file of the key tools opens with (a backup share, a hot-key bundle): valid JSON, an
 * object of the named format, version 1, and the text fields it cannot do without. Worded once, by the file's kind,
 * so each file's reader only checks what is its own.
 */
public final class VersionedJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private VersionedJson() {}

  /**
   * Parses and checks a versioned JSON file.
   *
   * @param json the bytes
   * @param source where they came from, for the messages
   * @param format the value the {@code format} field must have
   * @param kind what the file is, for the messages (e.g. {@code "backup share"})
   * @param versionOf what its version is called in the message (e.g. {@code "share"}: "unsupported share version")
   * @param textFields the fields that must be text
   * @return the document
   * @throws KeysException INVALID_INPUT naming the first check that fails
   */
  public static ObjectNode read(byte[] json, String source, String format, String kind, String versionOf,
      List<String> textFields) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw KeysException.invalid(source + ": not a " + kind + " (invalid JSON: truncated or corrupted?)");
    }
    if (node == null || !node.isObject() || !format.equals(node.path("format").asText())) {
      throw KeysException.invalid(source + ": not a palisade " + kind);
    }
    if (node.path("version").asInt() != 1) {
      throw KeysException.invalid(source + ": unsupported " + versionOf + " version " + node.path("version"));
    }
    for (String f : textFields) {
      if (!node.path(f).isTextual()) {
        throw KeysException.invalid(source + ": " + kind + " is missing \"" + f + "\" (truncated or corrupted?)");
      }
    }
    return (ObjectNode) node;
  }
}
