package io.palisade.spec.binding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;

/**
 * Derives a JSON Schema (draft 2020-12) from the same records and annotations the {@link RecordBinder} reads, so the
 * schema editors use and the checks Palisade runs cannot drift apart.
 */
public final class JsonSchemaWriter {
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<Class<?>, String> valuePatterns;

  /**
   * @param valuePatterns JSON-schema patterns of value types bound through {@code parse(String)}; types without one
   *     are plain strings
   */
  public JsonSchemaWriter(Map<Class<?>, String> valuePatterns) {
    this.valuePatterns = Map.copyOf(valuePatterns);
  }

  /**
   * @param root the top-level record
   * @param id the schema's {@code $id}
   * @return the schema
   */
  public ObjectNode schema(Class<? extends Record> root, String id) {
    ObjectNode schema = mapper.createObjectNode();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", id);
    schema.put("title", root.getSimpleName());
    schema.setAll(recordSchema(root));
    return schema;
  }

  private ObjectNode recordSchema(Class<?> type) {
    ObjectNode node = mapper.createObjectNode();
    node.put("type", "object");
    Doc typeDoc = type.getAnnotation(Doc.class);
    if (typeDoc != null) {
      node.put("description", typeDoc.value());
    }
    ObjectNode properties = node.putObject("properties");
    ArrayNode required = mapper.createArrayNode();
    for (RecordComponent c : type.getRecordComponents()) {
      String key = RecordBinder.keyOf(c);
      ObjectNode property = valueSchema(c.getGenericType(), c);
      Doc doc = c.getAnnotation(Doc.class);
      if (doc != null) {
        property.put("description", doc.value());
        if (!doc.example().isEmpty()) {
          property.putArray("examples").add(doc.example());
        }
      }
      Default def = c.getAnnotation(Default.class);
      if (def != null) {
        if (c.getType() == Integer.class || c.getType() == Long.class) {
          property.put("default", Long.parseLong(def.value()));
        } else if (c.getType() == Boolean.class) {
          property.put("default", Boolean.parseBoolean(def.value()));
        } else {
          property.put("default", def.value());
        }
      }
      if (c.isAnnotationPresent(Required.class)) {
        required.add(key);
      }
      properties.set(key, property);
    }
    if (!required.isEmpty()) {
      node.set("required", required);
    }
    node.put("additionalProperties", false);
    return node;
  }

  private ObjectNode valueSchema(Type type, RecordComponent c) {
    Class<?> raw = RecordBinder.rawClass(type);
    ObjectNode node = mapper.createObjectNode();
    if (raw == java.util.List.class) {
      node.put("type", "array");
      node.set("items", valueSchema(((ParameterizedType) type).getActualTypeArguments()[0], c));
    } else if (raw == Map.class) {
      node.put("type", "object");
      node.putObject("additionalProperties").put("type", "string");
    } else if (RecordBinder.isStructure(raw)) {
      node.setAll(recordSchema(raw));
    } else if (raw == Integer.class || raw == Long.class) {
      node.put("type", "integer");
      Range range = c.getAnnotation(Range.class);
      if (range != null) {
        node.put("minimum", range.min());
        node.put("maximum", range.max());
      }
    } else if (raw == Boolean.class) {
      node.put("type", "boolean");
    } else if (raw == Duration.class) {
      node.put("type", "string");
      node.put("pattern", DurationText.SCHEMA_PATTERN);
    } else if (raw.isEnum()) {
      ArrayNode values = node.putArray("enum");
      for (Object constant : raw.getEnumConstants()) {
        values.add(RecordBinder.enumName((Enum<?>) constant));
      }
    } else {
      node.put("type", "string");
      Pattern pattern = c.getAnnotation(Pattern.class);
      String regex = pattern != null ? "^" + pattern.regex() + "$" : valuePatterns.get(raw);
      if (regex != null) {
        node.put("pattern", regex);
      }
    }
    return node;
  }
}
