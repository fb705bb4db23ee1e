package io.palisade.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting a child process whose signals must work: a signal ignored by a parent stays ignored across exec, so a
 * node started by a control plane that runs under {@code nohup} (or from a CI runner that ignores SIGHUP) would
 * ignore SIGHUP too — and a JVM cannot take an ignored SIGHUP back (HotSpot leaves an ignored shutdown signal
 * ignored), so a simulated standby would never load the credentials it is given. The command is started through
 * {@code env --default-signal=HUP,TERM} (coreutils 8.31 and later) where that exists. A real cardano-node installs
 * its own handler either way.
 */
public final class ChildProcesses {
  private static final Path ENV = Path.of("/usr/bin/env");
  private static volatile Boolean envResetsSignals;

  private ChildProcesses() {}

  /**
   * @param command the command to start
   * @return the command, started with SIGHUP and SIGTERM at their default handling where the system can do it
   */
  public static List<String> withDefaultSignals(List<String> command) {
    if (!envResetsSignals()) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of(ENV.toString(), "--default-signal=HUP,TERM"));
    out.addAll(command);
    return out;
  }

  private static boolean envResetsSignals() {
    Boolean known = envResetsSignals;
    if (known == null) {
      known = probe();
      envResetsSignals = known;
    }
    return known;
  }

  private static boolean probe() {
    if (!Files.isExecutable(ENV)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(ENV.toString(), "--default-signal=HUP,TERM", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
