package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} of every command works and never splits a path, a dotted key or a time; {@code -V} says what ran. */
class CommandLineHelpTest {
  /** Words that must stay whole: a '.', ':' or '/' between two word characters (paths, keys, times, URLs). */
  private static final Pattern UNBREAKABLE = Pattern.compile("[\\w~$]\\S*\\w[.:/]\\w\\S*");

  /** Every command of the tree, by its path of names. */
  private static Map<List<String>, CommandLine> commands() {
    Map<List<String>, CommandLine> all = new LinkedHashMap<>();
    collect(Main.commandLine(), new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine cl, List<String> path, Map<List<String>, CommandLine> all) {
    all.put(List.copyOf(path), cl);
    cl.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandSpec().usageMessage().hidden() || !name.equals(sub.getCommandName())) {
        return; // hidden (simnode takes cardano-node's own arguments), or an alias
      }
      path.add(name);
      collect(sub, path, all);
      path.remove(path.size() - 1);
    });
  }

  @Test
  void everyCommandsHelp_exitsZero_andPrintsItsUsage() {
    // 'palisade upgrade --help' used to fail with "Missing required option" (its --version clashed with -V).
    for (List<String> path : commands().keySet()) {
      String[] args = Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new);
      CliRun run = CliRun.run(args);
      assertThat(run.code()).as("palisade %s --help: %s", String.join(" ", path), run.err()).isZero();
      assertThat(run.out()).as("palisade %s --help", String.join(" ", path))
          .contains("Usage: palisade" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
      if (path.isEmpty()) {
        assertThat(run.out()).contains("Exit codes:")
            .containsPattern("\\n  2 +invalid input \\(flags, pool.yaml, files\\); nothing changed");
      }
    }
  }

  @Test
  void helpText_neverSplitsAPathAKeyOrATime() {
    int checked = 0;
    for (Map.Entry<List<String>, CommandLine> e : commands().entrySet()) {
      CommandSpec spec = e.getValue().getCommandSpec();
      List<String> texts = new ArrayList<>();
      texts.addAll(Arrays.asList(spec.usageMessage().header()));
      texts.addAll(Arrays.asList(spec.usageMessage().description()));
      texts.addAll(Arrays.asList(spec.usageMessage().footer()));
      for (OptionSpec o : spec.options()) {
        texts.addAll(Arrays.asList(o.description()));
      }
      String usage = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (String text : texts) {
        Matcher m = UNBREAKABLE.matcher(text);
        while (m.find()) {
          String word = m.group();
          if (word.contains("${") || word.contains("%") || word.length() > 40) {
            continue; // substituted by picocli, or longer than any column
          }
          checked++;
          assertThat(usage).as("palisade %s --help keeps \"%s\" on one line", String.join(" ", e.getKey()), word)
              .contains(word);
        }
      }
    }
    assertThat(checked).as("words checked").isGreaterThan(50);
  }

  @Test
  void version_namesTheBuildAndTheCommit() {
    CliRun run = CliRun.run("-V");
    assertThat(run.code()).isZero();
    // The build writes version and commit into build.properties; outside a git checkout the commit is "unknown".
    assertThat(run.out()).containsPattern("^palisade \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{12}(\\+changes)?"
        + "|unknown)\\)\\R").contains("Java " + System.getProperty("java.version"));
  }
}
