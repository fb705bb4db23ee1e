package io.palisade.spec.binding;

import io.palisade.spec.yaml.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects every problem found while reading a document, so all of them can be reported at once. */
public final class Problems {
  private final List<Problem> problems = new ArrayList<>();

  /**
   * One finding.
   *
   * @param severity error or warning
   * @param path the field path, like {@code relays[1].port}; empty for the whole document
   * @param location where it is in the file, if known
   * @param message what was expected and what was seen
   */
  public record Problem(Severity severity, String path, SourceLocation location, String message) {}

  /** Whether a finding stops the spec from being used. */
  public enum Severity {
    /** The spec cannot be used. */
    ERROR,
    /** The spec works but is probably not what the operator wants. */
    WARNING
  }

  /**
   * Records an error.
   *
   * @param path field path
   * @param location where, or {@link SourceLocation#UNKNOWN}
   * @param message what is wrong
   */
  public void error(String path, SourceLocation location, String message) {
    problems.add(new Problem(Severity.ERROR, path, location, message));
  }

  /**
   * Records a warning.
   *
   * @param path field path
   * @param location where, or {@link SourceLocation#UNKNOWN}
   * @param message what is probably wrong
   */
  public void warning(String path, SourceLocation location, String message) {
    problems.add(new Problem(Severity.WARNING, path, location, message));
  }

  /** Whether any error (not warning) was recorded. */
  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /** Every finding, in the order found. */
  public List<Problem> all() {
    return Collections.unmodifiableList(problems);
  }
}
