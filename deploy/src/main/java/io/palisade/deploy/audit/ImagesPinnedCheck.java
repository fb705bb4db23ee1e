package io.palisade.deploy.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every image is pinned by sha256 digest and comes from the pool's private registry, so nobody can swap what runs by
 * moving a tag or by publishing elsewhere.
 */
public final class ImagesPinnedCheck implements AuditCheck {
  private static final Pattern PINNED =
      Pattern.compile("(?<registry>[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?)/[a-z0-9._/-]+(:[A-Za-z0-9_.-]+)?"
          + "@sha256:[0-9a-f]{64}");

  @Override
  public String id() {
    return "images-pinned";
  }

  @Override
  public String claim() {
    return "every image is pinned by sha256 digest and pulled from the private registry";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (Manifests.Workload w : m.workloads()) {
      List<String> p = new ArrayList<>();
      for (PodFacts.Named n : PodFacts.containers(w.pod())) {
        String image = n.container().getImage();
        Matcher match = image == null ? null : PINNED.matcher(image);
        if (match == null || !match.matches()) {
          p.add(n.label() + ": " + image + " is not REGISTRY/REPOSITORY[:TAG]@sha256:<64 hex>");
        } else if (m.expectedRegistry().isEmpty()) {
          p.add(n.label() + ": the private registry is unknown (no palisade.io/registry annotation, no --registry)");
        } else if (!match.group("registry").equals(m.expectedRegistry().get())) {
          p.add(n.label() + ": from " + match.group("registry") + ", not the private registry "
              + m.expectedRegistry().get());
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), w.ref(), "digest-pinned from " + m.expectedRegistry().orElse("?"))
          : AuditRow.fail(id(), w.ref(), String.join("; ", p)));
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no workloads found"));
    }
    return rows;
  }
}
