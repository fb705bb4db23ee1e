package io.palisade.spec;

/** Name rules and derived names shared by every renderer, so a name is spelled in one place. */
public final class Names {
  /** A DNS-1123 label short enough to prefix Kubernetes names. */
  public static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?";

  /** What {@link #DNS_LABEL} means, for error messages. */
  public static final String DNS_LABEL_MEANING =
      "a DNS label of at most 40 characters: lower-case letters, digits and '-', starting and ending with a letter"
          + " or digit";

  /** A relay group's region, as pool.yaml accepts it: the one rule every runtime and the console check. */
  public static final String REGION = "[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?";

  /** What {@link #REGION} means, for error messages. */
  public static final String REGION_MEANING =
      "a region name of at most 20 characters: lower-case letters, digits and '-'";

  /**
   * A node name as it reaches an API, a URL path or a command: a DNS-1123 label (pool.yaml's names, {@link #DNS_LABEL},
   * and the relays' {@link #relayName} are all of this form).
   */
  public static final String NODE_NAME = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

  private Names() {}

  /**
   * The name of relay {@code ordinal} in {@code region}.
   *
   * @param region the relay group's region
   * @param ordinal index within the region, from 0
   * @return {@code relay-<region>-<ordinal>}
   */
  public static String relayName(String region, int ordinal) {
    return "relay-" + region + "-" + ordinal;
  }
}
