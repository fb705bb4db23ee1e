package io.palisade.console.web;

import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ProducerLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The dashboard's producer panel (pure, formatted once here): which block producer forges, since when, the fencing
 * token, the standby's state and whether each producer's {@code forging_enabled} agrees (issue 18).
 *
 * @param known whether the gateway reports the producer lease
 * @param unknownWhy why not, when not known
 * @param holder the producer that holds the lease (the one that forges)
 * @param since when it got the lease, empty when not known
 * @param sinceAgo how long ago, in words, empty when not known
 * @param token the fencing token
 * @param holderForging the holder's {@code forging_enabled}: {@code yes}, {@code no} or {@code unknown}
 * @param standby the other producer
 * @param standbyState the standby's verdict ({@code READY}, ...), {@code UNKNOWN} when the pool does not report it
 * @param standbyStateClass the verdict's colour class
 * @param standbyWhy what the verdict means or the agent's first reason
 * @param standbyForging the standby's {@code forging_enabled}: {@code yes}, {@code no} or {@code unknown}
 * @param handover a failover or switchover in progress, empty when none
 * @param status the runtime's one line
 * @param alarm whether the producers' forging flags contradict the lease (the standby forges, or the holder does not)
 */
record ProducerPanel(boolean known, String unknownWhy, String holder, String since, String sinceAgo, long token,
    String holderForging, String standby, String standbyState, String standbyStateClass, String standbyWhy,
    String standbyForging, String handover, String status, boolean alarm) {

  static ProducerPanel of(PoolSnapshot s, Instant now) {
    ProducerLease p = s.producer();
    if (!p.known()) {
      return new ProducerPanel(false, p.unknownWhy().isEmpty() ? "not reported" : p.unknownWhy(), "unknown", "",
          "", 0, "unknown", "unknown", "UNKNOWN", "state-unknown", "", "unknown", "", "", false);
    }
    Optional<NodeStatus> standby = s.node(p.standby());
    DashboardView.Node sv = standby.map(DashboardView::node).orElse(null);
    Optional<Boolean> holderForging = p.forging(p.holder());
    Optional<Boolean> standbyForging = p.forging(p.standby());
    boolean alarm = standbyForging.orElse(false) || holderForging.map(f -> !f).orElse(false) && p.handover()
        .isEmpty();
    return new ProducerPanel(true, "", p.holder(), p.since().map(Formats::instant).orElse(""),
        p.since().map(t -> Formats.duration(Duration.between(t, now)) + " ago").orElse(""), p.token(),
        words(holderForging), p.standby(), sv == null ? "UNKNOWN" : sv.state(), sv == null ? "state-unknown"
        : sv.stateClass(), sv == null ? "the pool does not report it" : sv.why(), words(standbyForging),
        p.handover(), p.status(), alarm);
  }

  private static String words(Optional<Boolean> forging) {
    return forging.map(f -> f ? "yes" : "no").orElse("unknown");
  }
}
