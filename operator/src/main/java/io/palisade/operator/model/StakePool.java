package io.palisade.operator.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A stake pool on Kubernetes: its spec is the pool spec ({@code pool.yaml}), its status what the operator made of it.
 * It lives in the pool's namespace ({@code <name>-pool}) and is named like the pool.
 *
 * <pre>{@code
 * apiVersion: palisade.io/v1
 * kind: StakePool
 * metadata: {name: pyur, namespace: pyur-pool}
 * spec: {name: pyur, network: mainnet, node: {version: 10.5.3, image: ...}, relays: [...], ...}
 * }</pre>
 */
@Group(StakePool.GROUP)
@Version(StakePool.VERSION)
@Kind("StakePool")
@Plural("stakepools")
@ShortNames("sp")
public class StakePool extends CustomResource<StakePoolSpec, StakePoolStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** The API group. */
  public static final String GROUP = "palisade.io";
  /** The API version. */
  public static final String VERSION = "v1";
  /** The CRD's name, as the generator writes it. */
  public static final String CRD_NAME = "stakepools." + GROUP;
  /** Annotation: try this failed node version once more (the operator removes it once honoured). */
  public static final String ANNOTATION_RETRY_VERSION = "palisade.io/retry-version";
  /**
   * On a StakePool: restart this node (its pod is deleted; the block producer's only in a free window between its
   * leader slots); removed by the operator once done or refused.
   */
  public static final String ANNOTATION_RESTART = "palisade.io/restart";
  /**
   * On a StakePool with a standby: move forging to the other producer in the next free window of the leader schedule
   * (any value; removed by the operator once answered, the answer in an event and in {@code status.producer}).
   */
  public static final String ANNOTATION_SWITCHOVER = "palisade.io/switchover";
  /** Where the generated CRD is on the classpath. */
  public static final String CRD_RESOURCE = "/META-INF/fabric8/" + CRD_NAME + "-v1.yml";
}
