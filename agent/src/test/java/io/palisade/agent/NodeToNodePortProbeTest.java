package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.metrics.MetricStyle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The port probe's outcomes against real sockets. */
@Timeout(30)
class NodeToNodePortProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void answeringNode_givesVersionsAndTip() throws Exception {
    TimeSeries.Sample s = TimeSeries.node("node-3").get(10);
    try (FakeNode node = new FakeNode(s, MetricStyle.NEW_TRACING, 42)) {
      PortProbeResult r = new NodeToNodePortProbe(node.portAddress(), 42, TIMEOUT).probe();
      assertThat(r.outcome()).isEqualTo(PortProbeResult.Outcome.ANSWERED);
      assertThat(r.versions()).containsExactly(14, 15, 16);
      assertThat(r.tip().orElseThrow().slot()).hasValue(s.get("slotNum_int").orElseThrow().longValue());
      assertThat(r.detail()).isEmpty();
    }
  }

  @Test
  void nodeOnAnotherNetwork_isWrongNetwork() throws Exception {
    try (FakeNode node = new FakeNode(TimeSeries.node("node-3").get(10), MetricStyle.LEGACY, 1)) {
      PortProbeResult r = new NodeToNodePortProbe(node.portAddress(), 42, TIMEOUT).probe();
      assertThat(r.outcome()).isEqualTo(PortProbeResult.Outcome.WRONG_NETWORK);
      assertThat(r.answered()).isTrue();
      assertThat(r.detail()).contains("mismatch");
    }
  }

  @Test
  void closedPort_isUnreachable_andMetricsPort_isAProtocolError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PortProbeResult closed = new NodeToNodePortProbe(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 42, TIMEOUT).probe();
    assertThat(closed.outcome()).isEqualTo(PortProbeResult.Outcome.UNREACHABLE);
    assertThat(closed.answered()).isFalse();
    // Pointing the probe at an HTTP server (a mixed-up port) must end quickly in a protocol error or no answer.
    try (FakeNode node = new FakeNode(TimeSeries.node("node-3").get(10), MetricStyle.LEGACY, 42)) {
      var http = new InetSocketAddress(InetAddress.getLoopbackAddress(), node.metricsUrl().getPort());
      PortProbeResult r = new NodeToNodePortProbe(http, 42, TIMEOUT).probe();
      assertThat(r.outcome()).isIn(PortProbeResult.Outcome.PROTOCOL_ERROR, PortProbeResult.Outcome.UNREACHABLE);
      assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
    }
  }
}
