package io.palisade.cli.agent;

import io.palisade.agent.AgentInputException;
import io.palisade.agent.HealthJudge;
import io.palisade.agent.HealthReport;
import io.palisade.agent.NodeObservation;
import io.palisade.agent.OperationalCertificate;
import io.palisade.agent.http.StatusJson;
import io.palisade.agent.metrics.MetricsFormatException;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.PrometheusTextParser;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade agent check}: the agent's verdict on one saved scrape. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Judge a saved /metrics scrape once: state, startup, liveness, readiness, KES.",
    description = {"Reads a scrape saved with e.g. 'curl -s http://127.0.0.1:12798/metrics > scrape.txt' and"
        + " judges it as the agent would on its first observation. With no history, a gap a node between two blocks"
        + " reaches with a chance of 1 in 1,000 or more (up to 134 slots at f = 0.05) counts as SYNCED, and the"
        + " output says the verdict rests on one observation. The time is --at, or the file's modification time.",
        "Exit code 0 when the node would be ready, 1 when not."})
public final class AgentCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Mixin JudgeOptions judge;

  @Option(names = "--metrics-file", required = true, paramLabel = "FILE", description = "The saved scrape.")
  Path metricsFile;

  @Option(names = "--network", required = true, paramLabel = "NET",
      description = "mainnet, preprod, preview, or a path to a custom network directory.")
  String network;

  @Option(names = "--at", paramLabel = "TIME",
      description = "When the scrape was taken, ISO-8601 UTC (default: the file's modification time).")
  String at;

  @Override
  public Integer call() {
    GenesisParameters genesis = genesis(network);
    NodeMetrics metrics = read(metricsFile);
    Instant when = at != null ? parseTime(at) : modified(metricsFile);
    NodeObservation obs = NodeObservation.scraped(when, metrics);
    if (judge.opcert().isPresent()) {
      try {
        obs = obs.withOpcert(OperationalCertificate.read(judge.opcert().get()));
      } catch (AgentInputException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage());
      }
    }
    HealthReport report = new HealthJudge(judge.config())
        .judge(Optional.empty(), obs, new ChainClock(genesis, Clock.fixed(when, ZoneOffset.UTC)));
    PrintWriter out = spec.commandLine().getOut();
    json.print(out, StatusJson.tree(report), () -> ReportText.print(out, report));
    return report.ready() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  static GenesisParameters genesis(String network) {
    try {
      return NetworkRef.parse(network).genesis(Path.of("."));
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--network " + e.getMessage());
    }
  }

  private static NodeMetrics read(Path file) {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(PrometheusTextParser.MAX_CHARS + 1);
      if (bytes.length > PrometheusTextParser.MAX_CHARS) {
        throw new ExitException(ExitCodes.INVALID_INPUT, file + " is larger than " + PrometheusTextParser.MAX_CHARS
            + " bytes: not a node scrape");
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "no such file: " + file);
    } catch (IOException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
    try {
      return NodeMetrics.parse(text);
    } catch (MetricsFormatException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, file + ": " + e.getMessage());
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static Instant parseTime(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT,
          "--at must be an ISO-8601 UTC time such as 2025-01-01T00:00:00Z, was: \"" + text + "\"");
    }
  }
}
