// The console's browser glue: countdowns, passkeys (through Spring Security's own script) and the shell terminal.
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

function startCountdowns() {
  const items = Array.from(document.querySelectorAll(".countdown[data-seconds]"));
  if (items.length === 0) return;
  const started = Date.now();
  const base = items.map((el) => parseInt(el.dataset.seconds, 10));
  setInterval(() => {
    const elapsed = Math.floor((Date.now() - started) / 1000);
    items.forEach((el, i) => { el.textContent = formatRemaining(base[i] - elapsed); });
  }, 1000);
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
});
