package io.palisade.spec.yaml;

/**
 * A position in a source file, 1-based as editors show it.
 *
 * @param line line number, starting at 1
 * @param column column number, starting at 1
 */
public record SourceLocation(int line, int column) {
  /** Used when no position is known (a value built in code, not read from a file). */
  public static final SourceLocation UNKNOWN = new SourceLocation(0, 0);

  /** Whether the position is known. */
  public boolean isKnown() {
    return line > 0;
  }

  @Override
  public String toString() {
    return isKnown() ? line + ":" + column : "?";
  }
}
