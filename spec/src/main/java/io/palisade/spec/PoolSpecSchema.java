package io.palisade.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.spec.binding.JsonSchemaWriter;
import java.util.Map;

/** The JSON Schema of pool.yaml, for editors (yaml-language-server) and CI linters. */
public final class PoolSpecSchema {
  /** The schema's identifier. */
  public static final String ID = "https://palisade.io/schemas/pool.schema.json";

  private PoolSpecSchema() {}

  /** The schema as a JSON tree. */
  public static ObjectNode tree() {
    return new JsonSchemaWriter(Map.of(
            ImageRef.class, ImageRef.SCHEMA_PATTERN,
            Quantity.class, Quantity.SCHEMA_PATTERN,
            NodeVersion.class, "^\\d+\\.\\d+\\.\\d+(\\.\\d+)?(-[0-9A-Za-z.-]+)?$"))
        .schema(PoolSpec.class, ID);
  }

  /** The schema as indented JSON text. */
  public static String json() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
