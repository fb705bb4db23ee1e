package io.palisade.spec;

import java.util.Comparator;
import java.util.regex.Matcher;

/**
 * A cardano-node release version, such as {@code 10.5.3} or {@code 10.6.2-pre}.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 * @param qualifier pre-release text after '-', or empty
 */
public record NodeVersion(int major, int minor, int patch, String qualifier) implements Comparable<NodeVersion> {
  private static final java.util.regex.Pattern FORMAT =
      java.util.regex.Pattern.compile("(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})(?:\\.\\d{1,4})?(?:-([0-9A-Za-z.-]{1,32}))?");

  private static final Comparator<NodeVersion> ORDER =
      Comparator.comparingInt(NodeVersion::major)
          .thenComparingInt(NodeVersion::minor)
          .thenComparingInt(NodeVersion::patch)
          // A release sorts after its pre-releases: 10.6.0-pre < 10.6.0.
          .thenComparing(v -> v.qualifier().isEmpty() ? "\uffff" : v.qualifier());

  /** Rejects negative numbers and a null qualifier. */
  public NodeVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must be >= 0");
    }
    qualifier = qualifier == null ? "" : qualifier;
  }

  /**
   * @param text a version such as {@code 10.5.3}
   * @return the version
   * @throws IllegalArgumentException with the expected form
   */
  public static NodeVersion parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be a cardano-node version such as 10.5.3 (MAJOR.MINOR.PATCH[-qualifier]), was: \"" + text + "\"");
    }
    return new NodeVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
  }

  /** Whether this version is at least {@code major.minor}. */
  public boolean atLeast(int major, int minor) {
    return this.major > major || (this.major == major && this.minor >= minor);
  }

  @Override
  public int compareTo(NodeVersion o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (qualifier.isEmpty() ? "" : "-" + qualifier);
  }
}
