package io.palisade.spec;

import io.palisade.spec.binding.Problems;
import java.util.List;
import java.util.stream.Collectors;

/** A pool spec with errors. The message lists every error, one per line, each with its file, line and field. */
public class InvalidPoolSpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient String source;
  private final transient List<Problems.Problem> problems;

  /**
   * @param source the file name shown in messages
   * @param problems all findings, errors and warnings
   */
  public InvalidPoolSpecException(String source, List<Problems.Problem> problems) {
    super(render(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The file name shown in messages. */
  public String source() {
    return source;
  }

  /** Every finding, errors and warnings, in file order. */
  public List<Problems.Problem> problems() {
    return problems;
  }

  /** Only the errors. */
  public List<Problems.Problem> errors() {
    return problems.stream().filter(p -> p.severity() == Problems.Severity.ERROR).toList();
  }

  /**
   * Formats findings as compiler-style lines: {@code pool.yaml:12:7: error: relays[1].port: must be …}.
   *
   * @param source the file name
   * @param problems the findings
   * @return one line per finding
   */
  public static String render(String source, List<Problems.Problem> problems) {
    return problems.stream().map(p -> line(source, p)).collect(Collectors.joining("\n"));
  }

  /**
   * Formats one finding.
   *
   * @param source the file name
   * @param p the finding
   * @return {@code file:line:column: severity: path: message}
   */
  public static String line(String source, Problems.Problem p) {
    StringBuilder sb = new StringBuilder(source);
    if (p.location().isKnown()) {
      sb.append(':').append(p.location().line()).append(':').append(p.location().column());
    }
    sb.append(": ").append(p.severity() == Problems.Severity.ERROR ? "error" : "warning").append(": ");
    if (!p.path().isEmpty()) {
      sb.append(p.path()).append(": ");
    }
    return sb.append(p.message()).toString();
  }
}
