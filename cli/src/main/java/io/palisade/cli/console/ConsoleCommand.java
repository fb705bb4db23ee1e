package io.palisade.cli.console;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import io.palisade.console.delay.ChainTimeReference;
import io.palisade.console.delay.NodeTipChainTime;
import io.palisade.console.delay.Ticker;
import io.palisade.gateway.PoolGateway;
import io.palisade.operator.k8s.KubernetesGateway;
import io.palisade.runtime.gateway.SingleHostGateway;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.PoolRecord;
import io.palisade.runtime.plane.RemotePoolService;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import io.palisade.spec.binding.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palisade console}: runs the admin console as its own process, until Ctrl-C, attached to the pool whose
 * control plane runs on the runtime's data directory ({@code palisade up --no-console}), over its loopback API. While
 * no control plane runs it shows an empty pool and refuses pool actions (saying so); operators, factors, the audit log
 * and the delay all work. While no operator exists it prints the one-time link that enrolls the first one.
 *
 * <p>With {@code --kubernetes --pool NAME} it attaches to the StakePool of that name instead, through the cluster's
 * API server ({@link KubernetesGateway}).
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    header = "Run the admin console (operators, MFA, delayed destructive actions, audit log, shells).",
    description = {"Starts the console and prints its URL. While no operator exists, also prints a one-time link"
        + " that enrolls the first operator: open it in a browser on this machine (or through an SSH tunnel).",
        "It reaches the pool through the control plane running on --pool-data-dir ('palisade up --no-console');"
            + " 'palisade up' alone runs its own console and needs none.",
        "With --kubernetes --pool NAME it attaches to the StakePool NAME (namespace NAME-pool unless --namespace) run"
            + " by 'palisade operator', through the kubeconfig's cluster (--context); shells are execs into the"
            + " node's cardano-node container.",
        "The console serves plain HTTP on a loopback address; reach it from elsewhere with"
        + " 'ssh -L 8443:localhost:8443 HOST' or a TLS proxy (then pass --public-url https://...).",
        "Stop it with Ctrl-C."})
public final class ConsoleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConsoleDataOptions data;

  @Parameters(paramLabel = "POOL_YAML", arity = "0..1",
      description = "Take the console settings (bind, port, database, destructiveDelay) from this pool spec.")
  Path poolYaml;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
  String bind;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on; 0 for any free port (default 8443).")
  Integer port;

  @Option(names = "--destructive-delay", paramLabel = "DURATION",
      description = "How long destructive actions wait, such as 7d or 14d; never less than 7d (default 7d).")
  String delay;

  @Option(names = "--pool-data-dir", paramLabel = "DIR",
      description = "The runtime's data directory whose control plane the console attaches to (default: as for"
          + " 'palisade up').")
  Path poolDataDir;

  @Mixin KubernetesConsoleOptions k8s;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The URL browsers use, when it is not http://localhost:PORT (a TLS proxy's https:// URL).")
  URI publicUrl;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    k8s.check(poolDataDir);
    Optional<LoadedPoolSpec> pool = poolSpec();
    ConsoleSettings settings = settings(pool);
    err.println("palisade: starting the console (database: "
        + settings.jdbcUrl().map(u -> "PostgreSQL").orElse("embedded, under " + settings.dataDirectory()) + ") ...");
    err.flush();
    Clock clock = Clock.systemUTC();
    Path runtime = poolDataDir != null ? poolDataDir : DataDir.defaultRoot(System.getenv());
    KubernetesClient kube = k8s.enabled() ? k8s.client() : null;
    PoolGateway gateway = kube != null ? new KubernetesGateway(kube, k8s.settings(), clock)
        : new SingleHostGateway(new RemotePoolService(runtime), clock);
    // The chain is the clock's reference wherever the pool's network is known.
    Optional<ChainTimeReference> chain = pool.map(p -> new NodeTipChainTime(gateway, p.genesis()));
    RunningConsole console;
    try {
      console = PalisadeConsole.start(settings, gateway, clock, Ticker.system(), chain);
    } catch (ConsoleException e) {
      if (kube != null) {
        kube.close();
      }
      throw new ExitException(ExitCodes.UNAVAILABLE, "the console did not start: "
          + ConsoleStartFailure.reason(e, settings, "--port"), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      console.close();
      if (kube != null) {
        kube.close();
      }
      stopped.countDown();
    }, "palisade-console-stop"));
    out.println("Console: " + console.url());
    console.enrollmentLink().ifPresent(link -> {
      out.println("No operator yet. Enroll the first operator with this one-time link (valid 24 hours):");
      out.println("  " + link);
    });
    if (kube != null) {
      // Settled: the dashboard's chart sampler may be reading the StakePool right now.
      var first = ((KubernetesGateway) gateway).settledSnapshot();
      out.println(first.connected() ? "Attached to StakePool " + k8s.settings().namespace() + "/" + k8s.pool()
          + " through the Kubernetes API server. Ctrl-C stops it."
          : "Not attached yet: " + first.recentEvents().get(0).message() + ". The dashboard shows it until the"
              + " StakePool can be read. Ctrl-C stops it.");
    } else {
      out.println(gateway.snapshot().connected()
        ? "Attached to the pool whose control plane runs on " + runtime + ". Ctrl-C stops it."
        : "No control plane runs on " + runtime + " yet: the dashboard is empty and pool actions are refused until"
            + " 'palisade up --no-console' runs there. Ctrl-C stops it.");
    }
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** The pool spec named, else the one the runtime's data directory records, if it can be read. */
  private Optional<LoadedPoolSpec> poolSpec() {
    if (poolYaml != null) {
      return Optional.of(new PoolSpecLoader().load(poolYaml));
    }
    if (k8s.enabled()) {
      return Optional.empty();
    }
    Path runtime = poolDataDir != null ? poolDataDir : DataDir.defaultRoot(System.getenv());
    if (!Files.isDirectory(runtime)) {
      return Optional.empty();
    }
    try {
      DataDir dir = new DataDir(runtime);
      return dir.read(dir.poolFile(), PoolRecord.class)
          .map(r -> new PoolSpecLoader().load(Path.of(r.spec())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no reference then; the console still guards the clock on its own
    }
  }

  private ConsoleSettings settings(Optional<LoadedPoolSpec> pool) {
    try {
      ConsoleSettings s = ConsoleSettings.defaults(data.dataDir());
      if (poolYaml != null && pool.isPresent() && pool.get().spec().console() != null) {
        s = ConsoleSettings.fromSpec(pool.get().spec().console(), data.dataDir());
      }
      if (bind != null) {
        s = s.withBindAddress(bind);
      }
      if (port != null) {
        s = s.withPort(port);
      }
      if (data.jdbcUrl().isPresent()) {
        s = s.withJdbcUrl(data.jdbcUrl().get());
      }
      if (delay != null) {
        s = s.withDestructiveDelay(DurationText.parse(delay));
      }
      if (publicUrl != null) {
        s = s.withPublicUrl(publicUrl);
      }
      return s;
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }
}
