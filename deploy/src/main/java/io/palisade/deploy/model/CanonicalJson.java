package io.palisade.deploy.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one way node files are read and written: key order kept as read, two-space indentation, {@code "key": value},
 * LF line ends and a final newline, so the same input gives the same bytes on every machine.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final DefaultPrettyPrinter PRINTER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    PRINTER = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter);
    PRINTER.indentArraysWith(indenter);
  }

  private CanonicalJson() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Reads a JSON object.
   *
   * @param in the stream, closed here
   * @param what names the input in errors
   * @return the object
   */
  public static ObjectNode readObject(InputStream in, String what) {
    try (in) {
      JsonNode node = MAPPER.readTree(in);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(what + ": must be a JSON object");
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a JSON object from bytes. */
  public static ObjectNode readObject(byte[] bytes, String what) {
    return readObject(new java.io.ByteArrayInputStream(bytes), what);
  }

  /**
   * The canonical bytes of {@code node}.
   *
   * @param node any JSON value
   * @return UTF-8 text ending in a newline
   */
  public static byte[] bytes(JsonNode node) {
    try {
      return (MAPPER.writer(PRINTER).writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
