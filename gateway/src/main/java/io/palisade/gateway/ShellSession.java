package io.palisade.gateway;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalInt;

/**
 * An open shell in a node's container: what is typed goes to {@link #input()}, what the shell prints (standard output
 * and standard error together) comes from {@link #output()}. The console records both into the audit log.
 */
public interface ShellSession extends AutoCloseable {
  /**
   * @return the shell's standard input
   */
  OutputStream input();

  /**
   * @return the shell's output (stdout and stderr merged); end of stream when the shell exits
   */
  InputStream output();

  /**
   * @return the exit code once the shell has exited
   */
  OptionalInt exitCode();

  /** Ends the shell (and anything it started in the foreground). Idempotent. */
  @Override
  void close();
}
