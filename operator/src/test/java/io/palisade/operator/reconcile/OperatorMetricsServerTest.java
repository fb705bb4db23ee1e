package io.palisade.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's {@code /metrics} server against requests it does not serve: GET /metrics only. */
class OperatorMetricsServerTest {
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  OperatorMetricsServer server;

  @BeforeEach
  void start() throws Exception {
    server = OperatorMetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new SlotLedgers(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void get_withNoStakePool_isAnEmptyExposition() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.address().getPort() + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void otherMethods_are405() throws Exception {
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
      HttpResponse<String> r = send(method, "/metrics");
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).contains("GET");
    }
  }

  @Test
  void otherPaths_are404() throws Exception {
    for (String path : new String[] {"/", "/metrics/", "/metricsx", "/status", "/../metrics"}) {
      assertThat(send("GET", path).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(send("POST", "/v1/shutdown").statusCode()).isEqualTo(404);
  }
}
