package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.palisade.control.Action;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ControlState;
import io.palisade.control.Decision;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.PoolController;
import io.palisade.control.RolloutOrder;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.k8s.OwnedObjects;
import io.palisade.operator.k8s.PoolEvents;
import io.palisade.operator.model.Adoption;
import io.palisade.operator.model.InvalidStakePoolException;
import io.palisade.operator.model.KesCheck;
import io.palisade.operator.model.PodObservations;
import io.palisade.operator.model.PoolDesign;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.ProducerMaintenance;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles StakePools. One pass:
 *
 * <ol>
 *   <li>reads the StakePool fresh from the API server and checks its spec with the rules of {@code pool.yaml}
 *       (a bad spec: status {@code InvalidSpec} with every error, no retry, nothing touched);
 *   <li>observes the pool's pods and runs the control logic ({@link PoolController}, StatefulSet order) on
 *       (spec, pods, the control state kept in the status, clock);
 *   <li>with a standby, carries out the producer lease's pass ({@link ProducerLeasePass}: its state in the Lease,
 *       written before it acts; the standby judged ready when synced);
 *   <li>keeps the slot ledger ({@link SlotBookkeeping}: each leader slot's verdict, in {@code status.slots}, the
 *       pass's own decisions counted as Palisade's actions);
 *   <li>writes the new status, control state included, <em>before</em> acting, so a restarted operator resumes
 *       exactly where this one stopped;
 *   <li>makes sure the shared objects exist (service account, policies, Services, budgets, the hot-key Secret), then
 *       carries the actions out through {@link StatefulSetRuntime}, then brings every owned object in line with the
 *       state and deletes stuck pods;
 *   <li>writes the decisions as Kubernetes events (also when acting failed: their state is in the status) and asks
 *       for the next pass soon while anything is in progress.
 * </ol>
 */
@ControllerConfiguration(name = StakePoolReconciler.NAME)
public final class StakePoolReconciler implements Reconciler<StakePool> {
  /** The controller's name. */
  public static final String NAME = "stakepool";
  /** On a StakePool: try this failed node version once more (removed by the operator once honoured). */
  public static final String ANNOTATION_RETRY_VERSION = StakePool.ANNOTATION_RETRY_VERSION;
  private static final Logger LOG = LoggerFactory.getLogger(StakePoolReconciler.class);
  private static final AtomicLong PASSES = new AtomicLong();
  private static final Duration MIN_WAKE = Duration.ofMillis(100);

  private final OperatorOptions options;
  private final PoolController controller;
  private final ConcurrentMap<String, ConcurrentMap<String, Integer>> deletions = new ConcurrentHashMap<>();
  private final RelayRemovals removals = new RelayRemovals();
  private final ConcurrentMap<String, String> lastWaiting = new ConcurrentHashMap<>();
  private final PassGate gate = new PassGate();
  private final LeaseStopwatch stopwatch;
  private final SlotLedgers ledgers = new SlotLedgers(); // each pass's ledger, for the operator's /metrics

  /** @param options how to run */
  public StakePoolReconciler(OperatorOptions options) {
    this.options = options;
    this.controller = new PoolController(options.healing(), RolloutOrder.STATEFULSET);
    this.stopwatch = new LeaseStopwatch(options.ticker());
  }

