package io.palisade.deploy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.deploy.model.KubernetesYaml;
import io.palisade.deploy.model.TopologyRules;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Parsers of outside input never fail in an unplanned way: manifests an audit reads (any text) end in objects or an
 * IllegalArgumentException, and the audit then runs to a report; topology rules answer any JSON with a list.
 */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 300)
  void anyText_isReadOrRejectedCleanly_andAuditable(@ForAll("manifestish") String text) {
    List<io.fabric8.kubernetes.api.model.HasMetadata> objects;
    try {
      objects = KubernetesYaml.read(text);
    } catch (IllegalArgumentException expected) {
      return;
    }
    PostureAudit.AuditReport report = new PostureAudit().run(Manifests.of(objects, Optional.empty()));
    assertThat(report.rows()).isNotEmpty();
  }

  @net.jqwik.api.Example
  void aSelfReferencingAlias_isRefused_notFollowedForever() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubernetesYaml.read("a: &x [*x]\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aliases are not allowed");
  }

  @Property(tries = 300)
  void anyJson_getsAListOfViolations(@ForAll("jsonish") String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (Exception notJson) {
      return;
    }
    assertThat(TopologyRules.format(node)).isNotNull();
  }

  @Provide
  Arbitrary<String> manifestish() {
    Arbitrary<String> fragments = Arbitraries.of("apiVersion: v1\n", "apiVersion: apps/v1\n", "kind: Service\n",
        "kind: StatefulSet\n", "kind: NetworkPolicy\n", "kind: Namespace\n", "metadata:\n", "  name: x\n",
        "spec:\n", "  type: NodePort\n", "  template:\n", "    spec:\n", "      containers: []\n", "  ports: [1, 2]\n",
        "---\n", "- a\n", "&a [*a]\n", "{", "]", ": :\n", "  selector: null\n", "kind: [x]\n", "\t", "\u0000");
    return fragments.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"localRoots\"", "\"publicRoots\"",
        "\"accessPoints\"", "\"address\"", "\"port\"", "\"hotValency\"", "\"bootstrapPeers\"", "null", "-1", "70000",
        "true", "\"x\"", "{}", "[]", "\"Producers\"", "\"useLedgerAfterSlot\"");
    return fragments.list().ofMaxSize(20).map(l -> String.join("", l));
  }
}
