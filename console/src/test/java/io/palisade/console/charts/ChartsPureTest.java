package io.palisade.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The dashboard's SVG builders, pure: scales, empty and one-point histories, gaps, thresholds, hostile names. */
class ChartsPureTest {
  static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
  static final Instant FROM = NOW.minus(PoolHistory.WINDOW);
  static final String HOSTILE = "relay\"><script>alert(1)</script>&amp;'\u0000\u0007x";

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> all(Document d, String name) {
    NodeList l = d.getElementsByTagNameNS("*", name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < l.getLength(); i++) {
      out.add((Element) l.item(i));
    }
    return out;
  }

  static LineChart.Point p(Duration ago, long v) {
    return new LineChart.Point(NOW.minus(ago), OptionalLong.of(v));
  }

  static void noStyleNoScript(String svg) {
    assertThat(svg).doesNotContain("style=").doesNotContain("<script").doesNotContainIgnoringCase("javascript:");
  }

  @Test
  void theScaleRoundsUpTo1_2_5TimesAPowerOfTen_atLeast1() {
    assertThat(LineChart.roundMax(0)).isEqualTo(1);
    assertThat(LineChart.roundMax(-4)).isEqualTo(1);
    assertThat(LineChart.roundMax(1)).isEqualTo(1);
    assertThat(LineChart.roundMax(3)).isEqualTo(5);
    assertThat(LineChart.roundMax(7)).isEqualTo(10);
    assertThat(LineChart.roundMax(100)).isEqualTo(100);
    assertThat(LineChart.roundMax(103)).isEqualTo(200);
    assertThat(LineChart.roundMax(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void timeRunsLeftToRightOverTheWindow_andValuesBottomToTop() {
    assertThat(LineChart.x(FROM, FROM, NOW)).isEqualTo(LineChart.LEFT);
    assertThat(LineChart.x(NOW, FROM, NOW)).isEqualTo(LineChart.WIDTH - LineChart.RIGHT);
    assertThat(LineChart.y(0, 10)).isEqualTo(LineChart.HEIGHT - LineChart.BOTTOM);
    assertThat(LineChart.y(10, 10)).isEqualTo(LineChart.TOP);
    assertThat(LineChart.y(-5, 10)).isEqualTo(LineChart.HEIGHT - LineChart.BOTTOM); // a tip ahead sits at 0
  }

  @Test
  void anEmptyHistorySaysSo_andDrawsNoLine() throws Exception {
    String svg = LineChart.render("chart chart-gap", "relay-eu-0: tip gap in slots", List.of(), FROM, NOW);
    Document d = parse(svg);
    assertThat(all(d, "polyline")).isEmpty();
    assertThat(all(d, "circle")).isEmpty();
    assertThat(svg).contains("no samples yet");
    noStyleNoScript(svg);
  }

  @Test
  void samplesWithoutAnyValueSayItIsNotReported() throws Exception {
    String svg = LineChart.render("chart", "gap", List.of(new LineChart.Point(NOW.minusSeconds(60),
        OptionalLong.empty()), new LineChart.Point(NOW, OptionalLong.empty())), FROM, NOW);
    assertThat(all(parse(svg), "polyline")).isEmpty();
    assertThat(svg).contains("not reported").doesNotContain("no samples yet");
  }

  @Test
  void oneSampleIsADot() throws Exception {
    Document d = parse(LineChart.render("chart", "gap", List.of(p(Duration.ofMinutes(1), 4)), FROM, NOW));
    assertThat(all(d, "polyline")).isEmpty();
    assertThat(all(d, "circle")).singleElement().satisfies(c -> {
      assertThat(Double.parseDouble(c.getAttribute("cy"))).isCloseTo(LineChart.y(4, 5), within(0.06));
    });
  }

  @Test
  void anUnknownValue_orAStretchWithoutSamples_breaksTheLine() throws Exception {
    List<LineChart.Point> points = List.of(p(Duration.ofMinutes(60), 1), p(Duration.ofMinutes(59), 2),
        new LineChart.Point(NOW.minus(Duration.ofMinutes(58)), OptionalLong.empty()), p(Duration.ofMinutes(57), 3),
        p(Duration.ofMinutes(56), 8), // then the console was stopped for half an hour
        p(Duration.ofMinutes(20), 5), p(Duration.ofMinutes(19), 5));
    assertThat(LineChart.runs(points)).extracting(List::size).containsExactly(2, 2, 2);
    Document d = parse(LineChart.render("chart", "gap", points, FROM, NOW));
    assertThat(all(d, "polyline")).hasSize(3);
    assertThat(all(d, "text")).extracting(Element::getTextContent).contains("10", "0", "-6 h", "now");
  }

  @Test
  void samplesOutsideTheWindowAreLeftOut_andTheWindowMustBeAWindow() throws Exception {
    List<LineChart.Point> points = List.of(p(Duration.ofHours(7), 1000), p(Duration.ofMinutes(2), 1),
        p(Duration.ofMinutes(1), 2), p(Duration.ofMinutes(-5), 500));
    Document d = parse(LineChart.render("chart", "gap", points, FROM, NOW));
    String line = all(d, "polyline").get(0).getAttribute("points");
    assertThat(line.split(" ")).hasSize(2);
    assertThat(all(d, "text").get(0).getTextContent()).isEqualTo("2"); // the scale ignores the 1000 and the 500
    assertThatThrownBy(() -> LineChart.render("chart", "gap", List.of(), NOW, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostileNodeNamesAreEscaped_everywhere() throws Exception {
    for (String svg : List.of(
        LineChart.render("chart", HOSTILE + ": tip gap", List.of(p(Duration.ofMinutes(1), 1)), FROM, NOW),
        KesGauge.render(HOSTILE, Optional.of(Duration.ofDays(3))),
        RolloutSteps.render("10.6.0\"<b>", List.of(new RolloutSteps.Step(HOSTILE, RolloutSteps.State.RUNNING))))) {
      Document d = parse(svg); // well-formed: nothing broke out of an attribute or a text
      assertThat(all(d, "script")).isEmpty();
      assertThat(all(d, "b")).isEmpty();
      assertThat(d.getDocumentElement().getTextContent()).contains("relay\"><script>alert(1)</script>&amp;'x");
      noStyleNoScript(svg.replace("&lt;script&gt;", ""));
    }
  }

  @Property(tries = 200)
  void anyNameGivesWellFormedSvg(@ForAll String name) throws Exception {
    Document d = parse(RolloutSteps.render(name, List.of(new RolloutSteps.Step(name, RolloutSteps.State.DONE))));
    assertThat(all(d, "g")).singleElement().satisfies(g -> assertThat(g.getAttribute("data-step"))
        .isEqualTo("DONE"));
    parse(KesGauge.render(name, Optional.empty()));
    parse(LineChart.render("chart", name, List.of(), FROM, NOW));
  }

  @Test
  void numbersHaveOneDecimal_inAnyLocale() {
    assertThat(Svg.num(3)).isEqualTo("3");
    assertThat(Svg.num(12.46)).isEqualTo("12.5");
    assertThat(Svg.num(-0.04)).isEqualTo("0");
  }

  @Test
  void theKesBarSitsOnALogScale_withTheThresholdsAt10_5And1Days() {
    assertThat(KesGauge.position(-3)).isZero();
    assertThat(KesGauge.position(0)).isZero();
    assertThat(KesGauge.position(1)).isBetween(0.14, 0.16);
    assertThat(KesGauge.position(5)).isBetween(0.38, 0.40);
    assertThat(KesGauge.position(10)).isBetween(0.52, 0.54);
    assertThat(KesGauge.position(93)).isEqualTo(1.0);
    assertThat(KesGauge.position(400)).isEqualTo(1.0);
    assertThat(KesGauge.level(40)).isEqualTo("kes-ok");
    assertThat(KesGauge.level(10.01)).isEqualTo("kes-ok");
    assertThat(KesGauge.level(10)).isEqualTo("kes-warn");
    assertThat(KesGauge.level(5)).isEqualTo("kes-bad");
    assertThat(KesGauge.level(1)).isEqualTo("kes-critical");
    assertThat(KesGauge.level(-1)).isEqualTo("kes-critical");
  }

  @Test
  void theKesGaugeShowsDaysLeft_expired_orNotKnown() throws Exception {
    Document d = parse(KesGauge.render("block-producer", Optional.of(Duration.ofDays(4).plusHours(3))));
    Element bar = all(d, "rect").get(1);
    assertThat(bar.getAttribute("class")).isEqualTo("gauge-bar kes-bad");
    assertThat(all(d, "line")).hasSize(3);
    assertThat(all(d, "text")).extracting(Element::getTextContent).containsExactly("10 d", "5 d", "1 d",
        "4 d 3 h left");
    Document expired = parse(KesGauge.render("block-producer", Optional.of(Duration.ofHours(-2))));
    assertThat(all(expired, "rect").get(1).getAttribute("width")).isEqualTo("0");
    assertThat(all(expired, "text").get(3).getTextContent()).isEqualTo("EXPIRED");
    Document unknown = parse(KesGauge.render("block-producer", Optional.empty()));
    assertThat(all(unknown, "rect")).hasSize(1);
    assertThat(unknown.getDocumentElement().getAttribute("aria-label")).endsWith("KES expiry not known");
  }

  @Test
  void theRolloutsStepsAreBoxesInOrder_eachSayingWhereItStands() throws Exception {
    Document d = parse(RolloutSteps.render("10.6.0", List.of(
        new RolloutSteps.Step("relay-eu-0", RolloutSteps.State.DONE),
        new RolloutSteps.Step("relay-us-0", RolloutSteps.State.RUNNING),
        new RolloutSteps.Step("block-producer-with-a-very-long-name", RolloutSteps.State.WAITING))));
    assertThat(all(d, "g")).extracting(g -> g.getAttribute("data-node") + "=" + g.getAttribute("data-step"))
        .containsExactly("relay-eu-0=DONE", "relay-us-0=RUNNING", "block-producer-with-a-very-long-name=WAITING");
    assertThat(all(d, "g")).extracting(g -> g.getAttribute("class")).containsExactly("step step-done",
        "step step-running", "step step-waiting");
    assertThat(all(d, "line")).hasSize(2);
    assertThat(d.getDocumentElement().getAttribute("aria-label")).isEqualTo("rollout to 10.6.0: 1 of 3 nodes done");
    assertThat(all(d, "text")).extracting(Element::getTextContent).contains("block-producer-…", "in progress");
    assertThat(parse(RolloutSteps.render("10.6.0", List.of())).getDocumentElement().getTextContent())
        .contains("no steps reported");
  }
}
