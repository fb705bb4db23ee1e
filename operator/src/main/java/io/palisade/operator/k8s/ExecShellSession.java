package io.palisade.operator.k8s;

import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.palisade.gateway.ShellSession;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ShellSession} over a Kubernetes exec (fabric8's {@link ExecWatch}): what is typed goes to the exec's
 * standard input, its standard output is the session's output. The command it runs merges standard error into
 * standard output ({@link #COMMAND}), so the console records both as one stream, as on the single-host runtime.
 */
public final class ExecShellSession implements ShellSession {
  /** The command exec runs: an interactive sh whose errors (and prompts) go to standard output. */
  public static final String[] COMMAND = {"sh", "-c", "exec sh -i 2>&1"};

  private final ExecWatch watch;

  /**
   * @param watch the open exec; this session closes it
   */
  public ExecShellSession(ExecWatch watch) {
    this.watch = Objects.requireNonNull(watch, "watch");
  }

  @Override
  public OutputStream input() {
    return watch.getInput();
  }

  @Override
  public InputStream output() {
    return watch.getOutput();
  }

  @Override
  public OptionalInt exitCode() {
    CompletableFuture<Integer> code = watch.exitCode();
    if (!code.isDone() || code.isCompletedExceptionally() || code.isCancelled()) {
      return OptionalInt.empty();
    }
    Integer value = code.getNow(null);
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  @Override
  public void close() {
    watch.close();
  }
}
