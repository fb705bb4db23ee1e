package io.palisade.spec;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A container image reference pinned by digest: {@code registry.example.com/palisade/cardano-node:10.5.3@sha256:…}.
 * The tag is informative; the digest is what runs.
 *
 * @param registry registry host (and port), e.g. {@code registry.example.com:5000}
 * @param repository repository path within the registry, e.g. {@code palisade/cardano-node}
 * @param tag the tag, if written
 * @param digest the content digest, {@code sha256:} followed by 64 lower-case hex digits
 */
public record ImageRef(String registry, String repository, Optional<String> tag, String digest) {
  private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile(
      "(?<registry>[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?)/"
          + "(?<repo>[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*)"
          + "(:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
          + "(@(?<digest>[A-Za-z0-9]+:[A-Za-z0-9]+))?");
  private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}");

  /** The JSON-schema pattern of a digest-pinned reference. */
  public static final String SCHEMA_PATTERN = "^[a-z0-9.:-]+/[a-z0-9._/-]+(:[A-Za-z0-9_.-]+)?@sha256:[0-9a-f]{64}$";

  /**
   * @param text the reference as written
   * @return the parsed reference
   * @throws IllegalArgumentException if the reference has no registry host or no sha256 digest
   */
  public static ImageRef parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("must be an image reference REGISTRY/REPOSITORY[:TAG]@sha256:DIGEST, was: \""
          + text + "\"");
    }
    String registry = m.group("registry");
    if (!registry.contains(".") && !registry.contains(":") && !registry.equals("localhost")) {
      throw new IllegalArgumentException("must name its registry host explicitly (e.g. registry.example.com/"
          + registry + "/...); a bare Docker Hub name is not allowed, was: \"" + text + "\"");
    }
    String digest = m.group("digest");
    if (digest == null) {
      throw new IllegalArgumentException("must be pinned by digest (…@sha256:<64 hex digits>); a tag alone can be"
          + " moved by whoever controls the registry, was: \"" + text + "\"");
    }
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException(
          "digest must be sha256: followed by 64 lower-case hex digits, was: \"" + digest + "\"");
    }
    return new ImageRef(registry.toLowerCase(Locale.ROOT), m.group("repo"), Optional.ofNullable(m.group("tag")),
        digest);
  }

  /** The reference as written, tag included. */
  @Override
  public String toString() {
    return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + "@" + digest;
  }

  /** The reference a runtime pulls: registry, repository and digest, without the tag. */
  public String pinned() {
    return registry + "/" + repository + "@" + digest;
  }
}
