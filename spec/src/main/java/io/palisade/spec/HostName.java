package io.palisade.spec;

import java.util.Locale;

/**
 * Checks public addresses: a DNS name, an IPv4 address or an IPv6 address. Nothing is resolved here.
 */
public final class HostName {
  private static final java.util.regex.Pattern DNS =
      java.util.regex.Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final java.util.regex.Pattern IPV4 =
      java.util.regex.Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-fA-F:]{2,39}");

  private HostName() {}

  /** Whether {@code text} is a DNS name, IPv4 or IPv6 address. */
  public static boolean isValid(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return IPV4.matcher(t).matches() || (t.contains(":") && IPV6.matcher(t).matches())
        || (DNS.matcher(t).matches() && !t.matches("[0-9.]+"));
  }

  /** Whether {@code text} is an IPv4 or IPv6 literal rather than a name. */
  public static boolean isIpLiteral(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return IPV4.matcher(t).matches() || (t.contains(":") && IPV6.matcher(t).matches());
  }
}
