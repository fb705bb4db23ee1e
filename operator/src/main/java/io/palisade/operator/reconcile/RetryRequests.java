package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.control.ControlState;
import io.palisade.operator.model.StakePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The request to retry a failed node version: the annotation on a StakePool, honoured once, then removed. */
final class RetryRequests {
  private static final Logger LOG = LoggerFactory.getLogger(RetryRequests.class);

  private RetryRequests() {}

  /**
   * A failed version is never rolled out again by itself; the annotation {@value StakePool#ANNOTATION_RETRY_VERSION} naming it
   * is the explicit request to try it once more. The annotation is removed once honoured.
   */
  static ControlState retryIfAsked(KubernetesClient client, StakePool pool, ControlState state) {
    String retry = pool.getMetadata().getAnnotations() == null ? null
        : pool.getMetadata().getAnnotations().get(StakePool.ANNOTATION_RETRY_VERSION);
    if (retry == null) {
      return state;
    }
    ControlState out = state;
    try {
      io.palisade.spec.NodeVersion v = io.palisade.spec.NodeVersion.parse(retry);
      if (state != null && state.rollout() == null && state.failure(v).isPresent()) {
        out = state.withoutFailure(v);
        LOG.info("StakePool {}/{}: retrying version {} as asked", pool.getMetadata().getNamespace(),
            pool.getMetadata().getName(), v);
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("StakePool {}/{}: ignoring {}={}: {}", pool.getMetadata().getNamespace(), pool.getMetadata().getName(),
          StakePool.ANNOTATION_RETRY_VERSION, retry, e.getMessage());
    }
    StakePool edited = client.resources(StakePool.class).inNamespace(pool.getMetadata().getNamespace())
        .withName(pool.getMetadata().getName()).edit(p -> {
          p.getMetadata().getAnnotations().remove(StakePool.ANNOTATION_RETRY_VERSION);
          return p;
        });
    pool.getMetadata().setResourceVersion(edited.getMetadata().getResourceVersion());
    return out;
  }
}
