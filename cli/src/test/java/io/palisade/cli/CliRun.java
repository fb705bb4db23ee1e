package io.palisade.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the command line, capturing exit code, stdout and stderr without touching System.out.
 *
 * @param code exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int code, String out, String err) {
  /**
   * Runs {@code palisade args...}.
   *
   * @param args arguments
   * @return what happened
   */
  public static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
