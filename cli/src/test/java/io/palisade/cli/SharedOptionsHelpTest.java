package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The option groups several commands share are one picocli mixin each, so their help says the same everywhere:
 * {@code ClusterOptions} for {@code render} and {@code operator}, {@code StakePoolOptions} for {@code relay add} and
 * {@code console}, {@code KubeOptions}' {@code --context} for every command that reaches a cluster.
 */
class SharedOptionsHelpTest {
  @Test
  void renderAndOperator_describeTheClusterAlike() {
    for (String option : List.of("--cluster-domain", "--monitoring-namespace", "--region-label")) {
      assertThat(optionHelp(option, "render")).isNotEmpty().isEqualTo(optionHelp(option, "operator"));
    }
  }

  @Test
  void relayAddAndConsole_nameTheStakePoolAlike() {
    for (String option : List.of("--pool", "--namespace", "--context")) {
      assertThat(optionHelp(option, "relay", "add")).isNotEmpty().isEqualTo(optionHelp(option, "console"));
    }
    assertThat(optionHelp("--context", "k8s", "status")).isEqualTo(optionHelp("--context", "console"));
  }

  /** The lines of one option in a command's --help: its own line and the indented lines continuing it. */
  private static String optionHelp(String option, String... command) {
    String[] args = Arrays.copyOf(command, command.length + 1);
    args[command.length] = "--help";
    CliRun run = CliRun.run(args);
    assertThat(run.code()).as(String.join(" ", args)).isZero();
    List<String> lines = run.out().lines().collect(Collectors.toList());
    StringBuilder help = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().startsWith(option + "=") || lines.get(i).trim().startsWith(option + " ")) {
        help.append(lines.get(i).trim());
        for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("          "); j++) {
          help.append(' ').append(lines.get(j).trim());
        }
      }
    }
    return help.toString().replaceAll("\\s+", " ");
  }
}
