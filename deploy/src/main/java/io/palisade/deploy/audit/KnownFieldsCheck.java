package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.palisade.deploy.model.KubernetesYaml;
import java.util.ArrayList;
import java.util.List;

/**
 * Every object deserializes into fabric8's model with no unknown field: a misspelt field (say
 * {@code readOnlyRootFileSystem}) is silently ignored by the API server, so a hardening that looks present would not
 * be.
 */
public final class KnownFieldsCheck implements AuditCheck {
  @Override
  public String id() {
    return "known-fields";
  }

  @Override
  public String claim() {
    return "every field of every object is a Kubernetes field (no misspelt, silently ignored setting)";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (HasMetadata o : m.objects()) {
      List<String> unknown = KubernetesYaml.unknownFields(o);
      if (!unknown.isEmpty()) {
        rows.add(AuditRow.fail(id(), Manifests.ref(o), "unknown fields: " + String.join(", ", unknown)));
      }
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.pass(id(), "-", m.objects().size() + " objects, every field known to the Kubernetes model"));
    }
    return rows;
  }
}
