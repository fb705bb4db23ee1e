package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.agent.metrics.NodeMetrics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When an observation's metrics were sampled: from the scrape's start to its end. */
class ScrapeWindowTest {
  static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void anObservation_spansItsScrape() throws Exception {
    NodeMetrics m = NodeMetrics.parse("cardano_node_metrics_slotNum_int 5\n");
    assertThat(NodeObservation.scraped(T, m, T.plusMillis(30)).scrape()).isEqualTo(new ScrapeWindow(T,
        T.plusMillis(30)));
    assertThat(NodeObservation.scraped(T, m).scrape()).isEqualTo(ScrapeWindow.at(T));
    assertThat(NodeObservation.scrapeFailed(T, "refused").scrape()).isEqualTo(ScrapeWindow.at(T));
    // A clock stepped back during the scrape: it ends when it began, never before.
    assertThat(NodeObservation.scraped(T, m, T.minusSeconds(1)).scrape()).isEqualTo(ScrapeWindow.at(T));
    // The copies keep it.
    assertThat(NodeObservation.scraped(T, m, T.plusMillis(30)).withOpcertError("gone").scrape().end())
        .isEqualTo(T.plusMillis(30));
  }

  @Test
  void aWindow_isInOrder() {
    assertThatThrownBy(() -> new ScrapeWindow(T, T.minusNanos(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before it starts");
  }
}
