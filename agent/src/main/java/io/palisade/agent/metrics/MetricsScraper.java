package io.palisade.agent.metrics;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Scrapes a cardano-node Prometheus endpoint the way the node wants to be scraped. PrometheusSimple closes requests of
 * 2 KiB or more, accepts 3 connections a second and at most 4 per client host, and drops idle sockets after 22 s
 * (trace-dispatcher {@code Prometheus/TCPServer.hs}); so this scraper sends a request of about 100 bytes with no
 * {@code Accept} header, keeps one HTTP/1.1 keep-alive connection, and never scrapes more than once a second (a call
 * that comes sooner waits; a supervisor on the node's host may choose a shorter pace). An attempt that never reached the endpoint (connection refused: the node is not listening
 * yet) does not count, so the first scrape after the node opens its port is not held back.
 *
 * <p>Every read has a deadline (the whole scrape must finish within {@code timeout}), headers and body have size
 * limits, and anything unexpected closes the connection: a slow or hostile endpoint costs one timeout, never a hang.
 */
public final class MetricsScraper implements MetricsSource, Closeable {
  /** At most one scrape per this interval, by default. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** The shortest pace a scraper accepts: one keep-alive connection, five requests a second at most. */
  public static final Duration FASTEST_PACE = Duration.ofMillis(200);
  /** Largest response body accepted. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  /** Largest status line plus headers accepted. */
  public static final int MAX_HEAD_BYTES = 16 * 1024;

  private final URI url;
  private final InetSocketAddress address;
  private final byte[] request;
  private final Duration timeout;
  private final Duration pace;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private long lastStart = Long.MIN_VALUE;
  private boolean reached;
  private int connectionsOpened;

  /**
   * @param url the endpoint, {@code http://HOST:PORT/metrics}
   * @param timeout the deadline of one scrape (connect, request and response)
   * @throws IllegalArgumentException if the URL is not a plain http URL with a host
   */
  public MetricsScraper(URI url, Duration timeout) {
    this(url, timeout, MIN_INTERVAL);
  }

