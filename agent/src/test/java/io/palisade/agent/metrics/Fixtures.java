package io.palisade.agent.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Scrape fixtures in this test's resources. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * A fixture's text.
   *
   * <ul>
   *   <li>{@code legacy-bp-1.35.5.prom}: the legacy block-producer lines quoted in cardano-node issue #5075 (node
   *       1.35.5, mainnet slot 89321798, KES period 689, expiry 709, 20 periods left), plus peer, forging and
   *       build-info lines in the legacy syntax (space before the labels); revision and start time made up;
   *   <li>{@code new-tracing-relay.prom}: PrometheusSimple output as trace-dispatcher renders it (TYPE lines for
   *       gauges, counters and info metrics, none for reals, {@code # EOF}) with the last values of node-0 in the
   *       recorded 6-node series.
   * </ul>
   */
  public static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
