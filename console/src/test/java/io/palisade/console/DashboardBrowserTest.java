package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.testing.BrowserConsole;
import io.palisade.console.testing.FakePoolGateway;
import io.palisade.console.charts.PoolHistory;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.ProducerLease;
import io.palisade.gateway.RolloutProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in the real browser, after {@link ConsoleBrowserTest} on the same console: the pool's banner (name,
 * network, pool id, health, SIMULATED NODES), the why of each node's verdict, the epoch's leader slots coloured by
 * verdict with the next one counting down, the actions waiting for a free window, the producer panel (which
 * producer forges, its fencing token, the standby), and the pictures over time (tip gap and hot peers per node, the KES
 * countdown, the rollout's steps), all following the pool live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserConsole.Extension.class)
@Order(2)
class DashboardBrowserTest {
  static final String ALICE = "alice";
  static final String ALICE_PASSWORD = "correct horse battery staple";

  private BrowserConsole c;

  @BeforeAll
  void signIn(BrowserConsole shared) {
    c = shared;
    c.signIn(ALICE, ALICE_PASSWORD);
  }

  @Test
  @Order(1)
  void theBannerNamesThePool_itsHealth_andThatItsNodesAreSimulated() {
    c.browser.get(c.url("/"));
    assertThat(c.byId("pool-name").getText()).isEqualTo("demo");
    assertThat(c.byId("pool-network").getText()).isEqualTo("preview");
    assertThat(c.byId("pool-id").getText()).isEqualTo("pool1demo0fake0id");
    assertThat(c.byId("simulated-badge").getText()).isEqualTo("SIMULATED NODES");
    assertThat(c.byId("simulated-badge").isDisplayed()).isTrue();
    assertThat(c.byId("pool-health").getText()).isEqualTo("NOT HEALTHY");
    assertThat(c.byId("pool-health-why").getText()).startsWith("1 leader slot was missed during a Palisade action")
        .contains("relay-us-0 degraded (only 1 peer (want 5))");
    assertThat(c.byId("pool-banner").getAttribute("class")).contains("health-bad");
  }

  @Test
  @Order(2)
  void eachNodeSaysWhyItIsInItsState() {
    c.browser.get(c.url("/"));
    assertThat(row("block-producer").findElement(By.cssSelector("[data-field=why]")).getText())
        .isEqualTo("at the tip and serving");
    WebElement relay = row("relay-us-0");
    assertThat(relay.findElement(By.cssSelector("[data-field=state]")).getText()).isEqualTo("DEGRADED");
    assertThat(relay.findElement(By.cssSelector("[data-field=why]")).getText()).isEqualTo("only 1 peer (want 5)");
  }

  @Test
  @Order(3)
  void theEpochsLeaderSlotsAreAStripColouredByVerdict_withTheNextOneCountingDown() {
    c.browser.get(c.url("/"));
    List<WebElement> cells = c.browser.findElements(By.cssSelector("#slot-strip .slot"));
    assertThat(cells).extracting(e -> e.getAttribute("data-outcome")).containsExactly("ADOPTED", "LOST_SLOT_BATTLE",
        "MISSED_PALISADE_ACTION", "PENDING");
    assertThat(cells).extracting(e -> e.getAttribute("class")).containsExactly("slot slot-ok", "slot slot-lost",
        "slot slot-palisade", "slot slot-pending");
    assertThat(cells.get(2).getAttribute("title")).contains("missed: during a Palisade action",
        "an upgrade step stopped the block producer");
    // Each verdict has its own colour on screen, not only its own class.
    assertThat(cells.stream().map(e -> e.getCssValue("background-color")).distinct()).hasSize(4);
    assertThat(c.byId("slots-summary").getText()).isEqualTo("epoch " + FakePoolGateway.EPOCH + ": 4 leader slots,"
        + " 1 adopted, 1 lost slot battle, 1 missed: during a Palisade action, 1 to come");
    // The countdown is the page's script at work: it starts from the server's 600 s and ticks.
    c.wait.until(ExpectedConditions.textMatches(By.id("next-slot-countdown"), java.util.regex.Pattern.compile(
        "^(10 min 0 s|9 min \\d+ s)$")));
    assertThat(c.byId("next-slot-at").getText()).endsWith("UTC");
  }

  @Test
  @Order(4)
  void theActionsWaitingForAFreeWindowSayWhenItOpens() {
    c.browser.get(c.url("/"));
    WebElement waiting = c.byId("waiting");
    assertThat(waiting.getText()).contains("restart block-producer: waiting for a free window", "UTC");
    assertThat(waiting.findElements(By.cssSelector(".countdown"))).singleElement()
        .satisfies(e -> assertThat(e.getText()).matches("1[01] min \\d+ s"));
  }

  @Test
  @Order(5)
  void thePageFollowsThePoolLive_withoutReloading() {
    c.browser.get(c.url("/"));
    c.browser.executeScript("window.palisadeMarker = 'still the same page';");
    assertThat(row("relay-us-0").findElement(By.cssSelector("[data-field=state]")).getText()).isEqualTo("DEGRADED");
    c.gateway.relayUs(NodeState.READY, List.of());
    try {
      c.wait.until(d -> row("relay-us-0").findElement(By.cssSelector("[data-field=state]")).getText()
          .equals("READY"));
      WebElement relay = row("relay-us-0");
      assertThat(relay.findElement(By.cssSelector("[data-field=state]")).getAttribute("class"))
          .isEqualTo("state state-ready");
      assertThat(relay.findElement(By.cssSelector("[data-field=why]")).getText()).isEqualTo("at the tip and serving");
      assertThat(c.byId("pool-health-why").getText()).doesNotContain("relay-us-0");
      assertThat(c.browser.findElements(By.cssSelector("#slot-strip .slot"))).hasSize(4);
      assertThat(c.byId("live-status").getText()).startsWith("live: updated");
      assertThat(c.browser.executeScript("return window.palisadeMarker;")).isEqualTo("still the same page");
    } finally {
      c.gateway.relayUs(NodeState.DEGRADED, List.of("only 1 peer (want 5)"));
    }
  }

  @Test
  @Order(6)
  void theProducerPanelSaysWhichProducerForges_sinceWhen_theFencingToken_andTheStandbysState() {
    c.browser.get(c.url("/"));
    assertThat(c.byId("producer-holder").getText()).isEqualTo("block-producer");
    assertThat(c.byId("producer-token").getText()).isEqualTo("3");
    assertThat(c.byId("producer-since-ago").getText()).isEqualTo("2 d 0 h 0 min ago");
    assertThat(c.byId("producer-holder-forging").getText()).isEqualTo("yes");
    assertThat(c.byId("producer-standby").getText()).isEqualTo(FakePoolGateway.STANDBY);
    assertThat(c.byId("producer-standby-state").getText()).isEqualTo("READY");
    assertThat(c.byId("producer-standby-forging").getText()).isEqualTo("no");
    assertThat(c.byId("producer-alarm").isDisplayed()).isFalse();
    assertThat(c.byId("producer-unknown").isDisplayed()).isFalse();
    // A failover, live: the standby holds the lease with the next token; the page follows without a reload.
    c.gateway.producer(new ProducerLease(true, "", FakePoolGateway.STANDBY, 4, Optional.of(c.clock.instant()),
        "block-producer", "", Map.of(FakePoolGateway.STANDBY, true, "block-producer", false),
        FakePoolGateway.STANDBY + " forges (token 4) after a failover"));
    try {
      c.wait.until(d -> c.byId("producer-token").getText().equals("4"));
      assertThat(c.byId("producer-holder").getText()).isEqualTo(FakePoolGateway.STANDBY);
      assertThat(c.byId("producer-status").getText()).endsWith("after a failover");
      assertThat(c.byId("producer-standby").getText()).isEqualTo("block-producer");
    } finally {
      c.gateway.producer(null);
    }
    c.wait.until(d -> c.byId("producer-token").getText().equals("3"));
  }

  @Test
  @Order(7)
  void picturesOverTime_tipGapAndHotPeersPerNode_theKesCountdown_andTheRolloutsSteps() {
    fillSixHoursOfHistory();
    c.browser.get(c.url("/"));
    List<WebElement> gap = chart("gap", "relay-us-0").findElements(By.cssSelector("svg polyline"));
    assertThat(gap).isNotEmpty();
    int points = points(gap);
    assertThat(points).isGreaterThan(100);
    assertThat(chart("peers", "relay-us-0").findElements(By.cssSelector("svg polyline"))).isNotEmpty();
    assertThat(chart("gap", "relay-us-0").findElement(By.cssSelector("svg")).getAttribute("aria-label"))
        .startsWith("relay-us-0: tip gap in slots over the last 6 h: now 103");
    // The lines take their colour from the stylesheet (no style attribute: the CSP allows none).
    assertThat(gap.get(0).getCssValue("stroke")).isNotEqualTo("none");
    assertThat(chart("kes", "block-producer").findElement(By.cssSelector("rect.gauge-bar")).getAttribute("class"))
        .isEqualTo("gauge-bar kes-ok");
    assertThat(chart("kes", "block-producer").findElements(By.cssSelector("line.gauge-mark"))).hasSize(3);
    assertThat(c.browser.findElements(By.cssSelector("#rollout-steps g.step"))).extracting(e -> e.getAttribute(
        "data-node") + "=" + e.getAttribute("data-step")).containsExactly("relay-eu-0=DONE", "relay-us-0=DONE",
        FakePoolGateway.STANDBY + "=DONE", "block-producer=DONE");

    // Live: a new sample and a rollout that starts, without a reload.
    c.gateway.rollout(new RolloutProgress("10.6.0", "UPGRADING", 1, 4, "relay-us-0", "waiting for relay-us-0",
        List.of("relay-eu-0", "relay-us-0", FakePoolGateway.STANDBY, "block-producer"), List.of("relay-eu-0")));
    c.clock.advance(PoolHistory.SPACING.plusSeconds(1));
    try {
      c.wait.until(d -> c.browser.findElements(By.cssSelector("#rollout-steps g.step[data-step=RUNNING]")).size()
          == 1);
      assertThat(c.browser.findElements(By.cssSelector("#rollout-steps g.step"))).extracting(e -> e.getAttribute(
          "data-step")).containsExactly("DONE", "RUNNING", "WAITING", "WAITING");
      c.wait.until(d -> points(chart("gap", "relay-us-0").findElements(By.cssSelector("svg polyline"))) > points);
      // A pool without a rollout hides the section, live too.
      c.gateway.rollout(null);
      c.wait.until(d -> !c.byId("rollout").isDisplayed());
    } finally {
      c.gateway.rollout(FakePoolGateway.DONE);
    }
    c.wait.until(d -> c.byId("rollout").isDisplayed());
  }

  /**
   * The dashboard as the README shows it, taken here so the picture stays true to the page: written to
   * {@code target/screenshots/dashboard.png} ({@code docs/images/dashboard.png} is a copy of it). The window is
   * made tall enough for the charts and the producer panel.
   */
  @Test
  @Order(8)
  void theDashboardAsTheReadmeShowsIt() throws IOException {
    fillSixHoursOfHistory();
    Dimension before = c.browser.manage().window().getSize();
    c.browser.manage().window().setSize(new Dimension(1400, 2000));
    try {
      c.browser.get(c.url("/"));
      c.wait.until(d -> c.byId("live-status").getText().startsWith("live: updated"));
      byte[] png = c.browser.getScreenshotAs(OutputType.BYTES);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isGreaterThanOrEqualTo(1000);
      Path shot = Path.of("target", "screenshots", "dashboard.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, png);
    } finally {
      c.browser.manage().window().setSize(before);
    }
  }

  /**
   * Six hours of the fake pool's past, a sample a minute up to a minute ago, as if the console had watched them (the
   * console's own sampler adds the present).
   */
  private void fillSixHoursOfHistory() {
    PoolHistory history = c.console.services().history();
    Instant start = c.clock.instant().minus(PoolHistory.WINDOW);
    int n = (int) PoolHistory.WINDOW.toMinutes() - 1;
    for (int i = 0; i < n; i++) {
      history.observe(c.gateway.pastSnapshot(start.plus(Duration.ofMinutes(i + 1)), i));
    }
  }

  private WebElement chart(String kind, String node) {
    return c.browser.findElements(By.cssSelector(".chart-box[data-chart=" + kind + "]")).stream()
        .filter(e -> node.equals(e.getAttribute("data-node"))).findFirst().orElseThrow();
  }

  private static int points(List<WebElement> polylines) {
    return polylines.stream().mapToInt(p -> p.getAttribute("points").split(" ").length).sum();
  }

  private WebElement row(String node) {
    return c.browser.findElement(By.cssSelector("#nodes tr[data-node=" + node + "]"));
  }
}
