package io.palisade.simnode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a simulated node's {@code /metrics} from a chosen loopback source address: a test's observer "on the
 * node's own host" uses an address the partition fault lets through ({@code reachableFrom}), the control plane's
 * scrapes come from 127.0.0.1. (The JDK's HttpClient cannot choose its source address before Java 19, hence a plain
 * HTTP/1.1 request on a socket.) Connect, read and the whole body are bounded.
 */
public final class ObserverScrape {
  /** The observer's source address: on Linux all of 127.0.0.0/8 is the loopback, no setup needed. */
  public static final String OBSERVER = "127.0.0.2";
  private static final int MAX_BYTES = 1 << 20;
  private static final Pattern FORGING =
      Pattern.compile("(?m)^\\S*forging_enabled(?:_int)?(?:\\{[^}]*})?\\s+(\\d+)");

  private ObserverScrape() {}

  /**
   * The response (status line, headers and body) of {@code GET /metrics}.
   *
   * @param source the local address to connect from
   * @param port the node's metrics port on 127.0.0.1
   * @param timeout bounds the connect and each read
   * @return the whole response
   * @throws IOException if it cannot connect, or no answer comes within the timeout
   */
  public static String get(String source, int port, Duration timeout) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(source, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      String text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
      if (!text.startsWith("HTTP/1.1 200")) {
        throw new IOException("no metrics from 127.0.0.1:" + port + ": "
            + (text.isEmpty() ? "closed without an answer" : text.lines().findFirst().orElse("")));
      }
      return text;
    }
  }

  /**
   * The node's {@code forging_enabled} as the observer reads it; empty when it cannot be read or is not exposed (a
   * producer without credential files exposes none, as cardano-node).
   *
   * @param port the node's metrics port
   * @param timeout bounds the scrape
   * @return 0 or 1, or empty
   */
  public static Optional<Integer> forgingEnabled(int port, Duration timeout) {
    try {
      Matcher m = FORGING.matcher(get(OBSERVER, port, timeout));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
