package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade spec check} and {@code palisade spec schema}: exit codes, stdout and stderr. */
class SpecCommandTest {
  @TempDir Path dir;

  private static Path example(String name) {
    return Path.of("..", "examples", name);
  }

  @Test
  void check_validExample_printsSummary_exits0() {
    CliRun run = CliRun.run("spec", "check", example("pool.yaml").toString());
    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).contains("pool pyur on mainnet: valid").contains("4 in 3 regions");
  }

  @Test
  void check_brokenFile_printsEveryErrorWithItsLine_exits2() throws Exception {
    Path file = dir.resolve("pool.yaml");
    Files.writeString(file, "name: Bad\nnetwork: mars\nnode: {version: x}\nregistry: {host: r.example, private: no}\n"
        + "relays: []\nextra: 1\n");
    CliRun run = CliRun.run("spec", "check", file.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(file + ":1:7: error: name:")
        .contains(file + ":2:10: error: network:")
        .contains(file + ":3:17: error: node.version:")
        .contains(file + ":4:38: error: registry.private: must be true")
        .contains(file + ":6:1: error: extra: unknown field")
        .contains("errors in " + file);
  }

  @Test
  void check_json_reportsProblemsForScripts() throws Exception {
    Path file = dir.resolve("pool.yaml");
    Files.writeString(file, "name: [\n");
    CliRun run = CliRun.run("spec", "check", "--json", file.toString());
    assertThat(run.code()).isEqualTo(2);
    JsonNode json = JsonOption.mapper().readTree(run.out());
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("problems").get(0).get("line").asInt()).isEqualTo(2);
  }

  @Test
  void check_missingFile_exits2_withOneLine() {
    CliRun run = CliRun.run("spec", "check", dir.resolve("absent.yaml").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("palisade: no such file").doesNotContain("\n");
  }

  @Test
  void schema_printsJsonSchema() throws Exception {
    CliRun run = CliRun.run("spec", "schema");
    assertThat(run.code()).isZero();
    JsonNode schema = JsonOption.mapper().readTree(run.out());
    assertThat(schema.get("$schema").asText()).contains("2020-12");
    assertThat(schema.at("/properties/relays/type").asText()).isEqualTo("array");
  }

  @Test
  void help_listsExitCodes_andUnknownFlag_exits2() {
    CliRun help = CliRun.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Exit codes:").contains("invalid input");
    assertThat(CliRun.run("spec", "check", "--frobnicate").code()).isEqualTo(2);
  }
}