  @Override
  public List<EventSource<?, StakePool>> prepareEventSources(EventSourceContext<StakePool> context) {
    // Pods and StatefulSets of a pool carry its name in palisade.io/pool; the StakePool has the pool's name.
    var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, StakePool.class)
        .withName("pods").withLabelSelector(PoolNames.LABEL_POOL)
        .withSecondaryToPrimaryMapper(StakePoolReconciler::primaryOf).build(), context);
    var statefulSets = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(StatefulSet.class, StakePool.class)
        .withName("statefulsets").withLabelSelector(PoolNames.LABEL_POOL)
        .withSecondaryToPrimaryMapper(StakePoolReconciler::primaryOf).build(), context);
    ledgers.watching(context.getPrimaryCache());
    return List.of(pods, statefulSets);
  }

  private static Set<ResourceID> primaryOf(HasMetadata o) {
    String pool = o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(PoolNames.LABEL_POOL);
    return pool == null ? Set.of() : Set.of(new ResourceID(pool, o.getMetadata().getNamespace()));
  }

  @Override
  public UpdateControl<StakePool> reconcile(StakePool resource, Context<StakePool> context) {
    if (!gate.enter()) {
      return UpdateControl.noUpdate(); // stopping: write nothing more
    }
    try {
      return pass(resource, context.getClient());
    } finally {
      gate.exit();
    }
  }

  /** Stops taking passes, then waits up to {@code timeout} for the running ones to end (before the watches close). */
  boolean quiesce(Duration timeout) {
    return gate.close(timeout);
  }

  /** The ledgers the passes post, which the operator's /metrics serves. */
  SlotLedgers ledgers() {
    return ledgers;
  }

  /**
   * One pass on {@code resource} (what JOSDK calls; public for the benchmark, which runs passes without JOSDK).
   *
   * @param resource the StakePool (only its namespace and name are used: it is read fresh)
   * @param client the client
   * @return no update (the status was written already), and when to run again
   * @throws InvalidStakePoolException if the spec is refused
   */
  public UpdateControl<StakePool> pass(StakePool resource, KubernetesClient client) {
    long pass = PASSES.incrementAndGet();
    String marker = "Reconciliation #" + pass + " StakePool(" + resource.getMetadata().getNamespace() + "/"
        + resource.getMetadata().getName() + ")";
    // The informer's copy may lag our own status writes: the control state must be the latest.
    StakePool pool = client.resources(StakePool.class).inNamespace(resource.getMetadata().getNamespace())
        .withName(resource.getMetadata().getName()).get();
    if (pool == null) {
      ledgers.remove(resource);
      return UpdateControl.noUpdate();
    }
    LoadedPoolSpec loaded = PoolSpecCheck.check(pool, options.render());
    Instant now = options.clock().instant();
    PoolNames names = new PoolNames(loaded.spec());
    String ns = names.namespace();

    ControlState before = StatusBuilder.controlState(pool.getStatus());
    before = RetryRequests.retryIfAsked(client, pool, before);
    DesiredPool desired = DesiredPool.fromSpec(loaded.spec());
    List<NodeRef> nodes = new ArrayList<>(desired.nodes());
    if (before != null) {
      before.members().stream().map(MemberState::ref).filter(r -> !nodes.contains(r)).forEach(nodes::add);
    }
    List<Pod> pods = client.pods().inNamespace(ns).withLabel(PoolNames.LABEL_POOL, loaded.spec().name()).list()
        .getItems();
    // The producer lease (a pool with a standby): the standby is judged ready when it is synced.
    ProducerLeasePass lease = ProducerLeasePass.begin(client, pool, loaded.spec(), pods, options.agents(),
        stopwatch, now);
    Map<String, NodeObservation> observed = PodObservations.observe(nodes, names, pods, now);
    observed = lease == null ? observed : lease.judged(observed);
    if (before == null) {
      before = Adoption.adopt(desired, observed, now);
      if (before != null) {
        LOG.warn("{}: no control state in the status, but pods run: adopting them as they are (pool version {})",
            marker, before.poolVersion());
      }
    }
    RelayRemovals.Removal removal = before == null ? null
        : removals.removal(pool, loaded, desired, before, observed, now);
    if (removal != null && removal.next() != null) {
      before = removal.next();
    }
    // Leader-aware maintenance: the producer's rollout step (and a restart asked for) waits for a free window.
    String producer = loaded.spec().blockProducerRef().name();
    String producerPod = names.podName(loaded.spec().blockProducerRef());
    String producerUid = pods.stream().filter(p -> producerPod.equals(p.getMetadata().getName()))
        .map(p -> p.getMetadata().getUid()).findFirst().orElse(null);
    // The forging producer's schedule, as its agent serves it, into the Secret the gating below reads.
    Optional<ControlEvent> published = SchedulePublication.copy(client, loaded, names, pods, options.agents(),
        lease == null ? null : lease.forgingLease().holder(), now);
    ProducerMaintenance maintenance = MaintenanceReads.maintenance(options, client, pool, loaded, names, producer,
        now);
    maintenance.observed(observed.get(producer), producerUid);
    Decision d = controller.decide(desired, observed, before, now, maintenance.window(),
        lease == null ? null : lease.forgingLease());
    boolean producerRestarting = d.actions().stream().anyMatch(a -> producer.equals(a.nodeName())
        && (a instanceof Action.RestartNode || a instanceof Action.StartNode));
    if (producerRestarting) {
      maintenance.restarted(producerUid);
    }
    Map<String, String> podOf = new LinkedHashMap<>();
    d.state().members().forEach(m -> podOf.put(m.name(), names.podName(m.ref())));
    RestartRequests.Outcome restart = RestartRequests.decide(pool, d.state(), observed, podOf, maintenance,
        RestartRequests.Forgers.of(lease, producer), producerUid, producerRestarting, now);

    Map<String, String> known = new LinkedHashMap<>(PodObservations.imagesOf(pods));
    if (pool.getStatus() != null && pool.getStatus().nodeImages != null) {
      known.putAll(pool.getStatus().nodeImages);
    }
    Map<String, String> images = PoolDesign.rememberedImages(loaded.spec(), d.state(), known);
    PoolDesign design = new PoolDesign(loaded, options.render(), d.state(), images);
    OwnedObjects owned = new OwnedObjects(client, pool);
    Secret secret = owned.ensureSecret(design.emptyHotKeySecret());
    KesCheck kes = KesCheck.of(secret.getData(), loaded.genesis(), now);

    // Designed before the status is written: a spec that cannot be designed (an image no longer known) changes nothing.
    List<HasMetadata> desiredObjects = design.objects();
    owned.ensureSecret(LeaderSchedules.emptySecret(names.namespace(), loaded.spec().name()));
    if (lease != null) {
      lease.moveForging(d.actions()); // a rollout's move of forging: the lease pass's switchover, below
    }
    ProducerLeasePass.Outcome moves = lease == null ? null : lease.run(maintenance.window(), lastWaiting, now);
    StakePoolStatus status = StatusBuilder.running(pool, names, d.state(), observed, kes, images, now);
    status.maintenance = maintenance.view(d.state(), restart.waiting());
    if (restart.waitsForMove() != null) {
      status.maintenance.waiting = maintenance.withMoveWait(status.maintenance.waiting, restart.node(),
          restart.waitsForMove());
    }
    status.producer = moves == null ? null : moves.view();
    List<ControlEvent> events = new ArrayList<>(moves == null ? List.of() : moves.events());
    // The slot ledger: the pass's decisions start Palisade's actions, so does a lease move in progress (its event may
    // never have reached the ledger: an operator stopped in between).
    List<ControlEvent> moving = lease == null ? List.of() : lease.moveInProgress().stream().toList();
    SlotBookkeeping.Result slots = SlotBookkeeping.pass(client, pool, loaded, pods, options, lease,
        maintenance.schedule(), concat(moving, events, d.events(), restart.events()), now);
    status.slots = slots.view();
    writeStatus(client, pool, status);
    ledgers.post(pool, status.slots, loaded.genesis());
    events.addAll(slots.events());
    published.ifPresent(events::add);
    boolean decisionRecorded = false;
    try {
      for (HasMetadata o : desiredObjects) {
        if (!(o instanceof StatefulSet) && !"ConfigMap".equals(o.getKind())) {
          owned.apply(o);
        }
      }
      ConcurrentMap<String, Integer> deleted = deletions.computeIfAbsent(pool.getMetadata().getUid(),
          k -> new ConcurrentHashMap<>());
      StatefulSetRuntime runtime = new StatefulSetRuntime(client, owned, design, d.state(), observed, deleted,
          removal == null ? Map.of() : removal.leaving());
      if (removal != null) {
        // The removal's topology changes, then its stop: the relay leaves every topology (ConfigMaps, the block
        // producer's NetworkPolicy) before its StatefulSet is scaled down. A failed write ends the pass before the
        // scale-down; the next pass writes the designed objects in the same order (ConfigMaps before StatefulSets).
        for (Action a : removal.actions()) {
          try {
            a.applyTo(runtime);
          } catch (NodeRuntimeException e) {
            throw new IllegalStateException("removing " + String.join(", ", removal.leaving().keySet())
                + " stopped before its StatefulSet was scaled down: " + e.getMessage(), e);
          }
        }
        events.addAll(removal.events());
      }
      events.addAll(d.events());
      events.addAll(restart.events());
      decisionRecorded = true;
      if (restart.deletePod() != null) {
        client.pods().inNamespace(ns).withName(restart.deletePod()).delete();
      }
      if (restart.clear()) {
        RestartRequests.clear(client, pool, restart.node());
      }
      for (Action a : d.actions()) {
        try {
          a.applyTo(runtime);
        } catch (NodeRuntimeException e) {
          events.add(ControlEvent.of(now, Reason.ACTION_FAILED, a.nodeName(),
              "could not " + a.getClass().getSimpleName() + " " + a.nodeName() + ": " + e.getMessage()));
        }
      }
      desiredObjects.forEach(owned::apply);
      List<Pod> after = client.pods().inNamespace(ns).withLabel(PoolNames.LABEL_POOL, loaded.spec().name()).list()
          .getItems();
      design.workloads().forEach(w -> runtime.converge(w, after));
    } finally {
      if (!decisionRecorded) {
        // The status holds the decision's state already: its events are recorded even when the pass fails after
        // (the next pass starts from that state and will not decide them again).
        events.addAll(d.events());
        events.addAll(restart.events());
      }
      new PoolEvents(client).write(pool, events);
      for (ControlEvent e : events) {
        LOG.info("{}: {}", marker, e);
      }
    }
    boolean busy = d.state().rollout() != null || d.state().relayAddition() != null
        || observed.values().stream().anyMatch(o -> !o.ready()) || removal != null
        || status.maintenance.waiting != null || restart.node() != null || moves != null && moves.moving();
    Duration tick = busy ? options.busyTick() : options.idleTick();
    // A pass shortly after the next leader slot's end, so the readings bracket it tightly.
    Duration next = slots.wakeIn().filter(w -> w.compareTo(tick) < 0).map(w -> w.compareTo(MIN_WAKE) < 0 ? MIN_WAKE
        : w).orElse(tick);
    return UpdateControl.<StakePool>noUpdate().rescheduleAfter(next);
  }

  @SafeVarargs
  private static List<ControlEvent> concat(List<ControlEvent>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }

  private static void writeStatus(KubernetesClient client, StakePool pool, StakePoolStatus status) {
    if (pool.getStatus() != null && Serialization.asJson(pool.getStatus()).equals(Serialization.asJson(status))) {
      return;
    }
    StakePool copy = Serialization.clone(pool);
    copy.setStatus(status);
    client.resources(StakePool.class).inNamespace(pool.getMetadata().getNamespace()).resource(copy).updateStatus();
  }

  @Override
  public ErrorStatusUpdateControl<StakePool> updateErrorStatus(StakePool resource, Context<StakePool> context,
      Exception e) {
    if (gate.closed()) {
      return ErrorStatusUpdateControl.noStatusUpdate(); // stopping: write nothing more
    }
    Instant now = options.clock().instant();
    StakePool copy = Serialization.clone(resource);
    if (e instanceof InvalidStakePoolException invalid) {
      ledgers.remove(resource); // the invalid status holds no ledger
      LOG.warn("StakePool {}/{} refused: {}", resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
          invalid.getMessage());
      copy.setStatus(StatusBuilder.invalid(resource, invalid.errors(), now));
      new PoolEvents(context.getClient()).write(resource, List.of(ControlEvent.of(now, Reason.INVALID_SPEC, null,
          String.join("; ", invalid.errors()))));
      return ErrorStatusUpdateControl.patchStatus(copy).withNoRetry();
    }
    LOG.warn("StakePool {}/{}: pass failed, retrying: {}", resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(), e.toString());
    copy.setStatus(StatusBuilder.failed(resource, e.getClass().getSimpleName() + ": " + e.getMessage(), now));
    // Retried with backoff; and should the retries run out, the pool is still passed over later.
    return ErrorStatusUpdateControl.patchStatus(copy).rescheduleAfter(options.idleTick());
  }
}
