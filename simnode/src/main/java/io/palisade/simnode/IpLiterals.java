package io.palisade.simnode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals from a fault file, parsed without any name lookup: a dotted IPv4 address or an IPv6 address
 * (no zone, no host name). Kept in {@link InetAddress#getHostAddress()}'s form, the form a connection's remote
 * address is compared in.
 */
final class IpLiterals {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpLiterals() {}

  /**
   * The canonical forms of {@code literals}.
   *
   * @param literals the addresses as written
   * @param max how many at most
   * @return the canonical forms
   * @throws IllegalArgumentException naming the first entry that is not an IP literal, or when there are too many
   */
  static Set<String> canonical(Collection<String> literals, int max) {
    if (literals.size() > max) {
      throw new IllegalArgumentException("reachableFrom names at most " + max + " addresses, was " + literals.size());
    }
    Set<String> out = new LinkedHashSet<>();
    for (String s : literals) {
      out.add(parse(s).getHostAddress());
    }
    return Set.copyOf(out);
  }

  /** One literal; never a name lookup (a string with a colon is an IPv6 literal to the JDK, parsed, not resolved). */
  static InetAddress parse(String s) {
    String shown = s == null ? "null" : s.length() > 60 ? s.substring(0, 60) + "..." : s;
    if (s != null) {
      Matcher v4 = IPV4.matcher(s);
      if (v4.matches()) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(v4.group(i + 1));
          if (octet > 255) {
            throw notLiteral(shown);
          }
          b[i] = (byte) octet;
        }
        return address(b, shown);
      }
      if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
        try {
          return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
          throw notLiteral(shown);
        }
      }
    }
    throw notLiteral(shown);
  }

  private static InetAddress address(byte[] b, String shown) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw notLiteral(shown);
    }
  }

  private static IllegalArgumentException notLiteral(String shown) {
    return new IllegalArgumentException("reachableFrom: not an IP address literal: " + shown
        + " (IPv4 like 127.0.0.2 or IPv6 like ::1; no host names)");
  }
}
