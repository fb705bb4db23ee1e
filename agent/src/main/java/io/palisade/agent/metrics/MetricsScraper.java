package io.palisade.agent.metrics;

import java.io.BufferedInputStream;
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
    } catch (HttpResponseReader.StaleConnectionException e) {
      // The node closed the idle keep-alive connection between scrapes; one fresh connection is normal.
      disconnect();
      if (!reused) {
        throw new EOFException("the endpoint closed the connection without answering");
      }
      connect(deadline);
      try {
        return exchange(deadline);
      } catch (HttpResponseReader.StaleConnectionException again) {
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
      s.connect(resolved, HttpResponseReader.remainingMillis(deadline));
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
      throw new HttpResponseReader.StaleConnectionException();
    }
    HttpResponseReader reader = new HttpResponseReader(socket, in, deadline, MAX_HEAD_BYTES, MAX_BODY_BYTES);
    HttpResponseReader.Head head = reader.head();
    int code = head.code();
    boolean keepAlive = head.keepAlive();
    if (code != 200) {
      disconnect();
      throw new IOException("HTTP " + code + (head.reason() == null ? "" : " " + head.reason())
          + (code == 404 ? " (is the path /metrics?)" : code == 415 ? " (the endpoint refused the request format)"
          : ""));
    }
    byte[] body = reader.body(head);
    if (head.untilClose()) {
      keepAlive = false;
    }
    if (!keepAlive) {
      disconnect();
    }
    return new String(body, StandardCharsets.UTF_8);
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
}
