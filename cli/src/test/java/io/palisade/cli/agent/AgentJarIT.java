package io.palisade.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.ExitCodes;
import io.palisade.deploy.model.AgentSidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade-agent.jar}, the sidecar's jar, run as the rendered pod runs it (the rendered JVM flags): it judges a
 * scrape with nothing missing from its class path, and refuses every command but the agent's.
 */
@Timeout(120)
class AgentJarIT {
  @TempDir Path dir;

  private record Run(int code, String out) {}

  private static Run run(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("palisade.agent.jar", "target/palisade-agent.jar"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(AgentSidecar.JVM_FLAGS);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void agentCheck_json_runsFromTheSidecarJar() throws Exception {
    Path scrape = Files.writeString(dir.resolve("bp.prom"), String.join("\n",
        "cardano_node_metrics_slotNum_int 89321798",
        "cardano_node_metrics_currentKESPeriod_int 689",
        "cardano_node_metrics_remainingKESPeriods_int 20",
        "cardano_node_metrics_operationalCertificateExpiryKESPeriod_int 709",
        "cardano_node_metrics_Forge_forged_int 82",
        "cardano_node_metrics_peerSelection_hot 2", ""));
    Run r = run("agent", "check", "--metrics-file", scrape.toString(), "--network", "mainnet", "--at",
        "2023-04-07T17:21:41Z", "--json");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("\"role\" : \"block-producer\"").contains("\"state\" : \"SYNCED\"")
        .contains("\"basis\" : \"operationalCertificateExpiryKESPeriod_int - 62 (maxKESEvolutions)\"")
        .doesNotContain("NoClassDefFoundError");
  }

  @Test
  void otherCommands_areRefused_withWhereToFindThem() throws Exception {
    Run r = run("status");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.out()).contains("runs 'palisade agent' and 'palisade agent check' only");
    assertThat(run("agent", "--help").out()).contains("Usage: palisade agent");
  }
}
