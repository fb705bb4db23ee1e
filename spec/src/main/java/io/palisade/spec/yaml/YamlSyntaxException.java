package io.palisade.spec.yaml;

/** The file is not well-formed YAML, or breaks the reader's limits. */
public class YamlSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;

  /**
   * @param message what is wrong
   * @param location where
   */
  public YamlSyntaxException(String message, SourceLocation location) {
    super(message);
    this.location = location;
  }

  /** Where the problem is. */
  public SourceLocation location() {
    return location;
  }
}
