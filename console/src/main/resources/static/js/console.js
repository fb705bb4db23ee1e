// The console's browser glue: countdowns, the dashboard's live updates, passkeys (through Spring Security's own
// script), the shell terminal and the upgrade form's downgrade warning.
// No inline scripts: the Content-Security-Policy allows scripts from this origin only.
"use strict";

function csrfHeaders() {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return token && header && header.content ? { [header.content]: token.content } : {};
}

function formatRemaining(seconds) {
  if (seconds <= 0) return "due";
  const d = Math.floor(seconds / 86400), h = Math.floor((seconds % 86400) / 3600),
      m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  if (d > 0) return d + " d " + h + " h " + m + " min";
  if (h > 0) return h + " h " + m + " min";
  if (m > 0) return m + " min " + s + " s";
  return s + " s";
}

// Each countdown counts to its own deadline, set from data-seconds when the element is first seen (the live
// updates replace elements and seconds; the ticker picks them up).
function tickCountdowns() {
  const now = Date.now();
  document.querySelectorAll(".countdown[data-seconds]").forEach((el) => {
    if (!el.dataset.until) el.dataset.until = String(now + parseInt(el.dataset.seconds, 10) * 1000);
    el.textContent = formatRemaining(Math.floor((parseInt(el.dataset.until, 10) - now) / 1000));
  });
}

function startCountdowns() {
  if (document.querySelector(".countdown[data-seconds]") || document.getElementById("pool-banner")) {
    setInterval(tickCountdowns, 1000);
  }
}

// --- Live updates of the dashboard: GET /dashboard.json every few seconds, no reload. Text goes in through
// textContent only (never HTML), so nothing the pool reports can become markup; the charts are the server's SVG,
// parsed as XML (svgFrom).
const LIVE_INTERVAL_MS = 5000;

function setText(id, text) {
  const el = document.getElementById(id);
  if (el && el.textContent !== text) el.textContent = text;
}

