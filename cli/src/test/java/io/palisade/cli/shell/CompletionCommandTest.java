package io.palisade.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.palisade.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade completion}: the script completes commands and options in a real bash, and loads in zsh. */
class CompletionCommandTest {
  @TempDir Path tmp;

  private Path script() throws IOException {
    CliRun run = CliRun.run("completion");
    assertThat(run.code()).isZero();
    Path script = tmp.resolve("palisade-completion.sh");
    Files.writeString(script, run.out());
    return script;
  }

  private static String shell(String shell, String command) throws Exception {
    Process p = new ProcessBuilder(List.of(shell, "-c", command))
        // compopt complains outside an interactive completion; only the candidates on stdout matter.
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(shell + " finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(shell + " exit; output: " + out).isZero();
    return out;
  }

  private static boolean has(String program) {
    return Files.isExecutable(Path.of("/usr/bin", program)) || Files.isExecutable(Path.of("/bin", program));
  }

  @Test
  void bash_completesCommandsSubcommandsAndOptions() throws Exception {
    assumeTrue(has("bash"), "bash is not installed: completion not exercised");
    Path script = script();
    String complete = "source " + script + "; complete_at() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));"
        + " COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_palisade; echo \"${COMPREPLY[*]}\"; };";
    assertThat(shell("bash", complete + " complete_at palisade up")).contains("up upgrade");
    assertThat(shell("bash", complete + " complete_at palisade keys node key-gen-V")).contains("key-gen-VRF");
    assertThat(shell("bash", complete + " complete_at palisade upgrade --re")).contains("--retry");
    assertThat(shell("bash", complete + " complete_at palisade keys vault init --over")).isBlank();
    assertThat(shell("bash", complete + " complete_at palisade keys node key-gen-VRF --over")).contains("--overwrite");
  }

  @Test
  void zsh_loadsTheScriptThroughBashcompinit() throws Exception {
    assumeTrue(has("zsh"), "zsh is not installed (test.sh installs it): the zsh load is not checked");
    String out = shell("zsh", "source " + script() + " && (( $+functions[_complete_palisade] )) && echo loaded");
    assertThat(out).contains("loaded");
  }
}
