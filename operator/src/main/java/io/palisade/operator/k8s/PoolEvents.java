package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.control.ControlEvent;
import io.palisade.operator.model.StakePool;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the control logic's decisions as Kubernetes events on the StakePool ({@code kubectl describe stakepool}),
 * each with its CamelCase reason. An event that cannot be written is logged, never fails the pass.
 */
public final class PoolEvents {
  /** The events' source component. */
  public static final String COMPONENT = "palisade-operator";
  private static final Logger LOG = LoggerFactory.getLogger(PoolEvents.class);
  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final int MAX_MESSAGE = 1000;

  private final KubernetesClient client;

  /** @param client the client */
  public PoolEvents(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Writes events about {@code pool}.
   *
   * @param pool the StakePool
   * @param events the decisions
   */
  public void write(StakePool pool, List<ControlEvent> events) {
    for (ControlEvent e : events) {
      String message = (e.node() == null ? "" : e.node() + ": ") + e.message();
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE - 1) + "…";
      }
      Event event = new EventBuilder()
          .withNewMetadata()
          .withName(pool.getMetadata().getName() + "." + Long.toHexString(e.time().toEpochMilli())
              + Long.toHexString(SEQUENCE.incrementAndGet()))
          .withNamespace(pool.getMetadata().getNamespace())
          .endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(pool.getApiVersion())
              .withKind(pool.getKind()).withName(pool.getMetadata().getName())
              .withNamespace(pool.getMetadata().getNamespace()).withUid(pool.getMetadata().getUid()).build())
          .withType(e.severity().name())
          .withReason(e.reason())
          .withMessage(message)
          .withFirstTimestamp(e.time().toString())
          .withLastTimestamp(e.time().toString())
          .withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build();
      try {
        client.v1().events().inNamespace(pool.getMetadata().getNamespace()).resource(event).create();
      } catch (KubernetesClientException ex) {
        LOG.warn("cannot write event {} {}: {}", e.reason(), e.node(), ex.getMessage());
      }
    }
  }
}
