package io.palisade.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.palisade.control.ControlState;
import io.palisade.control.MemberState;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.CanonicalJson;
import io.palisade.deploy.model.NodeWorkload;
import io.palisade.deploy.model.PeerEndpoint;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.deploy.model.TopologyRenderer;
import io.palisade.spec.ImageRef;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeSpec;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes objects of a pool for one control state: what {@code deploy} renders, with the parts the control
 * logic owns laid over it. Pure: a function of (spec, cluster facts, control state, known images).
 *
 * <ul>
 *   <li>StatefulSets: each one's template at the version its highest ordinal should run, its partition where the
 *       versions change, its replicas up to the highest started member ({@link WorkloadPlan}); the template carries
 *       the version ({@value #ANNOTATION_NODE_VERSION}) and a hash of {@code config.json} only, so a topology
 *       change never rolls pods behind the control logic's back.
 *   <li>ConfigMaps: {@code config.json} for the template's version; each pod's topology with the pool peers the
 *       control logic gave it (a relay being added is not in the block producer's topology until it is ready).
 *   <li>The block producer's NetworkPolicy admits only the relays in its topology, by pod name.
 * </ul>
 *
 * <pre>{@code
 * PoolDesign design = new PoolDesign(loaded, RenderOptions.defaults(), state, images);
 * design.objects();                       // every object to create or update, in apply order
 * design.plan("relay-eu-west");           // template version, partition, replicas
 * }</pre>
 */
public final class PoolDesign {
  /** On pod templates (and so on pods): the cardano-node version the template runs. */
  public static final String ANNOTATION_NODE_VERSION = "palisade.io/node-version";
  /** The label the StatefulSet controller puts on each pod: its name. */
  public static final String LABEL_POD_NAME = "statefulset.kubernetes.io/pod-name";

  private final LoadedPoolSpec loaded;
  private final PoolSpec spec;
  private final RenderOptions options;
  private final ControlState state;
  private final Map<String, String> images;
  private final PoolNames names;
  private final Map<NodeVersion, PoolResources> renders = new HashMap<>();
  private final Map<NodeVersion, List<HasMetadata>> renderedObjects = new HashMap<>();
  private final Map<NodeVersion, TopologyRenderer> topologyRenderers = new HashMap<>();
  private final Map<String, StatefulSet> statefulSets = new HashMap<>();
  private final Map<String, ConfigMap> configMaps = new HashMap<>();
  private List<HasMetadata> objects;

  /**
   * @param loaded the checked spec
   * @param options cluster facts
   * @param state the control state (never null: the operator decides before it designs)
   * @param images the image of each node version (version text to image reference)
   */
  public PoolDesign(LoadedPoolSpec loaded, RenderOptions options, ControlState state, Map<String, String> images) {
    this.loaded = loaded;
    this.spec = loaded.spec();
    this.options = options;
    this.state = state;
    this.images = Map.copyOf(images);
    this.names = new PoolNames(spec);
  }

  /** The names of every object. */
  public PoolNames names() {
    return names;
  }

  /** The rendered namespace (the operator only checks it exists: the StakePool lives in it). */
  public Namespace namespace() {
    return render(spec.node().version()).namespace();
  }

  /** The hot-key Secret without data (the operator creates it when missing and never writes its data). */
  public Secret emptyHotKeySecret() {
    return render(spec.node().version()).hotKeySecret(Optional.empty());
  }

  /** The StatefulSet names, block producer first, then each region of the spec. */
  public List<String> workloads() {
    return NodeWorkload.of(spec).stream().map(NodeWorkload::name).toList();
  }

  /** The StatefulSet that runs {@code node}. */
  public String workloadOf(NodeRef node) {
    return names.statefulSet(node);
  }

  /** Every member of the control state that runs in {@code statefulSet}. */
  public List<MemberState> membersOf(String statefulSet) {
    return state.members().stream().filter(m -> names.statefulSet(m.ref()).equals(statefulSet)).toList();
  }

  /**
   * The plan of one StatefulSet.
   *
   * @param statefulSet its name
   * @return template version, partition, replicas
   */
  public WorkloadPlan plan(String statefulSet) {
    Map<Integer, NodeVersion> versions = new TreeMap<>();
    int replicas = 0;
    for (MemberState m : membersOf(statefulSet)) {
      int ordinal = PoolNames.podOrdinal(m.ref()); // a standby is ordinal 1 of the pool, 0 of its StatefulSet
      versions.put(ordinal, m.version());
      if (m.phase() != MemberState.Phase.FAILED) {
        replicas = Math.max(replicas, ordinal + 1);
      }
    }
    return WorkloadPlan.of(statefulSet, versions, replicas, state.poolVersion());
  }

  /**
   * Every object to create or update, in apply order: service account, network policies, ConfigMaps, Services,
   * StatefulSets, disruption budgets. Not the namespace, not the hot-key Secret (see {@link #emptyHotKeySecret()}).
   */
  public List<HasMetadata> objects() {
    if (objects != null) {
      return objects;
    }
    List<HasMetadata> out = new ArrayList<>();
    for (HasMetadata o : renderedAt(spec.node().version())) {
      switch (o.getKind()) {
        case "Namespace", "Secret" -> { }
        case "NetworkPolicy" -> out.add(o.getMetadata().getName().equals(names.blockProducerPolicy())
            ? blockProducerPolicy() : o);
        case "ConfigMap" -> out.add(configMap(statefulSetOfConfigMap(o.getMetadata().getName())));
        case "StatefulSet" -> out.add(statefulSet(o.getMetadata().getName()));
        default -> out.add(o);
      }
    }
    objects = List.copyOf(out);
    return objects;
  }

  /**
   * A StatefulSet as its plan wants it.
   *
   * @param statefulSet its name
   * @return the object
   */
  public StatefulSet statefulSet(String statefulSet) {
    return statefulSets.computeIfAbsent(statefulSet, this::designStatefulSet);
  }

  private StatefulSet designStatefulSet(String statefulSet) {
    WorkloadPlan plan = plan(statefulSet);
    StatefulSet rendered = (StatefulSet) find(renderedAt(plan.templateVersion()), "StatefulSet", statefulSet);
    ConfigMap config = (ConfigMap) find(renderedAt(plan.templateVersion()), "ConfigMap",
        names.configMap(statefulSet));
    Map<String, String> annotations = new TreeMap<>(rendered.getSpec().getTemplate().getMetadata().getAnnotations());
    annotations.put(PoolNames.ANNOTATION_CONFIG_HASH, sha256(config.getData().get(PoolNames.CONFIG_KEY)));
    annotations.put(ANNOTATION_NODE_VERSION, plan.templateVersion().toString());
    return new StatefulSetBuilder(rendered)
        .editSpec()
        .withReplicas(plan.replicas())
        .editUpdateStrategy().editRollingUpdate().withPartition(plan.partition()).endRollingUpdate()
        .endUpdateStrategy()
        .editTemplate().editMetadata().withAnnotations(annotations).endMetadata().endTemplate()
        .endSpec()
        .build();
  }

  /**
   * A StatefulSet's ConfigMap: {@code config.json} of its template's version, each pod's topology with the peers the
   * control logic gave it.
   *
   * @param statefulSet the StatefulSet's name
   * @return the object
   */
  public ConfigMap configMap(String statefulSet) {
    return configMaps.computeIfAbsent(statefulSet, this::designConfigMap);
  }

  private ConfigMap designConfigMap(String statefulSet) {
    WorkloadPlan plan = plan(statefulSet);
    ConfigMap rendered = (ConfigMap) find(renderedAt(plan.templateVersion()), "ConfigMap",
        names.configMap(statefulSet));
    Map<String, String> data = new TreeMap<>();
    data.put(PoolNames.CONFIG_KEY, rendered.getData().get(PoolNames.CONFIG_KEY));
    for (MemberState m : membersOf(statefulSet)) {
      String key = names.topologyKey(m.ref());
      if (m.topology() != null) {
        data.put(key, topology(m.ref(), m.topology(), plan.templateVersion()));
      } else if (rendered.getData().containsKey(key)) {
        data.put(key, rendered.getData().get(key));
      }
    }
    return new ConfigMapBuilder(rendered).withData(data).build();
  }

  /** The block producer's policy: node-to-node only with the relays in its topology (all relays before it has one). */
  public NetworkPolicy blockProducerPolicy() {
    NetworkPolicy rendered = (NetworkPolicy) find(renderedAt(spec.node().version()), "NetworkPolicy",
        names.blockProducerPolicy());
    List<String> relays = state.member(spec.blockProducer().name()).map(MemberState::topology).orElse(null);
    if (relays == null) {
      return rendered;
    }
    NetworkPolicyBuilder b = new NetworkPolicyBuilder(rendered);
    NetworkPolicy p = b.build();
    p.getSpec().getIngress().stream().flatMap(r -> r.getFrom() == null ? java.util.stream.Stream.empty()
        : r.getFrom().stream()).forEach(peer -> narrow(peer, relays));
    p.getSpec().getEgress().stream().flatMap(r -> r.getTo() == null ? java.util.stream.Stream.empty()
        : r.getTo().stream()).forEach(peer -> narrow(peer, relays));
    return p;
  }

  /** Restricts a peer that selects relay pods to the named ones (no relay at all: a name no pod has). */
  private void narrow(NetworkPolicyPeer peer, List<String> relays) {
    LabelSelector s = peer.getPodSelector();
    if (s == null || s.getMatchLabels() == null
        || !PoolNames.ROLE_RELAY.equals(s.getMatchLabels().get(PoolNames.LABEL_ROLE))) {
      return;
    }
    List<String> pods = relays.stream().map(r -> state.member(r).map(m -> names.podName(m.ref())).orElse(r))
        .sorted().toList();
    peer.setPodSelector(new LabelSelectorBuilder().withMatchLabels(s.getMatchLabels())
        .addNewMatchExpression().withKey(LABEL_POD_NAME).withOperator("In")
        .withValues(pods.isEmpty() ? List.of("none") : pods).endMatchExpression()
        .build());
  }

  /** A node's topology with exactly {@code peers} in its trusted local-root group. */
  private String topology(NodeRef node, List<String> peers, NodeVersion version) {
    PoolResources r = render(version);
    TopologyRenderer renderer = topologyRenderers.computeIfAbsent(version, v -> TopologyRenderer.of(r.configs()));
    ObjectNode t = renderer.topology(node, n -> new PeerEndpoint("placeholder.invalid", 1));
    JsonNode roots = t.get("localRoots");
    if (roots instanceof ArrayNode groups && !groups.isEmpty() && groups.get(0) instanceof ObjectNode group) {
      ArrayNode points = group.putArray("accessPoints");
      for (String peer : peers) {
        NodeRef ref = state.member(peer).map(MemberState::ref).orElseThrow(
            () -> new IllegalStateException("topology of " + node.name() + " names " + peer + ", not a member"));
        PeerEndpoint e = r.addressing().endpointOf(ref);
        ObjectNode p = points.addObject();
        p.put("address", e.host());
        p.put("port", e.port());
      }
      group.put("hotValency", peers.size());
      group.put("warmValency", peers.size());
    }
    return new String(CanonicalJson.bytes(t), StandardCharsets.UTF_8);
  }

  private String statefulSetOfConfigMap(String configMap) {
    return workloads().stream().filter(w -> names.configMap(w).equals(configMap)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no StatefulSet for ConfigMap " + configMap));
  }

  private List<HasMetadata> renderedAt(NodeVersion version) {
    return renderedObjects.computeIfAbsent(version, v -> render(v).all());
  }

  private PoolResources render(NodeVersion version) {
    return renders.computeIfAbsent(version, v -> {
      String image = v.equals(spec.node().version()) && spec.node().image() != null
          ? spec.node().image().toString() : images.get(v.toString());
      if (image == null) {
        throw new InvalidStakePoolException(List.of("status.nodeImages: no image is known for node version " + v
            + ", which a node still runs; put it back in spec.node.image until the pool has moved off it"));
      }
      NodeSpec node = new NodeSpec(v, ImageRef.parse(image), spec.node().binary());
      PoolSpec at = new PoolSpec(spec.name(), spec.network(), node, spec.registry(), spec.blockProducer(),
          spec.relays(), spec.peers(), spec.ports(), spec.keys(), spec.console(), spec.upgrade(), spec.palisade(),
          spec.firewall());
      return PoolFiles.poolResources(at, loaded.baseDir(), options);
    });
  }

  private static HasMetadata find(List<HasMetadata> objects, String kind, String name) {
    return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new IllegalStateException("deploy rendered no " + kind + " " + name));
  }

  /** The images the status should remember: the spec's, and those of versions still in use or failed. */
  public static Map<String, String> rememberedImages(PoolSpec spec, ControlState state, Map<String, String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    java.util.Set<String> used = new java.util.HashSet<>();
    used.add(state.poolVersion().toString());
    state.members().forEach(m -> used.add(m.version().toString()));
    if (state.rollout() != null) {
      state.rollout().previousVersions().values().forEach(v -> used.add(v.toString()));
      used.add(state.rollout().from().toString());
    }
    known.forEach((v, image) -> {
      if (used.contains(v)) {
        out.put(v, image);
      }
    });
    if (spec.node().image() != null) {
      out.put(spec.node().version().toString(), spec.node().image().toString());
    }
    return out;
  }

  static String sha256(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
