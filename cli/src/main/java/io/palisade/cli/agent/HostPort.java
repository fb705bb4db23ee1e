package io.palisade.cli.agent;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.net.InetSocketAddress;

/** {@code HOST:PORT} and {@code [IPv6]:PORT} as operators write them. */
final class HostPort {
  private HostPort() {}

  /**
   * @param option the option name, for the error
   * @param text e.g. {@code 127.0.0.1:3001}, {@code relay1.example:3001}, {@code [::1]:3001}
   * @return an unresolved address: names are resolved at each connection, so a changed DNS record is followed
   */
  static InetSocketAddress parse(String option, String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw invalid(option, text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw invalid(option, text);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(option, text);
    }
    if (port < 0 || port > 65535 || host.isEmpty()) {
      throw invalid(option, text);
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  private static ExitException invalid(String option, String text) {
    return new ExitException(ExitCodes.INVALID_INPUT,
        option + " must be HOST:PORT such as 127.0.0.1:3001 or [::1]:3001, was: \"" + text + "\"");
  }
}
