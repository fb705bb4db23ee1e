package io.palisade.operator.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Runs a read-check-write against the API server again when the write loses an optimistic-lock race (HTTP 409).
 *
 * <p>The operator writes a StakePool's status while a person changes its spec; on a real cluster a status write moves
 * the object's resourceVersion, so the person's update can be refused although nothing they care about changed.
 * Each attempt reads the object afresh and checks again, so a retry never writes over a change it has not seen.
 */
public final class ConflictRetry {
  public static final int ATTEMPTS = 5;

  private ConflictRetry() {}

  /**
   * Runs {@code readCheckWrite}, again (up to {@link #ATTEMPTS} times in all) while it fails with HTTP 409.
   *
   * @param readCheckWrite reads the object, checks it and writes it
   * @param <T> its result
   * @return its result
   * @throws KubernetesClientException any other failure, or the last conflict
   */
  public static <T> T run(Supplier<T> readCheckWrite) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readCheckWrite.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
