package io.palisade.keys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class of the test classpath in a fresh JVM: for a new environment (SOFTHSM2_CONF) or a kill -9. */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code mainClass args} with extra environment variables; stderr is merged into stdout. */
  public static Process start(Map<String, String> env, Class<?> mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return pb.start();
  }

  /**
   * Runs to completion (at most two minutes) and returns exit code and output.
   *
   * @param code exit code
   * @param output stdout and stderr
   */
  public record Result(int code, String output) {}

  /** Runs and waits. */
  public static Result run(Map<String, String> env, Class<?> mainClass, String... args) throws Exception {
    Process p = start(env, mainClass, args);
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish in two minutes");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
