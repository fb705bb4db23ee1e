package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

/** The generated schema, checked by an independent validator against our examples and broken variants. */
class PoolSpecSchemaTest {
  private final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
      .getSchema(PoolSpecSchema.tree());

  @Test
  void examples_validateAgainstTheSchema() throws Exception {
    for (String example : new String[] {"pool.yaml", "demo-pool.yaml"}) {
      assertThat(schema.validate(yaml(Examples.text(example)))).as(example).isEmpty();
    }
  }

  @Test
  void schema_rejectsWhatTheLoaderRejects() throws Exception {
    String example = Examples.text("pool.yaml");
    assertThat(schema.validate(yaml(example.replace("count: 2", "count: 0")))).isNotEmpty();
    assertThat(schema.validate(yaml(example.replace("name: pyur", "name: Pyur_Pool")))).isNotEmpty();
    assertThat(schema.validate(yaml(example.replace("  port: 8443", "  prot: 8443")))).isNotEmpty();
    assertThat(schema.validate(yaml(example.replaceAll("@sha256:[0-9a-f]+", "")))).isNotEmpty();
    assertThat(schema.validate(yaml(example.replace("deadlinePerNode: 2h", "deadlinePerNode: soon")))).isNotEmpty();
  }

  @Test
  void schema_documentsRequiredFieldsAndDefaults() {
    JsonNode tree = PoolSpecSchema.tree();
    assertThat(tree.get("required")).extracting(JsonNode::asText)
        .containsExactly("name", "network", "node", "registry", "relays");
    assertThat(tree.at("/properties/ports/properties/nodeToNode/default").asInt()).isEqualTo(3001);
    assertThat(tree.at("/properties/registry/properties/private/type").asText()).isEqualTo("boolean");
    assertThat(tree.at("/additionalProperties").asBoolean()).isFalse();
  }

  private static JsonNode yaml(String text) throws Exception {
    // Versions like 10.5.3 are strings in YAML; read everything as the loader would see it.
    return new ObjectMapper().valueToTree(new YAMLMapper().readTree(text));
  }
}
