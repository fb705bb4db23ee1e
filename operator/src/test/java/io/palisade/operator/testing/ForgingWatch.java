package io.palisade.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.control.lease.ForgingReading;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.PodObservations;
import io.palisade.operator.model.ProducerLeaseRecord;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.reconcile.ProducerAgents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelets and agents of a pool's two producers, as far as forging goes, and a watch over them: a producer's pod
 * has credentials in memory when its forging Secret existed when the pod was first seen (its init container copies
 * them at start; a pod first seen later is counted as having them, which can only over-count). Every 20 ms it samples
 * pods, forging Secrets and the Lease, and records each violation: two pods with credentials, two forging Secrets, a
 * fencing token that went back.
 */
public final class ForgingWatch implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final String pool;
  private final Set<String> producers;
  private final Map<String, Boolean> credentialsOf = new ConcurrentHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Starts sampling.
   *
   * @param client the client
   * @param namespace the pool's namespace
   * @param pool the pool's name
   * @param producers the producers' node names (their pods are {@code NAME-0})
   */
  public ForgingWatch(KubernetesClient client, String namespace, String pool, Set<String> producers) {
    this.client = client;
    this.namespace = namespace;
    this.pool = pool;
    this.producers = Set.copyOf(producers);
    this.thread = new Thread(this::loop, "forging-watch");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The agents' readings: ON for a Ready pod that has credentials, OFF for a Ready one without, else unknown. */
  public ProducerAgents agents() {
    return (c, listed, port) -> {
      Pod pod;
      try {
        pod = c.pods().inNamespace(listed.getMetadata().getNamespace()).withName(listed.getMetadata().getName()).get();
      } catch (KubernetesClientException e) {
        return AgentReading.NONE;
      }
      if (pod == null || !"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
        return AgentReading.NONE;
      }
      boolean creds = credentials(pod);
      boolean ready = PodObservations.isReady(pod);
      return new AgentReading(!ready ? ForgingReading.UNKNOWN : creds ? ForgingReading.ON : ForgingReading.OFF, true);
    };
  }

  /** What went wrong so far. */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** Every fencing token sampled, in order. */
  public List<Long> tokens() {
    synchronized (tokens) {
      return List.copyOf(tokens);
    }
  }

  private boolean credentials(Pod pod) {
    String node = pod.getMetadata().getName().substring(0, pod.getMetadata().getName().length() - 2);
    return credentialsOf.computeIfAbsent(pod.getMetadata().getUid(), u -> client.secrets().inNamespace(namespace)
        .withName(pool + "-" + node + "-forging").get() != null);
  }

  private void loop() {
    while (running) {
      try {
        sample();
      } catch (KubernetesClientException e) {
        // the server is closing
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    List<String> withCredentials = new ArrayList<>();
    for (Pod p : client.pods().inNamespace(namespace).withLabel(PoolNames.LABEL_ROLE, PoolNames.ROLE_BLOCK_PRODUCER)
        .list().getItems()) {
      if (credentials(p)) {
        withCredentials.add(p.getMetadata().getName() + "/" + p.getMetadata().getUid());
      }
    }
    if (withCredentials.size() > 1) {
      violations.add("two pods with credentials: " + withCredentials);
    }
    List<String> secrets = new ArrayList<>();
    for (String n : producers) {
      Secret s = client.secrets().inNamespace(namespace).withName(pool + "-" + n + "-forging").get();
      if (s != null) {
        secrets.add(s.getMetadata().getName());
      }
    }
    if (secrets.size() > 1) {
      violations.add("two forging Secrets: " + secrets);
    }
    Lease lease = client.leases().inNamespace(namespace).withName(pool + "-producer").get();
    if (lease != null && lease.getMetadata().getAnnotations() != null) {
      String t = lease.getMetadata().getAnnotations().get(ProducerLeaseRecord.ANNOTATION_TOKEN);
      if (t != null) {
        long token = Long.parseLong(t);
        synchronized (tokens) {
          if (!tokens.isEmpty() && token < tokens.get(tokens.size() - 1)) {
            violations.add("the fencing token went back from " + tokens.get(tokens.size() - 1) + " to " + token);
          }
          tokens.add(token);
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
