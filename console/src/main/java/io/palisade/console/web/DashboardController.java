package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import io.palisade.console.delay.ActionState;
import io.palisade.gateway.PoolSnapshot;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The pool at a glance: a banner (pool name, network, pool id, health, SIMULATED NODES), every node's state with the
 * why of it, tip and gap, peers, version, KES periods left and expiry; the epoch's leader slots coloured by verdict,
 * the next one as a countdown and the actions waiting for a free window; which block producer forges (the producer
 * lease) and the standby's state; pictures over the last hours (tip gap and hot peers per node, the KES countdown,
 * the rollout's steps) from the console's {@link io.palisade.console.charts.PoolHistory}, which every view also feeds;
 * pending destructive actions with their countdowns; recent audit events.
 */
@Controller
class DashboardController {
  private final ConsoleServices services;

  DashboardController(ConsoleServices services) {
    this.services = services;
  }

  private PoolSnapshot snapshot(Instant now) {
    try {
      PoolSnapshot s = services.gateway().snapshot();
      services.history().observe(s); // at most one sample per node every PoolHistory.SPACING
      return s;
    } catch (RuntimeException e) {
      return PoolSnapshot.disconnected(now, "the gateway failed: " + e.getMessage());
    }
  }

  /**
   * The same view as the page, for its live updates (console.js polls it). Read-only, GET, behind the same sign-in
   * and second factor as the page; a poll does not count as the operator's activity (see {@link IdleSessions}).
   */
  @GetMapping(value = IdleSessions.LIVE_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  DashboardView live() {
    Instant now = services.clock().instant();
    return DashboardView.of(snapshot(now), services.history(), now);
  }

  @GetMapping("/")
  String dashboard(Model model) {
    Instant now = services.clock().instant();
    PoolSnapshot snapshot = snapshot(now);
    DashboardView view = DashboardView.of(snapshot, services.history(), now);
    model.addAttribute("view", view);
    model.addAttribute("connected", snapshot.connected());
    model.addAttribute("observedAt", view.observedAt());
    model.addAttribute("nodes", view.nodes());
    model.addAttribute("events", snapshot.recentEvents().stream().limit(10).map(Rows.EventRow::of).toList());
    model.addAttribute("pending", services.queue().inState(ActionState.PENDING).stream()
        .map(a -> Rows.ActionRow.of(a, now)).toList());
    model.addAttribute("audit", services.audit().recent(15).stream().map(Rows.AuditRow::of).toList());
    model.addAttribute("now", Formats.instant(now));
    return "dashboard";
  }
}
