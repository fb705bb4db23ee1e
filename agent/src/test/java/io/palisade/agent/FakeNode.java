package io.palisade.agent;

import io.palisade.agent.metrics.FakeMetricsEndpoint;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node on loopback for end-to-end tests: a Prometheus endpoint serving a recorded scrape and a node-to-node
 * responder serving the same tip.
 */
public final class FakeNode implements Closeable {
  private final AtomicReference<TimeSeries.Sample> sample;
  private final FakeMetricsEndpoint metrics;
  private final NodeToNodeServer port;

  /**
   * @param first the scrape to serve
   * @param style how to write it
   * @param magic the network magic the port answers
   */
  public FakeNode(TimeSeries.Sample first, MetricStyle style, long magic) throws IOException {
    this.sample = new AtomicReference<>(first);
    this.metrics = new FakeMetricsEndpoint(n -> FakeMetricsEndpoint.ok(sample.get().render(style, true)));
    this.port = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(magic, this::tip));
  }

  /** Serves another scrape from now on. */
  public void serve(TimeSeries.Sample next) {
    sample.set(next);
  }

  /** The tip matching the current scrape. */
  public ChainTip tip() {
    TimeSeries.Sample s = sample.get();
    return s.get("slotNum_int")
        .map(slot -> new ChainTip(Point.of(slot.longValue(), "cd".repeat(32)),
            s.get("blockNum_int").orElse(0.0).longValue()))
        .orElse(ChainTip.ORIGIN);
  }

  /** The metrics URL. */
  public URI metricsUrl() {
    return metrics.url();
  }

  /** The node-to-node address. */
  public InetSocketAddress portAddress() {
    return port.address();
  }

  /** Stops the metrics endpoint only. */
  public void stopMetrics() throws IOException {
    metrics.close();
  }

  @Override
  public void close() throws IOException {
    metrics.close();
    port.close();
  }
}
