package io.palisade.runtime.local;

import io.palisade.agent.AgentConfig;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.PoolController;
import io.palisade.control.api.ActionResult;
import io.palisade.control.lease.LeasePolicy;
import io.palisade.control.lease.ProducerStopRoute;
import io.palisade.leader.PraosEra;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Opens a pool on a data directory: takes its lock, checks it holds this pool, builds the runtime and the pool's
 * parts, and resumes where a previous control plane stopped (or died): its requests and control state, a removal it
 * did not finish, a revocation, the nodes it left running ({@link RecoveryPlan}), their topology files.
 */
final class LocalPoolBootstrap {
  /**
   * The agent's thresholds for the runtime's gate: synced within 120 slots instead of gLiveView's 20. Blocks come
   * every 20 s on average (f = 0.05), so with 20 slots a freshly restarted node waits for the next block a third of
   * the time, which would make rollout steps fail by chance; two minutes behind is still "at the tip".
   */
  static final AgentConfig HEALTH = AgentConfig.defaults().withSyncThresholds(120, 300, 600, 900);

  private LocalPoolBootstrap() {}

  /** See {@link LocalPool#open}. */
  static LocalPool open(LocalPoolOptions options) throws IOException {
    DataDir dir = new DataDir(options.dataDir());
    if (!dir.tryLock()) {
      String who = dir.read(dir.controlPlaneFile(), ControlPlaneInfo.class)
          .map(i -> " (pid " + i.pid() + ", " + i.url() + ")").orElse("");
      throw new AlreadyRunningException("a control plane already runs on " + dir.root() + who
          + "; use 'palisade status' or 'palisade down'");
    }
    try {
      PoolSpec spec = options.pool().spec();
      Optional<PoolRecord> record = dir.read(dir.poolFile(), PoolRecord.class);
      if (record.isPresent() && !record.get().name().equals(spec.name())) {
        throw new IllegalStateException("the data directory " + dir.root() + " holds pool \"" + record.get().name()
            + "\", not \"" + spec.name() + "\"; use another --data-dir (or 'palisade down' and remove it)");
      }
      dir.write(dir.poolFile(), new PoolRecord(spec.name(), spec.network().toString(),
          options.pool().source()));
      RemovedStandby.checkLease(dir, spec);
      ChainClock chain = new ChainClock(options.pool().genesis(), options.clock());
      AtomicReference<Optional<HotKeyFiles>> keys = new AtomicReference<>(options.hotKeys());
      // Bound to the loop when it runs: a process exit, a verdict change or a new request wakes it at once.
      LoopSignals signals = new LoopSignals();
      LocalRuntime runtime = runtime(options, dir, chain, keys, signals);
      LocalPool.Parts parts = parts(options, dir, runtime, chain, keys, signals);
      resume(parts, options.progress());
      return new LocalPool(parts);
    } catch (IOException | RuntimeException e) {
      dir.unlock();
      throw e;
    }
  }

  private static LocalRuntime runtime(LocalPoolOptions options, DataDir dir, ChainClock chain,
      AtomicReference<Optional<HotKeyFiles>> keys, LoopSignals signals) throws IOException {
    NodeFiles files = options.files() != null ? options.files() : new DeployNodeFiles(options.pool());
    Duration startupBudget = DesiredPool.fromSpec(options.pool().spec()).upgrade().deadlinePerNode();
    // A producer's judge reads the installed keys' opcert at each poll: with a standby a rotation has the holder
    // re-read its credentials without a restart, and the old key directory is gone.
    BiFunction<NodeRef, NodePorts, NodeHealth> health = options.health() != null ? options.health()
        : (n, p) -> new AgentNodeHealth(n, p, chain, startupBudget,
            n.isBlockProducer() ? () -> keys.get().map(HotKeyFiles::operationalCertificate) : Optional::empty, HEALTH,
            () -> signals.viewFor(n.name()), signals::wake);
    LocalRuntime runtime = new LocalRuntime(dir, options.command(), files, health, options.nodeToNodeBase(),
        options.metricsBase(), options.stopGrace(), keys::get, options.clock());
    runtime.onProcessExit(signals::wake);
    return runtime;
  }

