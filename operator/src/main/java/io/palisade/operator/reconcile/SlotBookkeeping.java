package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.ProducerPods;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.model.PublishedSchedule;
import io.palisade.operator.model.SlotBook;
import io.palisade.operator.model.SlotChains;
import io.palisade.operator.model.SlotReading;
import io.palisade.operator.model.SlotsView;
import io.palisade.operator.model.StakePool;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The slot ledger on Kubernetes, each reconcile pass: reads the forging producer (the lease holder with a standby,
 * else the block producer) once (the lease pass's reading when it made one), and hands the reading, the published
 * schedule and the pass's own decisions to the pure {@link SlotBook}, whose ledger goes into {@code status.slots}
 * and whose missed slots become Warning events; then the chain check of its adopted slots ({@link SlotChainPass}: the
 * block's hash from the producer's log, the pool's relays asked an hour later).
 *
 * <p>The producer's condition: down when no pod of it runs (none, not Running, or terminating); otherwise its agent's
 * health state and readiness as control's {@link ProducerCondition#of} judges them on a single host; unobserved when
 * its agent did not answer (never a guess). The agent is read only while the ledger has something to decide (a
 * published schedule of the current epoch, or a slot of the status still undecided).
 */
final class SlotBookkeeping {
  /** How far ahead of the operator's clock an agent's may be before its observation times are not trusted. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

  private SlotBookkeeping() {}

  /**
   * What the pass gives the reconciler.
   *
   * @param view the ledger for {@code status.slots}
   * @param events a Warning event per missed slot decided this pass
   * @param wakeIn how soon a pass should come to decide the next leader slot, if one is to come
   */
  record Result(SlotsView view, List<ControlEvent> events, Optional<Duration> wakeIn) {}

  /**
   * One pass of the ledger.
   *
   * @param client the client
   * @param pool the StakePool, as read this pass (its status holds the ledger)
   * @param loaded its spec
   * @param pods its pods this pass
   * @param options where agents are read, and how adopted blocks are looked for on the relays' chain
   * @param lease the producer lease's pass (a pool with a standby), or null
   * @param schedule the published schedule this pass read
   * @param passEvents the pass's decisions (which start Palisade's actions)
   * @param now the time
   * @return the ledger, its events, the next pass
   */
  static Result pass(KubernetesClient client, StakePool pool, LoadedPoolSpec loaded, List<Pod> pods,
      OperatorOptions options, ProducerLeasePass lease, PublishedSchedule schedule, List<ControlEvent> passEvents,
      Instant now) {
    PoolNames names = new PoolNames(loaded.spec());
    String holder = lease == null ? null : lease.forgingLease().holder();
    NodeRef forger = loaded.spec().producerRefs().stream().filter(r -> r.name().equals(holder)).findFirst()
        .orElse(loaded.spec().blockProducerRef());
    SlotsView previous = pool.getStatus() == null ? null : pool.getStatus().slots;
    Pod pod = ProducerPods.pod(pods, names.podName(forger));
    boolean running = pod != null && pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase());
    boolean pending = previous != null && previous.epochs != null && previous.epochs.stream()
        .anyMatch(e -> e.pending != null && e.pending > 0);
    AgentReading r = null;
    if (running && (schedule.known() || pending)) {
      r = lease == null ? null : lease.reading(forger.name());
      r = r != null ? r : options.agents().read(client, pod, loaded.spec().ports().agent());
    }
    // Read after the agent answered: counters that do not say when they were observed were sampled before this.
    Instant answered = options.clock().instant();
    SlotReading reading = running && r == null && !schedule.known() && !pending
        ? new SlotReading(now, forger.name(), pod.getMetadata().getUid(), ProducerCondition.UNOBSERVED,
            "not read: no leader schedule of the current epoch is published, and no slot waits for a verdict", null,
            false)
        : reading(forger.name(), running ? pod : null, pod, r, now, answered);
    ChainClock chain = new ChainClock(loaded.genesis(), Clock.fixed(now, ZoneOffset.UTC));
    // The hot-key Secret is where new keys arrive (a rotation writes it; with a standby the holder's forging Secret
    // is a copy of it), so its certificate is the one whose change counts.
    String hotKeys = hotKeys(client, names.namespace(), names.hotKeySecret());
    SlotBook.Step step = SlotBook.step(previous, reading, schedules(schedule, chain), passEvents, hotKeys, chain);
    SlotChains.Step checked = SlotChainPass.run(client, options.chainChecks(), loaded, options.render().clusterDomain(),
        running ? pod : null, step, chain, now);
    List<ControlEvent> events = new ArrayList<>(step.events());
    events.addAll(checked.events());
    Optional<Instant> wake = Stream.concat(step.wakeAt().stream(), checked.wakeAt().stream()).min(Instant::compareTo);
    return new Result(checked.view(), events, wake.map(t -> Duration.between(now, t)));
  }

  /**
   * What the pass saw of the producer: at {@code now}, its counters as sampled by the agent's scrape, or, when the
   * agent does not say, sometime between {@code now} and {@code answered}.
   */
  static SlotReading reading(String node, Pod running, Pod any, AgentReading r, Instant now, Instant answered) {
    if (running == null) {
      String why = any == null ? "no pod of " + node + " runs"
          : any.getMetadata().getDeletionTimestamp() != null ? "its pod " + any.getMetadata().getName()
          + " is terminating" : "its pod " + any.getMetadata().getName() + " is " + (any.getStatus() == null ? "not"
          + " running" : any.getStatus().getPhase());
      return new SlotReading(now, node, null, ProducerCondition.DOWN, why, null, false);
    }
    String uid = running.getMetadata().getUid();
    if (r == null || !r.read()) {
      return new SlotReading(now, node, uid, ProducerCondition.UNOBSERVED, "its agent did not answer", null, false);
    }
    HealthState state;
    try {
      state = HealthState.valueOf(r.state());
    } catch (IllegalArgumentException e) {
      state = HealthState.UNKNOWN;
    }
    NodeObservation o = new NodeObservation(node, now, true, true, true, Boolean.TRUE.equals(r.ready()), state, null,
        null, null, r.reasons());
    String detail = "state: " + r.state() + (r.ready() == null ? "" : r.ready() ? ", ready" : ", not ready")
        + (r.reasons().isEmpty() ? "" : ": " + String.join("; ", r.reasons()));
    // A scrape that ended after the answer came back is an agent whose clock is ahead of ours by more than a clock
    // may be: not trusted, the pass's own times bound the counters instead.
    Instant until = answered.isBefore(now) ? now : answered;
    boolean told = r.forgeSampledTo() != null && !r.forgeSampledTo().isAfter(until.plus(CLOCK_SKEW));
    Instant from = told ? r.forgeSampledFrom() : now;
    Instant to = told ? r.forgeSampledTo() : until;
    return new SlotReading(now, node, uid, ProducerCondition.of(o), detail, r.forge(), true, from, to);
  }

  /** Each published epoch's leader slots. */
  private static Map<Long, List<Long>> schedules(PublishedSchedule schedule, ChainClock chain) {
    Map<Long, List<Long>> out = new LinkedHashMap<>();
    if (!schedule.known()) {
      return out;
    }
    schedule.epochs().forEach(e -> out.put(e.epoch(), new ArrayList<>()));
    for (LeaderCalendar.Slot s : schedule.calendar().slots()) {
      List<Long> slots = out.get(chain.epochOf(s.slot()));
      if (slots != null) {
        slots.add(s.slot());
      }
    }
    return out;
  }

  /** A digest of the producer's public certificate, or null when there is none (or it cannot be read). */
  private static String hotKeys(KubernetesClient client, String ns, String secretName) {
    Secret s;
    try {
      s = client.secrets().inNamespace(ns).withName(secretName).get();
    } catch (KubernetesClientException e) {
      return null;
    }
    String cert = s == null || s.getData() == null ? null : s.getData().get(HotKeyFiles.NODE_CERT);
    if (cert == null || cert.isEmpty()) {
      return null;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

}
