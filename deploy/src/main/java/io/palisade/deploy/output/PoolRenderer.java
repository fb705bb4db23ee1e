package io.palisade.deploy.output;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.firewall.NftablesRenderer;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.KubernetesYaml;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.deploy.monitoring.AlertRules;
import io.palisade.deploy.monitoring.GrafanaDashboard;
import io.palisade.deploy.monitoring.MonitoringResources;
import io.palisade.deploy.monitoring.PlainYaml;
import io.palisade.deploy.monitoring.ScrapeTargets;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders everything a pool needs, in memory: {@code kubernetes/*.yaml} (one object per file, numbered in apply
 * order), {@code nodes/<node>/{config,topology}.json} (the same bytes as the ConfigMaps) and
 * {@code firewall/<node>.nft}. The same spec always gives the same bytes.
 */
public final class PoolRenderer {
  /** Subdirectory of the Kubernetes manifests. */
  public static final String KUBERNETES_DIR = "kubernetes";
  /** Subdirectory of the per-node config and topology. */
  public static final String NODES_DIR = "nodes";
  /** Subdirectory of the nftables rulesets. */
  public static final String FIREWALL_DIR = "firewall";
  /** Subdirectory of the alerting rules, the scrape configuration and the dashboard. */
  public static final String MONITORING_DIR = "monitoring";

  private static final List<String> KIND_ORDER = List.of("Namespace", "ServiceAccount", "Secret", "NetworkPolicy",
      "ConfigMap", "Service", "StatefulSet", "PodDisruptionBudget");

  private PoolRenderer() {}

  /**
   * The rendered pool.
   *
   * @param files every file
   * @param warnings what could not be rendered exactly as intended
   */
  public record Rendered(List<RenderedFile> files, List<String> warnings) {
    /** Copies the lists. */
    public Rendered {
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Renders a loaded spec.
   *
   * @param loaded the spec
   * @param options cluster facts
   * @param hotKeys hot keys to put into the Secret; empty (the default) leaves the Secret without data
   * @return the files
   */
  public static Rendered render(LoadedPoolSpec loaded, RenderOptions options, Optional<HotKeyFiles> hotKeys) {
    PoolSpec spec = loaded.spec();
    PoolResources resources = PoolFiles.poolResources(loaded, options);
    List<RenderedFile> files = new ArrayList<>();
    List<String> warnings = new ArrayList<>(resources.warnings());
    for (HasMetadata object : resources.all()) {
      boolean secret = false;
      if (object instanceof io.fabric8.kubernetes.api.model.Secret && hotKeys.isPresent()) {
        object = resources.hotKeySecret(hotKeys);
        secret = true;
      }
      String name = String.format(Locale.ROOT, "%02d-%s-%s.yaml", kindRank(object.getKind()) * 10 + 10,
          object.getKind().toLowerCase(Locale.ROOT), object.getMetadata().getName());
      files.add(new RenderedFile(KUBERNETES_DIR + "/" + name,
          KubernetesYaml.write(object).getBytes(StandardCharsets.UTF_8), secret));
    }
    for (Map.Entry<NodeRef, byte[]> e : resources.nodeConfigs().entrySet()) {
      files.add(new RenderedFile(NODES_DIR + "/" + e.getKey().name() + "/config.json", e.getValue(), false));
    }
    for (Map.Entry<NodeRef, byte[]> e : resources.nodeTopologies().entrySet()) {
      files.add(new RenderedFile(NODES_DIR + "/" + e.getKey().name() + "/topology.json", e.getValue(), false));
    }
    NftablesRenderer firewall = new NftablesRenderer(spec);
    List<String> sources = firewall.relaySourcesFromSpec();
    for (String name : firewall.unmatchableRelayAddresses()) {
      warnings.add(FIREWALL_DIR + "/" + spec.blockProducer().name() + ".nft: relay address " + name + " is a name;"
          + " a firewall matches addresses, so add the relays' IP addresses to set relays4/relays6 (until then the"
          + " block producer admits no relay on VMs)");
    }
    for (NodeRef node : spec.nodes()) {
      files.add(new RenderedFile(FIREWALL_DIR + "/" + node.name() + ".nft",
          firewall.render(node, sources).getBytes(StandardCharsets.UTF_8), false));
    }
    files.addAll(monitoring(spec, resources, options));
    files.sort(java.util.Comparator.comparing(RenderedFile::path));
    return new Rendered(files, warnings);
  }

  /**
   * {@code monitoring/}: the rules file and scrape configuration for a Prometheus of one's own (VMs), the Grafana
   * dashboard, and {@code monitoring/kubernetes/} for clusters with the Prometheus operator.
   */
  private static List<RenderedFile> monitoring(PoolSpec spec, PoolResources resources, RenderOptions options) {
    List<RenderedFile> files = new ArrayList<>();
    files.add(new RenderedFile(MONITORING_DIR + "/prometheus-rules.yml",
        PlainYaml.write(AlertRules.file(spec)).getBytes(StandardCharsets.UTF_8), false));
    files.add(new RenderedFile(MONITORING_DIR + "/prometheus-scrape.yml",
        PlainYaml.write(ScrapeTargets.vmScrapeConfig(spec)).getBytes(StandardCharsets.UTF_8), false));
    files.add(new RenderedFile(MONITORING_DIR + "/grafana-dashboard.json", GrafanaDashboard.json(spec), false));
    int rank = 10;
    for (HasMetadata object : MonitoringResources.all(spec, resources.names(), options)) {
      files.add(new RenderedFile(String.format(Locale.ROOT, "%s/%s/%02d-%s-%s.yaml", MONITORING_DIR, KUBERNETES_DIR,
          rank, object.getKind().toLowerCase(Locale.ROOT), object.getMetadata().getName()),
          KubernetesYaml.write(object).getBytes(StandardCharsets.UTF_8), false));
      rank += 10;
    }
    return files;
  }

  private static int kindRank(String kind) {
    int i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.size() : i;
  }
}