  /** The pool's parts, on its requests and control state as the data directory holds them. */
  private static LocalPool.Parts parts(LocalPoolOptions options, DataDir dir, LocalRuntime runtime, ChainClock chain,
      AtomicReference<Optional<HotKeyFiles>> keys, LoopSignals signals) throws IOException {
    PoolSpec spec = options.pool().spec();
    LocalDesired desired = LocalDesired.reconcile(dir.read(dir.desiredFile(), LocalDesired.class).orElse(null), spec);
    dir.write(dir.desiredFile(), desired);
    LoopState loop = new LoopState(dir, spec, desired, dir.read(dir.stateFile(), ControlState.class).orElse(null),
        signals::wake);
    EventHub events = new EventHub(new EventLog(dir.eventsFile()), options.progress());
    // The schedule asks the node of the forging lease's holder; the keeper is made below, after the gate.
    AtomicReference<Optional<ProducerLeaseKeeper>> keeper = new AtomicReference<>(Optional.empty());
    Supplier<String> holderName = () -> keeper.get().map(k -> k.state().lease().holder())
        .orElse(spec.blockProducerRef().name());
    String bp = spec.blockProducerRef().name();
    Forgers forgers = Forgers.of(holderName,
        (node, waited) -> keeper.get().map(k -> k.stopRoute(node, waited, options.maintenance().standbyWait()))
            .orElse(ProducerStopRoute.withoutStandby(bp, node)),
        () -> keeper.get().map(ProducerLeaseKeeper::moveForgingOff)
            .orElse(new ActionResult(false, "the pool has no standby block producer", null)),
        spec.standbyRef().map(s -> LeasePolicy.DEFAULT.promotionTime()));
    MaintenanceGate gate = new MaintenanceGate(dir, bp, options.leaderSchedule()
        .orElseGet(() -> leaderSchedule(options, dir, keys, holderName)), options.maintenance(), chain,
        () -> keys.get().map(k -> OptionalLong.of(k.header().kesStartPeriod())).orElse(OptionalLong.empty()),
        forgers);
    DecisionApplier applier = new DecisionApplier(loop, runtime, events, gate, options.clock());
    PoolController controller = new PoolController(options.healing());
    LocalCommands commands = new LocalCommands(spec, loop, runtime, controller, applier, gate, events,
        options.clock());
    Optional<ProducerLeaseKeeper> lease = Optional.empty();
    if (spec.standbyRef().isPresent()) {
      ProducerLeaseKeeper leaseKeeper = new ProducerLeaseKeeper(dir, spec.producerRefs(),
          new LocalProducerProcesses(runtime), keys::get, HotKeySetup.directoryFor(dir.root(), spec.name()), new LeasePolicy(spec.blockProducer().standby().failoverAfter(),
              LeasePolicy.DEFAULT.fenceTimeout(), LeasePolicy.DEFAULT.promotionTime()), events::record, options.clock(),
          System::nanoTime);
      runtime.useCredentials(leaseKeeper);
      applier.useLease(leaseKeeper);
      lease = Optional.of(leaseKeeper);
    }
    keeper.set(lease);
    Optional<ProducerLeaseKeeper> holder = lease;
    HotKeyRotation rotation = new HotKeyRotation(options, chain, loop, applier, keys,
        HotKeySetup.directoryFor(dir.root(), spec.name()), gate, events, holder);
    return new LocalPool.Parts(options, dir, runtime, loop, events, applier, rotation, commands, controller, gate,
        signals, lease);
  }

  /**
   * The pool's leader slots computed from the node of the producer that forges (the block producer, or with a standby
   * the lease's holder), with the keys it runs with now.
   */
  private static LeaderScheduleSource leaderSchedule(LocalPoolOptions options, DataDir dir,
      AtomicReference<Optional<HotKeyFiles>> keys, Supplier<String> holder) {
    PoolSpec spec = options.pool().spec();
    GenesisParameters genesis = options.pool().genesis();
    long firstPraos = PraosEra.firstPraosEpoch(genesis, GenesisReader.statedPraosEpoch(spec.network().directory()
        .map(d -> options.pool().resolve(d.toString())).orElse(null)));
    return new NodeLeaderSchedule(genesis, firstPraos, () -> keys.get().map(k -> new NodeLeaderSchedule.Keys(
        k.vrfKey(), k.header().poolIdHex(), dir.nodeSocket(holder.get()))), options.progress());
  }

  private static void resume(LocalPool.Parts p, Consumer<String> progress) throws IOException {
    LoopState loop = p.loop();
    LocalDesired desired = loop.desired();
    ControlState state = loop.state();
    if (state != null && state.members().stream().anyMatch(m -> desired.removedNodes().contains(m.name()))) {
      // The control plane died between recording a removal and finishing it: finish it.
      loop.saveState(state.withoutMembers(desired.removedNodes()));
    }
    p.keys().honourRevocation(progress);
    List<String> formerStandbys = RemovedStandby.formerStandbys(loop.state(), p.options().pool().spec());
    if (!formerStandbys.isEmpty()) {
      // A standby taken out of pool.yaml (its lease checked at open): not a member any more, so stopped below.
      loop.saveState(loop.state().withoutMembers(formerStandbys));
    }
    LocalRuntime runtime = p.runtime();
    List<NodeRef> refs = new ArrayList<>(loop.desiredPool().nodes());
    if (loop.state() != null) {
      loop.state().members().stream().map(MemberState::ref).filter(r -> !refs.contains(r)).forEach(refs::add);
    }
    runtime.register(refs);
    for (String removed : desired.removedNodes()) {
      if (runtime.stopLeftover(removed)) {
        progress.accept("stopped " + removed + ", removed from the pool but left running by a control plane that"
            + " died");
      }
    }
    for (String standby : formerStandbys) {
      RemovedStandby.removeCredentials(HotKeySetup.directoryFor(p.dataDir().root(),
          p.options().pool().spec().name()), standby);
      boolean stopped = runtime.stopLeftover(standby);
      progress.accept((stopped ? "stopped " : "removed ") + standby + ", the standby block producer pool.yaml no"
          + " longer declares, and its credentials directory");
    }
    List<String> adopted = runtime.adopt();
    if (loop.state() != null) {
      Map<String, NodeVersion> running = new HashMap<>();
      loop.state().members().forEach(m -> runtime.versionOf(m.name()).ifPresent(v -> running.put(m.name(), v)));
      RecoveryPlan plan = RecoveryPlan.of(loop.state(), adopted, running);
      // Found running another version than it should (a crash mid-step): restarted on the right one.
      plan.stop().forEach(runtime::stop);
      loop.adoptState(plan.state());
      // Topology files are written after the state that names them: rewrite them in case a crash came in between.
      runtime.setPoolVersion(plan.state().poolVersion());
      for (MemberState m : plan.state().members()) {
        if (m.topology() != null) {
          try {
            runtime.setTopology(m.name(), m.topology());
          } catch (NodeRuntimeException e) {
            progress.accept("cannot rewrite the topology of " + m.name() + ": " + e.getMessage());
          }
        }
      }
    }
    if (!adopted.isEmpty()) {
      progress.accept("adopted running node(s): " + String.join(", ", adopted));
    }
    p.events().loadRecent(50);
  }
}