  /**
   * A scraper with another pace. cardano-node limits connections (3 a second, 4 per client), not requests on a
   * keep-alive connection, so a supervisor on the node's own host may look more often while it waits for a starting
   * node; the agent sidecar keeps the default of one scrape a second.
   *
   * @param url the endpoint, {@code http://HOST:PORT/metrics}
   * @param timeout the deadline of one scrape (connect, request and response)
   * @param pace the shortest time between two scrapes that reach the node, at least {@link #FASTEST_PACE}
   * @throws IllegalArgumentException if the URL is not a plain http URL with a host, or the pace is too short
   */
  public MetricsScraper(URI url, Duration timeout, Duration pace) {
    this.url = Objects.requireNonNull(url, "url");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.pace = Objects.requireNonNull(pace, "pace");
    if (pace.compareTo(FASTEST_PACE) < 0) {
      throw new IllegalArgumentException("a scrape pace must be at least " + FASTEST_PACE.toMillis() + " ms, was: "
          + pace.toMillis() + " ms");
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("scrape timeout must be positive, was: " + timeout);
    }
    if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("the node's metrics URL must look like http://127.0.0.1:12798/metrics"
          + " (cardano-node serves plain HTTP), was: " + url);
    }
    int port = url.getPort() < 0 ? 80 : url.getPort();
    this.address = InetSocketAddress.createUnresolved(url.getHost(), port);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]"
        : url.getHost();
    String text = "GET " + path + " HTTP/1.1\r\nHost: " + host + (url.getPort() < 0 ? "" : ":" + port)
        + "\r\nUser-Agent: palisade-agent\r\n\r\n";
    this.request = text.getBytes(StandardCharsets.US_ASCII);
    if (request.length >= 1024) {
      throw new IllegalArgumentException("the metrics URL is too long for cardano-node's 2 KiB request limit: " + url);
    }
  }

  @Override
  public String describe() {
    return url.toString();
  }

  /** Connections opened so far (one, while keep-alive holds). */
  public synchronized int connectionsOpened() {
    return connectionsOpened;
  }

  @Override
  public synchronized NodeMetrics scrape() throws ScrapeException {
    long previousStart = lastStart;
    pace();
    reached = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    String body;
    try {
      body = fetch(deadline);
    } catch (SocketTimeoutException e) {
      disconnect();
      throw new ScrapeException(url + " did not answer within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      disconnect();
      if (!reached) {
        // Nothing reached the node (refused: it does not listen yet): the attempt costs it nothing and does not count
        // against the once-a-second pace, so the scrape after it opens its port goes at once.
        lastStart = previousStart;
      }
      throw new ScrapeException("cannot scrape " + url + ": " + describe(e), e);
    }
    try {
      return NodeMetrics.parse(body);
    } catch (MetricsFormatException e) {
      throw new ScrapeException(url + " answered, but " + e.getMessage(), e);
    }
  }

  private void pace() throws ScrapeException {
    long now = System.nanoTime();
    long wait = lastStart == Long.MIN_VALUE ? 0 : lastStart + pace.toNanos() - now;
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ScrapeException("interrupted while waiting to scrape " + url);
      }
    }
    lastStart = System.nanoTime();
  }

  private String fetch(long deadline) throws IOException {
    boolean reused = socket != null;
    if (!reused) {
      connect(deadline);
    }
    reached = true;
    try {
      return exchange(deadline);
    } catch (StaleConnectionException e) {
      // The node closed the idle keep-alive connection between scrapes; one fresh connection is normal.
      disconnect();
      if (!reused) {
        throw new EOFException("the endpoint closed the connection without answering");
      }
      connect(deadline);
      try {
        return exchange(deadline);
      } catch (StaleConnectionException again) {
        throw new EOFException("the endpoint closed the connection without answering");
      }
    }
  }

  private void connect(long deadline) throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
      if (resolved.isUnresolved()) {
        throw new IOException("unknown host " + address.getHostString());
      }
      s.connect(resolved, remainingMillis(deadline));
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    out = s.getOutputStream();
    connectionsOpened++;
  }

  private String exchange(long deadline) throws IOException {
    try {
      out.write(request);
      out.flush();
    } catch (IOException e) {
      throw new StaleConnectionException();
    }
    int[] headBudget = {MAX_HEAD_BYTES};
    String status = readLine(deadline, headBudget, true);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x response: \"" + printable(status) + "\"");
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("bad HTTP status line: \"" + printable(status) + "\"");
    }
    boolean keepAlive = parts[0].equals("HTTP/1.1");
    long contentLength = -1;
    boolean chunked = false;
    while (true) {
      String header = readLine(deadline, headBudget, false);
      if (header.isEmpty()) {
        break;
      }
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("bad HTTP header line: \"" + printable(header) + "\"");
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: \"" + printable(value) + "\"");
          }
          if (contentLength < 0) {
            throw new IOException("bad Content-Length: " + contentLength);
          }
        }
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> {
          String v = value.toLowerCase(Locale.ROOT);
          if (v.contains("close")) {
            keepAlive = false;
          } else if (v.contains("keep-alive")) {
            keepAlive = true;
          }
        }
        default -> {
          // Other headers do not matter here.
        }
      }
    }
    if (code != 200) {
      disconnect();
      throw new IOException("HTTP " + code + (parts.length > 2 ? " " + printable(parts[2]) : "")
          + (code == 404 ? " (is the path /metrics?)" : code == 415 ? " (the endpoint refused the request format)"
          : ""));
    }
    byte[] body;
    if (chunked) {
      body = readChunked(deadline);
    } else if (contentLength >= 0) {
      if (contentLength > MAX_BODY_BYTES) {
        throw new IOException("response of " + contentLength + " bytes is over the limit of " + MAX_BODY_BYTES);
      }
      body = readExactly((int) contentLength, deadline);
    } else {
      body = readToEnd(deadline);
      keepAlive = false;
    }
    if (!keepAlive) {
      disconnect();
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private byte[] readChunked(long deadline) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int[] budget = {MAX_HEAD_BYTES};
    while (true) {
      String line = readLine(deadline, budget, false);
      int semi = line.indexOf(';');
      String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: \"" + printable(line) + "\"");
      }
      if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
        throw new IOException("chunked response is over the limit of " + MAX_BODY_BYTES + " bytes");
      }
      if (size == 0) {
        while (!readLine(deadline, budget, false).isEmpty()) {
          // Trailers carry nothing needed.
        }
        return body.toByteArray();
      }
      body.write(readExactly((int) size, deadline));
      if (!readLine(deadline, budget, false).isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
      budget[0] = MAX_HEAD_BYTES;
    }
  }

  private byte[] readExactly(int n, long deadline) throws IOException {
    byte[] buf = new byte[n];
    int read = 0;
    while (read < n) {
      arm(deadline);
      int r = in.read(buf, read, n - read);
      if (r < 0) {
        throw new EOFException("the endpoint closed the connection after " + read + " of " + n + " bytes");
      }
      read += r;
    }
    return buf;
  }

  private byte[] readToEnd(long deadline) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (true) {
      arm(deadline);
      int r = in.read(buf);
      if (r < 0) {
        return body.toByteArray();
      }
      if (body.size() + r > MAX_BODY_BYTES) {
        throw new IOException("response is over the limit of " + MAX_BODY_BYTES + " bytes");
      }
      body.write(buf, 0, r);
    }
  }

  /** Reads a CRLF- (or LF-) terminated ASCII line. At the start of a response, EOF means a stale connection. */
  private String readLine(long deadline, int[] budget, boolean firstOfResponse) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      arm(deadline);
      int b;
      try {
        b = in.read();
      } catch (IOException e) {
        if (firstOfResponse && line.length() == 0 && !(e instanceof SocketTimeoutException)) {
          throw new StaleConnectionException();
        }
        throw e;
      }
      if (b < 0) {
        if (firstOfResponse && line.length() == 0) {
          throw new StaleConnectionException();
        }
        throw new EOFException("the endpoint closed the connection in the middle of the response headers");
      }
      if (--budget[0] < 0) {
        throw new IOException("response headers are over the limit of " + MAX_HEAD_BYTES + " bytes");
      }
      if (b == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
  }

  private void arm(long deadline) throws IOException {
    socket.setSoTimeout(remainingMillis(deadline));
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    if (ms <= 0) {
      throw new SocketTimeoutException("scrape deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already broken.
      }
    }
    socket = null;
    in = null;
    out = null;
  }

  /** Closes the keep-alive connection. */
  @Override
  public synchronized void close() {
    disconnect();
  }

  /** A reused connection that turned out to be closed before any response byte. */
  private static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException() {
      super("stale keep-alive connection");
    }
  }
}
