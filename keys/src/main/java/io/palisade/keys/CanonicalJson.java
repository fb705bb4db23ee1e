package io.palisade.keys;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The canonical bytes of a JSON value, for signing and MACs: object keys sorted by UTF-16 code units, no whitespace,
 * strings with only the escapes JSON requires, integers only (no floats: nothing Palisade signs needs them). This is
 * the RFC 8785 form restricted to integers, so another implementation can reproduce it.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] bytes(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          names.add(e.getKey());
        }
        Collections.sort(names);
        sb.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          string(names.get(i), sb);
          sb.append(':');
          write(node.get(names.get(i)), sb);
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(node.get(i), sb);
        }
        sb.append(']');
      }
      case STRING -> string(node.asText(), sb);
      case NUMBER -> {
        if (!node.isIntegralNumber()) {
          throw KeysException.invalid("canonical JSON allows integers only, found " + node.asText());
        }
        sb.append(node.bigIntegerValue().toString());
      }
      case BOOLEAN -> sb.append(node.asBoolean());
      case NULL -> sb.append("null");
      default -> throw KeysException.invalid("canonical JSON cannot hold a " + node.getNodeType());
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
