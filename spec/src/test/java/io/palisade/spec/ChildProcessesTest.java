package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child started under a parent that ignores SIGHUP ({@code nohup}, as a control plane started that way would be)
 * gets SIGHUP back at its default handling, so a JVM node can install its handler.
 */
class ChildProcessesTest {
  private static final List<String> SHOW_IGNORED = List.of("/bin/sh", "-c", "grep SigIgn: /proc/self/status");

  @Test
  void underNohup_theChildStillHasSighup() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/status")) && Files.isExecutable(Path.of("/usr/bin/nohup")),
        "needs Linux /proc and nohup");
    assertThat(hangUpIgnored(SHOW_IGNORED)).as("nohup alone passes an ignored SIGHUP on").isTrue();

    assertThat(hangUpIgnored(ChildProcesses.withDefaultSignals(SHOW_IGNORED))).isFalse();
  }

  private static boolean hangUpIgnored(List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/nohup"));
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String mask = out.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow(
        () -> new AssertionError("no SigIgn line in: " + out)).substring("SigIgn:".length()).trim();
    return (Long.parseUnsignedLong(mask, 16) & 1L) != 0;
  }
}