function element(tag, attrs, text) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => el.setAttribute(k, v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function applyBanner(b) {
  setText("pool-name", b.name);
  setText("pool-network", b.network);
  setText("pool-id", b.poolId);
  setText("pool-nodes-kind", b.nodeKind);
  setText("pool-health", b.health);
  setText("pool-health-why", b.healthWhy);
  const cls = b.healthy ? "health-ok" : "health-bad";
  const banner = document.getElementById("pool-banner");
  banner.className = "pool-banner " + cls;
  document.getElementById("pool-health").className = "badge " + cls;
  const badge = document.getElementById("simulated-badge");
  if (badge) badge.hidden = !b.simulated;
}

// Returns false when the page's rows no longer match the pool's nodes (a node added or removed).
function applyNodes(nodes) {
  const rows = Array.from(document.querySelectorAll("#nodes tr[data-node]"));
  if (rows.length !== nodes.length || rows.some((r, i) => r.dataset.node !== nodes[i].name)) return false;
  nodes.forEach((n, i) => {
    const row = rows[i];
    const field = (name) => row.querySelector('[data-field="' + name + '"]');
    const state = field("state");
    state.textContent = n.state;
    state.className = "state " + n.stateClass;
    ["why", "tip", "gap", "peers", "version", "kesLeft", "kesExpiry"].forEach((f) => {
      const el = field(f);
      if (el && el.textContent !== String(n[f])) el.textContent = String(n[f]);
    });
    const full = field("whyFull");
    if (full) {
      full.textContent = n.whyFull;
      full.closest("details").hidden = n.whyFull === "";
    }
  });
  return true;
}

function applySlots(s) {
  const strip = document.getElementById("slot-strip");
  if (strip) {
    strip.replaceChildren(...s.cells.map((c) => element("span", { "class": "slot " + c.cssClass, "role": "listitem",
      "data-slot": String(c.slot), "data-outcome": c.outcome, "title": c.title }, String(c.slot))));
  }
  setText("slots-summary", s.summary);
  const countdown = document.getElementById("next-slot-countdown");
  if (countdown && s.nextSeconds >= 0) {
    countdown.dataset.seconds = String(s.nextSeconds);
    countdown.dataset.until = String(Date.now() + s.nextSeconds * 1000);
    setText("next-slot-at", s.nextAt);
  }
  const waiting = document.querySelector("#waiting tbody");
  if (waiting) {
    const rows = s.waiting.map((w) => {
      const tr = element("tr");
      tr.append(element("td", {}, w.description), element("td", {}, w.opensAt || "not known yet"));
      const td = element("td");
      if (w.opensInSeconds >= 0) {
        td.append(element("span", { "class": "countdown", "data-seconds": String(w.opensInSeconds) }, w.opensIn));
      }
      tr.append(td);
      return tr;
    });
    if (rows.length === 0) {
      const tr = element("tr");
      tr.append(element("td", { "colspan": "3" }, "Nothing waits."));
      rows.push(tr);
    }
    waiting.replaceChildren(...rows);
  }
}

// The charts are SVG the server rendered (every text from the pool escaped there). They are parsed as XML, never as
// HTML, and the CSP forbids inline script anyway; a chart that does not parse is left as it was.
function svgFrom(markup) {
  if (!markup) return null;
  const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
  if (doc.getElementsByTagName("parsererror").length > 0 || doc.documentElement.localName !== "svg") return null;
  return document.importNode(doc.documentElement, true);
}

function replaceChart(box, markup) {
  const svg = svgFrom(markup);
  if (svg) box.replaceChildren(svg);
  else if (!markup) box.replaceChildren();
}

function applyCharts(c) {
  const boxes = Array.from(document.querySelectorAll(".chart-box[data-chart]"));
  const box = (kind, node) => boxes.find((b) => b.dataset.chart === kind && b.dataset.node === node);
  c.nodes.forEach((n) => {
    const gap = box("gap", n.name), peers = box("peers", n.name);
    if (gap) replaceChart(gap, n.gap);
    if (peers) replaceChart(peers, n.peers);
  });
  c.kes.forEach((k) => {
    const gauge = box("kes", k.node);
    if (gauge) replaceChart(gauge, k.gauge);
  });
  const rollout = document.getElementById("rollout-steps");
  if (rollout) replaceChart(rollout, c.rollout);
  const section = document.getElementById("rollout");
  if (section) section.hidden = !c.rollout; // a rollout that starts or ends shows without a reload
  setText("rollout-summary", c.rolloutSummary);
  if (c.since) {
    setText("charts-since", "Sampled every 30 s since " + c.since
      + " (in memory: a restart starts the charts again).");
  }
}

function applyProducer(p) {
  const facts = document.getElementById("producer-facts");
  if (!facts) return;
  facts.hidden = !p.known;
  document.getElementById("producer-unknown").hidden = p.known;
  setText("producer-unknown", "Which producer forges: unknown (" + p.unknownWhy + ").");
  setText("producer-holder", p.holder);
  setText("producer-holder-forging", p.holderForging);
  setText("producer-since", p.since);
  setText("producer-since-ago", p.sinceAgo);
  setText("producer-token", String(p.token));
  setText("producer-standby", p.standby);
  setText("producer-standby-state", p.standbyState);
  document.getElementById("producer-standby-state").className = "state " + p.standbyStateClass;
  setText("producer-standby-why", p.standbyWhy);
  setText("producer-standby-forging", p.standbyForging);
  setText("producer-status", p.status);
  setText("producer-handover", p.handover);
  document.getElementById("producer-handover").hidden = p.handover === "";
  document.getElementById("producer-alarm").hidden = !p.alarm;
}

function startLiveUpdates() {
  const banner = document.getElementById("pool-banner");
  if (!banner || !banner.dataset.live) return;
  const status = (text) => setText("live-status", text);
  const timer = setInterval(() => {
    fetch(banner.dataset.live, { headers: { "Accept": "application/json" }, credentials: "same-origin",
      redirect: "manual", cache: "no-store" })
      .then((r) => {
        // A redirect is the sign-in page: the session ended (idle, lifetime, signed out elsewhere).
        if (r.type === "opaqueredirect" || !r.ok) throw new Error(r.status === 0 ? "signed out" : "HTTP " + r.status);
        return r.json();
      })
      .then((v) => {
        applyBanner(v.banner);
        applySlots(v.slots);
        applyCharts(v.charts);
        applyProducer(v.producer);
        setText("observed-at", v.observedAt);
        setText("console-time", v.now);
        status(applyNodes(v.nodes) ? "live: updated " + v.now
          : "the pool's nodes changed: reload the page to see them");
      })
      .catch((e) => {
        clearInterval(timer);
        status("live updates stopped (" + e.message + "): reload the page");
      });
  }, LIVE_INTERVAL_MS);
}

function setupPasskeys() {
  const login = document.getElementById("passkey-button");
  if (login && window.setupLogin) {
    window.setupLogin(csrfHeaders(), "", login);
  }
  const register = document.getElementById("passkey-register");
  if (register && window.setupRegistration) {
    window.setupRegistration(csrfHeaders(), "", {
      getRegisterButton: () => register,
      getLabelInput: () => document.getElementById("passkey-label"),
      getSuccess: () => document.getElementById("passkey-success"),
      getError: () => document.getElementById("passkey-error"),
      getDeleteForms: () => [],
    });
  }
}

function setupTerminal() {
  const term = document.getElementById("terminal");
  if (!term) return;
  const out = document.getElementById("terminal-output");
  const input = document.getElementById("terminal-input");
  const status = document.getElementById("terminal-status");
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(scheme + "//" + location.host + "/shell/ws?ticket=" + encodeURIComponent(term.dataset.ticket));
  const print = (text) => { out.textContent += text; out.scrollTop = out.scrollHeight; };
  ws.onopen = () => { status.textContent = "connected"; };
  ws.onmessage = (e) => print(e.data);
  ws.onclose = (e) => { status.textContent = "closed" + (e.reason ? ": " + e.reason : ""); input.disabled = true; };
  ws.onerror = () => { status.textContent = "connection failed"; };
  document.getElementById("terminal-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(input.value);
    print("> " + input.value + "\n");
    input.value = "";
  });
  document.getElementById("terminal-close").addEventListener("click", () => ws.close());
}

// Major.minor.patch as numbers, or null: enough to tell a downgrade in the upgrade form (the server decides).
function versionParts(text) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [parseInt(m[1], 10), parseInt(m[2], 10), parseInt(m[3], 10)] : null;
}

function olderThan(a, b) {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return false;
}

function setupDowngradeWarning() {
  const input = document.getElementById("upgrade-version");
  const warning = document.getElementById("downgrade-warning");
  if (!input || !warning || !input.dataset.running) return;
  const running = versionParts(input.dataset.running);
  input.addEventListener("input", () => {
    const typed = versionParts(input.value);
    warning.hidden = !(running && typed && olderThan(typed, running));
  });
}

// The library's script may load after this one (both are deferred, in document order); wait for the page.
window.addEventListener("load", () => {
  startCountdowns();
  setupPasskeys();
  setupTerminal();
  setupDowngradeWarning();
  startLiveUpdates();
});
