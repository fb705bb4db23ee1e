package io.palisade.deploy.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.RelayGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pool's Services. The block producer: a ClusterIP Service only, never a public address. Each relay region: a
 * headless Service naming its pods (how pool nodes find each other) and a LoadBalancer carrying TCP node-to-node only.
 * Pool-internal Services publish pods that are not ready yet, so a syncing node keeps its pool connections; the
 * public one routes only to ready (synced) relays.
 */
public final class PoolServices {
  /** Monokle's suppression annotation for "no exposed service": relays are public by design. */
  public static final String MONOKLE_SUPPRESS_EXPOSED = "monokle.io/suppress.KBP114";

  private final PoolSpec spec;
  private final PoolNames names;

  /** @param spec the pool */
  public PoolServices(PoolSpec spec) {
    this.spec = spec;
    this.names = new PoolNames(spec);
  }

  /** Every Service: the block producer's, then per region the headless and the public one. */
  public List<Service> all() {
    List<Service> all = new ArrayList<>();
    for (NodeWorkload w : NodeWorkload.of(spec)) {
      all.add(governing(w));
      w.relayGroup().ifPresent(g -> all.add(publicService(w, g)));
    }
    return all;
  }

  /** The block producer's ClusterIP Service, or a region's headless one. */
  public Service governing(NodeWorkload w) {
    ServiceBuilder b = new ServiceBuilder()
        .withNewMetadata().withName(names.governingService(w.name())).withNamespace(names.namespace())
        .withLabels(names.labels(w.first())).endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(names.selector(w.first()))
        .withPorts(nodeToNode(spec.ports().nodeToNode()))
        .withPublishNotReadyAddresses(true)
        .endSpec();
    if (!w.isBlockProducer()) {
      b.editSpec().withClusterIP("None").endSpec();
    }
    return b.build();
  }

  /** A region's LoadBalancer: the public port to node-to-node, TCP only, client addresses preserved. */
  public Service publicService(NodeWorkload w, RelayGroupSpec group) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(PoolNames.ANNOTATION_PUBLIC_ADDRESS, group.publicAddress());
    annotations.put(MONOKLE_SUPPRESS_EXPOSED,
        "relays are the pool's public face: they must be reachable from the internet on node-to-node only");
    ServicePort port = new ServicePortBuilder().withName(PoolNames.PORT_NODE_TO_NODE).withProtocol("TCP")
        .withPort(group.port()).withTargetPort(new IntOrString(PoolNames.PORT_NODE_TO_NODE)).build();
    return new ServiceBuilder()
        .withNewMetadata().withName(names.publicService(group.region())).withNamespace(names.namespace())
        .withLabels(names.labels(w.first())).withAnnotations(annotations).endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .withExternalTrafficPolicy("Local")
        .withSelector(names.selector(w.first()))
        .withPorts(port)
        .endSpec()
        .build();
  }

  private static ServicePort nodeToNode(int port) {
    return new ServicePortBuilder().withName(PoolNames.PORT_NODE_TO_NODE).withProtocol("TCP").withPort(port)
        .withTargetPort(new IntOrString(PoolNames.PORT_NODE_TO_NODE)).build();
  }
}
