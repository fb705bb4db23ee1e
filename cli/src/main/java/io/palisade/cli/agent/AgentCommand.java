package io.palisade.cli.agent;

import io.palisade.agent.HealthJudge;
import io.palisade.agent.NodeToNodePortProbe;
import io.palisade.agent.NodeWatcher;
import io.palisade.agent.http.AgentServer;
import io.palisade.agent.http.ScheduleFiles;
import io.palisade.agent.metrics.MetricsScraper;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade agent}: the health agent beside one cardano-node. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    header = "Run the health agent beside a cardano-node: /livez, /readyz, /startupz, /status, /metrics.",
    description = {"Scrapes the node's Prometheus endpoint (one keep-alive connection, at most once a second),"
        + " probes its node-to-node port (handshake with query=true, then chain-sync FindIntersect for the tip),"
        + " and judges it against the chain clock. Kubernetes probes read the last verdict; they never reach the"
        + " node.",
        "Liveness fails only when the node is stuck (metrics or port dead, tip frozen outside startup), never during"
        + " a ledger replay. Readiness means SYNCED, enough hot peers, and for a block producer forging with a"
        + " valid KES key."},
    subcommands = {AgentCheckCommand.class})
public final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JudgeOptions judge;

  @Option(names = "--node-metrics", paramLabel = "URL",
      description = "The node's Prometheus endpoint, e.g. http://127.0.0.1:12798/metrics.")
  String nodeMetrics;

  @Option(names = "--node-address", paramLabel = "HOST:PORT",
      description = "The node's node-to-node address, e.g. 127.0.0.1:3001.")
  String nodeAddress;

  @Option(names = "--network", paramLabel = "NET",
      description = "mainnet, preprod, preview, or a path to a custom network directory.")
  String network;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:12799",
      description = "Where the agent serves its endpoints (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--leader-schedule-dir", paramLabel = "DIR",
      description = "Serve the schedule sidecar's epoch-<N>.json files of DIR read-only at /leader-schedule"
          + " (a block producer's pod: the directory 'leader-schedule --watch --out-dir' writes), and export their"
          + " leader slots per epoch and the time to the next one on /metrics.")
  java.nio.file.Path leaderScheduleDir;

  @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "10s",
      description = "Time between observations of the node, at least 1s (default: ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(names = "--scrape-timeout", paramLabel = "DURATION", defaultValue = "3s",
      description = "Deadline of one metrics scrape (default: ${DEFAULT-VALUE}).")
  String scrapeTimeout;

  @Option(names = "--probe-timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "Deadline of each node-to-node exchange (default: ${DEFAULT-VALUE}).")
  String probeTimeout;

  @Override
  public Integer call() throws InterruptedException {
    require(nodeMetrics, "--node-metrics URL");
    require(nodeAddress, "--node-address HOST:PORT");
    require(network, "--network NET");
    GenesisParameters genesis = AgentCheckCommand.genesis(network);
    Duration poll = JudgeOptions.duration("--poll-interval", pollInterval);
    if (poll.compareTo(AgentServer.MIN_POLL_INTERVAL) < 0) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--poll-interval must be at least 1s (the node is never"
          + " scraped more than once a second), was: " + pollInterval);
    }
    MetricsScraper scraper;
    try {
      scraper = new MetricsScraper(new URI(nodeMetrics), positive("--scrape-timeout", scrapeTimeout));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--node-metrics: " + e.getMessage());
    }
    InetSocketAddress node = HostPort.parse("--node-address", nodeAddress);
    NodeWatcher watcher = new NodeWatcher(scraper,
        Optional.of(new NodeToNodePortProbe(node, genesis.networkMagic(), positive("--probe-timeout", probeTimeout))),
        judge.opcert(), new HealthJudge(judge.config()), new ChainClock(genesis, Clock.systemUTC()));
    InetSocketAddress bind = HostPort.parse("--listen", listen);
    AgentServer server;
    try {
      server = AgentServer.start(new InetSocketAddress(bind.getHostString(), bind.getPort()), watcher, poll,
          Optional.ofNullable(leaderScheduleDir).map(ScheduleFiles::new));
    } catch (IOException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot listen on " + listen + ": " + e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf("palisade agent: serving http://%s:%d (/livez /readyz /startupz /status /metrics) for %s and %s on %s"
        + "%n", listen.substring(0, listen.lastIndexOf(':')), server.address().getPort(), nodeMetrics, nodeAddress,
        genesis.networkName());
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      scraper.close();
      stopped.countDown();
    }, "agent-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped in-process (tests, an embedding runtime): clean up here instead of in the hook.
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      scraper.close();
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private static void require(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "missing " + option + " (see palisade agent --help)");
    }
  }

  private static Duration positive(String option, String text) {
    Duration d = JudgeOptions.duration(option, text);
    if (d.isZero()) {
      throw new ExitException(ExitCodes.INVALID_INPUT, option + " must be positive");
    }
    return d;
  }
}
