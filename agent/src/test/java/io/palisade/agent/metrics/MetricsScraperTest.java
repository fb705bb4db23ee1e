package io.palisade.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scraping as cardano-node's PrometheusSimple wants it, and surviving endpoints that misbehave. */
@Timeout(60)
class MetricsScraperTest {
  private static final String BODY = Fixtures.text("new-tracing-relay.prom");
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  @Test
  void threeScrapes_oneKeepAliveConnection_smallRequests_atMostOnePerSecond() throws Exception {
    try (var endpoint = new FakeMetricsEndpoint(n -> FakeMetricsEndpoint.ok(BODY));
        var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        assertThat(scraper.scrape().integer(NodeMetric.SLOT_NUM)).hasValue(14351);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1990));
      assertThat(endpoint.connections()).isEqualTo(1);
      assertThat(scraper.connectionsOpened()).isEqualTo(1);
      assertThat(endpoint.requests()).hasSize(3).allSatisfy(r -> {
        assertThat(r).startsWith("GET /metrics HTTP/1.1\r\n").contains("Host: 127.0.0.1:");
        assertThat(r.toLowerCase()).doesNotContain("accept");
        assertThat(r.length()).isLessThan(200);
      });
    }
  }

  @Test
  void chunkedBody_isReassembled() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(10) + ";ext=1\r\n" + BODY.substring(0, 10) + "\r\n"
        + Integer.toHexString(BODY.length() - 10) + "\r\n" + BODY.substring(10) + "\r\n0\r\n\r\n";
    try (var endpoint = new FakeMetricsEndpoint(n -> FakeMetricsEndpoint.raw(chunked));
        var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      assertThat(scraper.scrape().integer(NodeMetric.BLOCK_NUM)).hasValue(691);
    }
  }

  @Test
  void connectionClose_andStaleKeepAlive_reconnectTransparently() throws Exception {
    try (var endpoint = new FakeMetricsEndpoint(n -> FakeMetricsEndpoint.ok(BODY));
        var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      // The endpoint hangs up after each answer without "Connection: close", as an idle timeout would.
      endpoint.closeAfterEachResponse();
      scraper.scrape();
      scraper.scrape();
      assertThat(endpoint.connections()).isEqualTo(2);
    }
    String closing = "HTTP/1.0 200 OK\r\n\r\n" + BODY;
    try (var endpoint = new FakeMetricsEndpoint(n -> FakeMetricsEndpoint.raw(closing));
        var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      endpoint.closeAfterEachResponse();
      assertThat(scraper.scrape().integer(NodeMetric.SLOT_NUM)).hasValue(14351);
    }
  }

  @Test
  void httpErrors_andNonMetrics_areClearFailures() throws Exception {
    try (var endpoint = new FakeMetricsEndpoint(n -> n == 0
        ? FakeMetricsEndpoint.raw("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        : FakeMetricsEndpoint.ok("<html>gateway</html>"));
        var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      assertThatThrownBy(scraper::scrape).isInstanceOf(ScrapeException.class)
          .hasMessageContaining("HTTP 404").hasMessageContaining("/metrics");
      assertThatThrownBy(scraper::scrape).hasMessageContaining("not Prometheus text");
    }
  }

  @Test
  void silentOrTricklingEndpoint_timesOut_withinTheDeadline() throws Exception {
    try (var endpoint = new FakeMetricsEndpoint(n -> null);
        var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      long start = System.nanoTime();
      assertThatThrownBy(scraper::scrape).hasMessageContaining("did not answer within 800 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
    try (var endpoint = new FakeMetricsEndpoint(n -> {
      // Promise a body, then send it too slowly.
      return FakeMetricsEndpoint.raw("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nslotNum_int 1\n");
    }); var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      assertThatThrownBy(scraper::scrape).isInstanceOf(ScrapeException.class);
    }
  }

  @Test
  void oversizedOrGarbledResponses_areRefusedWithoutReadingThem() throws Exception {
    try (var endpoint = new FakeMetricsEndpoint(n -> switch (n) {
      case 0 -> FakeMetricsEndpoint.raw("HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n");
      case 1 -> FakeMetricsEndpoint.raw("SSH-2.0-OpenSSH_9.2\r\n");
      case 2 -> FakeMetricsEndpoint.raw("HTTP/1.1 200 OK\r\nX: " + "a".repeat(20_000) + "\r\n\r\n");
      default -> FakeMetricsEndpoint.raw("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n");
    }); var scraper = new MetricsScraper(endpoint.url(), TIMEOUT)) {
      assertThatThrownBy(scraper::scrape).hasMessageContaining("over the limit");
      assertThatThrownBy(scraper::scrape).hasMessageContaining("not an HTTP/1.x response");
      assertThatThrownBy(scraper::scrape).hasMessageContaining("headers are over the limit");
      assertThatThrownBy(scraper::scrape).hasMessageContaining("bad Content-Length");
    }
  }

  @Test
  void refusedPort_isAFailureNotAHang() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (var scraper = new MetricsScraper(URI.create("http://127.0.0.1:" + port + "/metrics"), TIMEOUT)) {
      assertThatThrownBy(scraper::scrape).isInstanceOf(ScrapeException.class).hasMessageContaining("cannot scrape");
    }
  }

  @Test
  void aSupervisorsShorterPace_isKept_overTheOneConnection_andNothingShorterThanAFifthOfASecond() throws Exception {
    try (var endpoint = new FakeMetricsEndpoint(n -> FakeMetricsEndpoint.ok(BODY));
        var scraper = new MetricsScraper(endpoint.url(), TIMEOUT, MetricsScraper.FASTEST_PACE)) {
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        scraper.scrape();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
      assertThat(endpoint.connections()).isEqualTo(1);
    }
    assertThatThrownBy(() -> new MetricsScraper(URI.create("http://127.0.0.1:1/metrics"), TIMEOUT,
        Duration.ofMillis(50))).hasMessageContaining("at least 200 ms");
  }

  @Test
  void refusedAttempts_doNotCountAgainstThePace_soTheNodeIsScrapedAsSoonAsItListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (var scraper = new MetricsScraper(URI.create("http://127.0.0.1:" + port + "/metrics"), TIMEOUT)) {
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(scraper::scrape).hasMessageContaining("cannot scrape");
      }
      // Paced, three attempts would take two seconds; refused ones reached nothing and wait for nothing.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }
  }

  @Test
  void onlyPlainHttpUrls() {
    assertThatThrownBy(() -> new MetricsScraper(URI.create("https://node:12798/metrics"), TIMEOUT))
        .hasMessageContaining("plain HTTP");
    assertThatThrownBy(() -> new MetricsScraper(URI.create("file:///metrics"), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetricsScraper(URI.create("http://node/" + "x".repeat(2000)), TIMEOUT))
        .hasMessageContaining("2 KiB");
  }
}
