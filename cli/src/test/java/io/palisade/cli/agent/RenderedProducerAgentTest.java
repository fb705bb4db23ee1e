package io.palisade.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsExposition;
import io.palisade.agent.metrics.NodeMetric;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.deploy.audit.Manifests;
import io.palisade.deploy.audit.PostureAudit;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.AgentSidecar;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.PoolSpecLoader;
import io.palisade.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block producer's agent as Kubernetes runs it: the sidecar's own rendered options, applied to a scrape of a
 * producer whose node started without its forging credentials. Without the rendered role the agent would call it a
 * ready relay, and the operator's upgrade checks would trust that.
 */
class RenderedProducerAgentTest {
  /** The options of {@code palisade agent} that only the serving agent has; {@code agent check} judges a file. */
  private static final Set<String> SERVE_ONLY = Set.of("--node-metrics", "--node-address", "--network", "--listen",
      "--leader-schedule-dir");

  @TempDir Path dir;

  private final PoolResources pool = PoolFiles.poolResources(new PoolSpecLoader().load(Path.of("..", "examples",
      "pool.yaml")), RenderOptions.defaults());

  private Container agent(String statefulSet) {
    return pool.all().stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
        .filter(s -> s.getMetadata().getName().equals(statefulSet)).findFirst().orElseThrow()
        .getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(PoolNames.CONTAINER_AGENT)).findFirst().orElseThrow();
  }

  /** The rendered agent's judge options, with its certificate path mapped to {@code opcert}. */
  private static List<String> judgeOptions(Container agent, Path opcert) {
    List<String> rendered = agent.getArgs();
    List<String> out = new ArrayList<>();
    for (int i = 1; i < rendered.size(); i += 2) {
      String option = rendered.get(i);
      String value = rendered.get(i + 1);
      if (SERVE_ONLY.contains(option)) {
        continue;
      }
      out.add(option);
      out.add(option.equals("--opcert") ? opcert.toString() : value);
    }
    return out;
  }

  @Test
  void producerStartedWithoutForgingCredentials_isNotReady_underItsRenderedAgent() throws Exception {
    // A real cardano-cli opcert (kes-agent fixture, KES period 1430), at a time it is valid on mainnet.
    Path opcert = dir.resolve("node.cert");
    Files.copy(SharedData.require("vectors/kes-agent-fixtures/opcert.cert"), opcert);
    ChainClock mainnet = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
    Instant at = mainnet.startOfKesPeriod(1431).plusSeconds(3600);
    // The node serves its metrics, synced, two relays hot, but forging_enabled 0 and none of the forge counters or
    // KES gauges a loaded forge loop would trace.
    String scrape = new MetricsExposition(MetricStyle.NEW_TRACING)
        .value(NodeMetric.SLOT_NUM, mainnet.slotAt(at) - 4).value(NodeMetric.BLOCK_NUM, 12_000_000)
        .value(NodeMetric.HOT_PEERS, 2).value(NodeMetric.WARM_PEERS, 0).value(NodeMetric.GSM_STATE, 2)
        .value(NodeMetric.FORGING_ENABLED, 0)
        .info(NodeMetric.BUILD_INFO, Map.of("version", "10.5.3")).render();
    Path metrics = Files.writeString(dir.resolve("bp.prom"), scrape);

    List<String> producer = judgeOptions(agent("block-producer"), opcert);
    assertThat(producer).containsSubsequence("--role", "block-producer").contains("--opcert");
    List<String> args = new ArrayList<>(List.of("agent", "check", "--metrics-file", metrics.toString(),
        "--network", "mainnet", "--at", at.toString()));
    args.addAll(producer);
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("state      SYNCED").contains("readiness  not ready")
        .contains("role       block-producer; forging DISABLED")
        .contains("readiness: not ready: forging is not enabled")
        .contains("counter 7");

    // What the agent said before the role was rendered: the same scrape judged a ready relay.
    CliRun unrendered = CliRun.run("agent", "check", "--metrics-file", metrics.toString(), "--network", "mainnet",
        "--at", at.toString());
    assertThat(unrendered.code()).isEqualTo(ExitCodes.OK);
    assertThat(unrendered.out()).contains("role       relay");
  }

  @Test
  void theRenderedPool_stillPassesThePostureAudit_andTheAgentNeverGetsTheKesOrVrfKey() {
    List<HasMetadata> objects = pool.all();
    PostureAudit.AuditReport report = new PostureAudit().run(Manifests.of(objects, Optional.empty()));
    assertThat(report.failures()).isEmpty();
    assertThat(report.rows()).anyMatch(r -> r.check().equals("hot-keys-only")
        && r.status() == io.palisade.deploy.audit.AuditStatus.PASS && r.resource().contains("block-producer"));
    Container bpAgent = agent("block-producer");
    assertThat(bpAgent.getVolumeMounts()).noneMatch(m -> m.getName().equals(PoolNames.VOLUME_HOT_KEYS)
        || m.getName().equals(PoolNames.VOLUME_HOT_KEY_SECRET));
    assertThat(bpAgent.getArgs()).contains(AgentSidecar.OPCERT_DIR + "/node.cert");
  }
}
