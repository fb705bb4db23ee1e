package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.palisade.operator.testing.MockCluster;
import io.palisade.spec.PoolSpecSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The generated CRD: its spec is pool.yaml, field for field; status has a subresource. */
class StakePoolCrdTest {
  static final ObjectMapper JSON = new ObjectMapper();

  // Every field of pool.yaml's schema is in the CRD's spec at the same path, with the same JSON type, and the CRD
  // has no field pool.yaml lacks; required fields match.
  @Test
  void crdSpec_mirrorsPoolYamlSchema() {
    CustomResourceDefinition crd = MockCluster.crd();
    JSONSchemaProps spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties()
        .get("spec");
    JsonNode pool = PoolSpecSchema.tree();
    List<String> poolFields = new ArrayList<>();
    walkPool(pool, pool, "", poolFields);
    List<String> crdFields = new ArrayList<>();
    walkCrd(spec, "", crdFields);
    assertThat(poolFields).hasSizeGreaterThan(40).contains("/relays![]/region!:string", "/node!/version!:string");
    assertThat(new TreeSet<>(crdFields)).isEqualTo(new TreeSet<>(poolFields));
  }

  @Test
  void crd_isNamespacedV1_withStatusSubresource_andShortName() {
    CustomResourceDefinition crd = MockCluster.crd();
    assertThat(crd.getMetadata().getName()).isEqualTo(StakePool.CRD_NAME);
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("sp");
    assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
    assertThat(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("status")
        .getProperties().get("control").getXKubernetesPreserveUnknownFields()).isTrue();
  }

  private static void walkPool(JsonNode root, JsonNode node, String path, List<String> out) {
    JsonNode n = resolve(root, node);
    String type = n.path("type").asText();
    if (!path.isEmpty()) {
      out.add(path + ":" + type);
    }
    if (type.equals("object")) {
      List<String> required = new ArrayList<>();
      n.path("required").forEach(r -> required.add(r.asText()));
      n.path("properties").fields().forEachRemaining(e -> {
        String p = path + "/" + e.getKey() + (required.contains(e.getKey()) ? "!" : "");
        walkPool(root, e.getValue(), p, out);
      });
    } else if (type.equals("array")) {
      walkPool(root, n.path("items"), path + "[]", out);
    }
  }

  private static JsonNode resolve(JsonNode root, JsonNode n) {
    if (n.has("$ref")) {
      String ref = n.get("$ref").asText();
      return root.at(ref.substring(1));
    }
    return n;
  }

  private static void walkCrd(JSONSchemaProps p, String path, List<String> out) {
    String type = p.getType();
    if (!path.isEmpty()) {
      out.add(path + ":" + type);
    }
    if ("object".equals(type) && p.getProperties() != null) {
      List<String> required = p.getRequired() == null ? List.of() : p.getRequired();
      for (Map.Entry<String, JSONSchemaProps> e : p.getProperties().entrySet()) {
        walkCrd(e.getValue(), path + "/" + e.getKey() + (required.contains(e.getKey()) ? "!" : ""), out);
      }
    } else if ("array".equals(type)) {
      walkCrd(p.getItems().getSchema(), path + "[]", out);
    }
  }
}
