package io.palisade.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A shell that is a local child process: what the single-host runtime uses (a shell in the node's working directory,
 * run as the node's user by the command it passes, e.g. {@code runuser -u cardano -- /bin/sh -i}). Output and errors
 * are merged. There is no pseudo-terminal: the browser terminal is line-oriented.
 */
public final class ProcessShellSession implements ShellSession {
  private final Process process;

  private ProcessShellSession(Process process) {
    this.process = process;
  }

  /**
   * Starts the command.
   *
   * @param command the command and its arguments, such as {@code List.of("/bin/sh", "-i")}
   * @param workingDirectory where it starts
   * @param environment variables added to a minimal environment (PATH, HOME, LANG are set)
   * @return the running session
   * @throws IOException when the command cannot start or the directory does not exist
   */
  public static ProcessShellSession start(List<String> command, Path workingDirectory, Map<String, String> environment)
      throws IOException {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    if (!Files.isDirectory(workingDirectory)) {
      throw new IOException("working directory does not exist: " + workingDirectory);
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
    // A clean environment: the console's own variables (database URLs, tokens) must not leak into the shell.
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOME", workingDirectory.toString());
    env.put("LANG", "C.UTF-8");
    env.put("TERM", "dumb");
    env.putAll(environment);
    return new ProcessShellSession(pb.start());
  }

  @Override
  public OutputStream input() {
    return process.getOutputStream();
  }

  @Override
  public InputStream output() {
    return process.getInputStream();
  }

  @Override
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
