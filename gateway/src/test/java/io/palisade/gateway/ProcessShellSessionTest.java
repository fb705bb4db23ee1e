package io.palisade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local shell the single-host runtime uses: its own directory, a clean environment, closed on demand. */
class ProcessShellSessionTest {
  @TempDir Path dir;

  @Test
  void runsInItsDirectoryWithACleanEnvironment() throws Exception {
    try (ProcessShellSession s = ProcessShellSession.start(List.of("/bin/sh"), dir, Map.of("NODE", "bp"))) {
      s.input().write("pwd; env | sort; exit 0\n".getBytes(StandardCharsets.UTF_8));
      s.input().flush();
      String out = new String(s.output().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out).contains(dir.toRealPath().toString(), "NODE=bp", "PATH=/usr/local/sbin");
      // Nothing of the console's own environment leaks in (JAVA_HOME, database URLs, tokens).
      assertThat(out.lines().filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('='))))
          .allMatch(k -> List.of("HOME", "LANG", "NODE", "OLDPWD", "PATH", "PWD", "SHLVL", "TERM", "_").contains(k));
      s.close();
      assertThat(s.exitCode()).hasValue(0);
    }
  }

  @Test
  void closingEndsTheShell() throws Exception {
    ProcessShellSession s = ProcessShellSession.start(List.of("/bin/sh"), dir, Map.of());
    s.input().write("sleep 60\n".getBytes(StandardCharsets.UTF_8));
    s.input().flush();
    s.close();
    assertThat(s.exitCode()).isPresent();
    s.close();
  }

  @Test
  void refusesAMissingDirectory() {
    assertThatThrownBy(() -> ProcessShellSession.start(List.of("/bin/sh"), dir.resolve("nope"), Map.of()))
        .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
  }
}
