package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.chain.GenesisParameters;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.PublishedSchedule;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the operator learns the block producer's leader slots: a port, so the operator never computes with the VRF
 * signing key. The schedule is computed where the key already is (the block producer's pod, or offline) and
 * published; this port reads the publication. The default ({@link #secret()}) reads the pool's leader-schedule
 * Secret.
 */
@FunctionalInterface
public interface LeaderSchedules {
  /**
   * The block producer's leader slots as published now.
   *
   * @param client the client
   * @param namespace the pool's namespace
   * @param pool the pool's name
   * @param genesis the pool's network
   * @param now the time
   * @return the schedule, or an unknown one saying why
   */
  PublishedSchedule read(KubernetesClient client, String namespace, String pool, GenesisParameters genesis,
      Instant now);

  /** The name of a pool's leader-schedule Secret: {@code <pool>-leader-schedule}. */
  static String secretName(String pool) {
    return pool + "-leader-schedule";
  }

  /**
   * The leader-schedule Secret as the operator creates it: empty, labelled with the pool; it owns it, and only the
   * producer's schedule publisher writes its data.
   */
  static Secret emptySecret(String namespace, String pool) {
    return new SecretBuilder().withNewMetadata().withName(secretName(pool)).withNamespace(namespace)
        .withLabels(Map.of(PoolNames.LABEL_POOL, pool)).endMetadata().withType("Opaque").build();
  }

  /**
   * Reads the Secret {@link #secretName} in the pool's namespace: one key {@code epoch-<N>.json} per epoch, each the
   * output of {@code palisade leader-schedule --epoch N --json} (see {@link PublishedSchedule}). A Secret, not a
   * ConfigMap: the schedule is no key, but it tells an attacker when to hit the producer, so only those who may read
   * the pool's Secrets read it.
   */
  static LeaderSchedules secret() {
    return (client, namespace, pool, genesis, now) -> {
      Secret s;
      try {
        s = client.secrets().inNamespace(namespace).withName(secretName(pool)).get();
      } catch (KubernetesClientException e) {
        return PublishedSchedule.unknown("cannot read the Secret " + secretName(pool) + ": " + e.getMessage());
      }
      Map<String, byte[]> data = new LinkedHashMap<>();
      if (s != null && s.getData() != null) {
        for (Map.Entry<String, String> e : s.getData().entrySet()) {
          if (!PublishedSchedule.KEY.matcher(e.getKey()).matches()) {
            continue;
          }
          try {
            data.put(e.getKey(), Base64.getDecoder().decode(e.getValue() == null ? "" : e.getValue()));
          } catch (IllegalArgumentException ex) {
            return PublishedSchedule.unknown(e.getKey() + " of the Secret " + secretName(pool) + " is not base64");
          }
        }
      }
      if (data.isEmpty()) {
        return PublishedSchedule.unknown("no leader schedule is published in the Secret " + secretName(pool)
            + " yet");
      }
      PublishedSchedule parsed = PublishedSchedule.parse(data, genesis, now);
      Map<String, String> notes = s.getMetadata().getAnnotations();
      String from = notes == null ? null : notes.get(SchedulePublication.ANNOTATION_FROM);
      if (!parsed.known() || from == null) {
        return parsed;
      }
      // Published by the operator from a producer's agent (not by hand): say from which pod, and when.
      String at = notes.get(SchedulePublication.ANNOTATION_AT);
      return new PublishedSchedule(parsed.calendar(), parsed.epochs(), (parsed.source() == null ? ""
          : parsed.source() + ", ") + "copied from the agent of pod " + from + (at == null ? "" : " at " + at),
          null);
    };
  }
}
