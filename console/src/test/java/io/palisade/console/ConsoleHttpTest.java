package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.account.Totp;
import io.palisade.console.account.TotpSecret;
import io.palisade.console.audit.AuditEntry;
import io.palisade.console.testing.FakePoolGateway;
import io.palisade.console.testing.HttpSession;
import io.palisade.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's HTTP surface without a browser: cookie flags and security headers, CSRF on login, a new session id
 * at each factor, what a password-only session may not do, step-up expiry, the shell socket's ticket, passkey
 * deletion through Spring's endpoint refused, and a removed operator's session ended.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpTest {
  private static final String PASSWORD = "a long enough passphrase";

  private MutableClock clock;
  private FakePoolGateway gateway;
  private RunningConsole console;
  private TotpSecret alice;
  private TotpSecret bob;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("console-http");
    clock = new MutableClock();
    gateway = new FakePoolGateway(clock, dir.resolve("nodes"));
    console = PalisadeConsole.start(ConsoleSettings.defaults(dir.resolve("data")).withPort(0), gateway, clock,
        clock::nanos, Optional.empty());
    String link = console.enrollmentLink().orElseThrow();
    var ops = console.services().enrollment();
    alice = ops.newTotpSecret();
    ops.enroll(link.substring(link.lastIndexOf('/') + 1), "alice", PASSWORD, alice, code(alice), "test");
    bob = ops.newTotpSecret();
    ops.enroll(ops.invite("alice"), "bob", PASSWORD, bob, code(bob), "test");
  }

  @AfterAll
  void stop() {
    console.close();
  }

  private String code(TotpSecret s) {
    return Totp.code(s, Totp.stepAt(clock.instant()));
  }

  private HttpSession passwordOnly(String user) {
    HttpSession s = new HttpSession(console.url());
    s.get("/login");
    HttpResponse<String> r = s.post("/login", Map.of("username", user, "password", PASSWORD), true);
    assertThat(HttpSession.location(r)).endsWith("/login/second-factor");
    return s;
  }

  private HttpSession signedIn(String user, TotpSecret secret) {
    HttpSession s = passwordOnly(user);
    s.get("/login/second-factor");
    clock.advance(Totp.STEP);
    HttpResponse<String> r = s.post("/login/totp", Map.of("code", code(secret)), true);
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(HttpSession.location(r)).doesNotContain("error");
    s.get("/");
    return s;
  }

  @Test
  void cookiesAndHeaders() {
    HttpResponse<String> r = new HttpSession(console.url()).get("/login");
    String cookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).startsWith("PALISADE_SESSION=").contains("Secure", "HttpOnly", "SameSite=Strict");
    assertThat(r.headers().firstValue("content-security-policy").orElseThrow())
        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
    assertThat(r.headers().firstValue("x-frame-options")).contains("DENY");
    assertThat(r.headers().firstValue("x-content-type-options")).contains("nosniff");
    assertThat(r.headers().firstValue("referrer-policy")).contains("no-referrer");
    assertThat(r.headers().firstValue("cache-control").orElseThrow()).contains("no-store");
  }

  @Test
  void anonymousRequestsGoToTheLoginPage() {
    HttpSession s = new HttpSession(console.url());
    assertThat(HttpSession.location(s.get("/"))).endsWith("/login");
    assertThat(HttpSession.location(s.get("/audit"))).endsWith("/login");
    assertThat(s.get("/nodes/block-producer/shell").statusCode()).isEqualTo(302);
  }

  @Test
  void theDashboardsLiveDataIsForASignedInOperatorOnly_readOnly_andUnderTheSameHeaders() {
    assertThat(HttpSession.location(new HttpSession(console.url()).get("/dashboard.json"))).endsWith("/login");
    assertThat(HttpSession.location(passwordOnly("bob").get("/dashboard.json"))).contains("/login/second-factor");

    HttpSession s = signedIn("alice", alice);
    HttpResponse<String> r = s.get("/dashboard.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
    assertThat(r.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'self'");
    assertThat(r.headers().firstValue("cache-control").orElseThrow()).contains("no-store");
    assertThat(r.body()).contains("\"name\":\"demo\"", "\"poolId\":\"pool1demo0fake0id\"", "\"simulated\":true",
        "\"health\":\"NOT HEALTHY\"", "\"outcome\":\"MISSED_PALISADE_ACTION\"", "\"name\":\"relay-us-0\"");
    // Reading only: a POST there is no route (and without its CSRF token it is refused before that).
    assertThat(s.post("/dashboard.json", Map.of(), false).statusCode()).isEqualTo(403);
  }

  /** Entries of a kind about a subject written after {@code seq}. */
  private List<AuditEntry> since(long seq, String kind, String subject) {
    return console.services().audit().find(kind, subject).stream().filter(e -> e.seq() > seq).toList();
  }

  @Test
  void refusedRequestsAreRecordedWithinABudget() {
    clock.advance(Duration.ofMinutes(2)); // a fresh minute for the budget, whatever ran before
    long before = console.services().audit().head().seq();
    HttpSession s = new HttpSession(console.url());
    s.get("/login");
    int flood = 3 * PalisadeConsole.ANONYMOUS_ENTRIES_PER_MINUTE;
    long start = clock.millis();
    for (int i = 0; i < flood; i++) {
      assertThat(s.post("/login", Map.of("username", "alice", "password", PASSWORD), false).statusCode())
          .isEqualTo(403);
    }
    int budget = PalisadeConsole.ANONYMOUS_ENTRIES_PER_MINUTE;
    long minutes = (clock.millis() - start) / 60_000 + 1; // the budget's windows the flood can have spanned
    List<AuditEntry> recorded = since(before, "request.forbidden", "/login");
    assertThat(recorded).isNotEmpty().hasSizeLessThanOrEqualTo((int) minutes * budget);
    assertThat(recorded.get(0).actor()).isEqualTo("anonymous");
    assertThat(recorded.get(0).detail()).startsWith("POST /login refused (403): no or a wrong CSRF token")
        .contains("from 127.0.0.1");
    assertThat(console.services().audit().find("login.failed", "alice")).noneMatch(e -> e.seq() > before);
    assertThat(console.services().audit().find("login.password", "alice")).noneMatch(e -> e.seq() > before);

    // The next minute's first entry says how many the budget left out.
    clock.advance(Duration.ofMinutes(2));
    assertThat(s.post("/login", Map.of("username", "alice", "password", PASSWORD), false).statusCode())
        .isEqualTo(403);
    List<AuditEntry> after = since(before, "request.forbidden", "/login");
    assertThat(after).hasSize(recorded.size() + 1);
    if (minutes == 1) { // the whole flood fell in one window: exactly the budget, the rest counted
      assertThat(recorded).hasSize(budget);
      assertThat(after.get(after.size() - 1).detail())
          .endsWith("(and " + (flood - budget) + " more like it, left out of the log by its rate limit)");
    }
  }

  @Test
  void eachFactorGetsANewSessionId() {
    HttpSession s = new HttpSession(console.url());
    s.get("/login");
    String anonymous = s.sessionId();
    s.post("/login", Map.of("username", "alice", "password", PASSWORD), true);
    String afterPassword = s.sessionId();
    s.get("/login/second-factor");
    clock.advance(Totp.STEP);
    s.post("/login/totp", Map.of("code", code(alice)), true);
    String afterTotp = s.sessionId();
    assertThat(anonymous).isNotEmpty();
    assertThat(afterPassword).isNotEqualTo(anonymous);
    assertThat(afterTotp).isNotEqualTo(afterPassword);
    assertThat(s.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void aPasswordAloneNeitherShowsNorChangesAnything() {
    HttpSession s = passwordOnly("alice");
    assertThat(HttpSession.location(s.get("/"))).contains("/login/second-factor?factor.type=totp");
    s.get("/login/second-factor");
    HttpResponse<String> r = s.post("/actions/upgrade", Map.of("version", "10.7.0"), true);
    assertThat(HttpSession.location(r)).contains("/login/second-factor?");
    assertThat(gateway.executed()).doesNotContain(new io.palisade.gateway.PoolAction.Upgrade("10.7.0"));
  }

  @Test
  void changesNeedARecentSecondFactor() {
    HttpSession s = signedIn("alice", alice);
    assertThat(s.post("/actions/upgrade", Map.of("version", "10.6.3"), true).statusCode()).isEqualTo(302);
    assertThat(gateway.executed()).contains(new io.palisade.gateway.PoolAction.Upgrade("10.6.3"));

    clock.advance(Duration.ofMinutes(6));
    assertThat(s.get("/").statusCode()).as("viewing still works").isEqualTo(200);
    HttpResponse<String> r = s.post("/actions/upgrade", Map.of("version", "10.6.4"), true);
    assertThat(HttpSession.location(r)).contains("/login/second-factor?");
    assertThat(gateway.executed()).doesNotContain(new io.palisade.gateway.PoolAction.Upgrade("10.6.4"));
  }

  @Test
  void theShellSocketNeedsAOneTimeTicket() {
    HttpSession s = signedIn("alice", alice);
    HttpClient client = HttpClient.newHttpClient();
    String ws = console.url().toString().replace("http://", "ws://") + "shell/ws?ticket=forged";
    assertThatThrownBy(() -> client.newWebSocketBuilder().header("Cookie", s.cookieHeader())
        .header("Origin", console.url().toString().replaceAll("/$", ""))
        .buildAsync(java.net.URI.create(ws), new WebSocket.Listener() {}).join())
        .isInstanceOf(CompletionException.class);
    assertThat(console.services().audit().recent(50)).noneMatch(e -> e.kind().equals("shell.opened"))
        .anySatisfy(e -> assertThat(e.kind() + " " + e.detail()).startsWith("shell.refused")
            .contains("no valid ticket for alice"));
  }

  @Test
  void passkeysCannotBeDeletedThroughSpringsEndpoint() {
    clock.advance(Duration.ofMinutes(2)); // a fresh minute for the budget of refused requests
    long before = console.services().audit().head().seq();
    HttpSession s = signedIn("alice", alice);
    assertThat(s.method("/webauthn/register/AAAA", "DELETE").statusCode()).isEqualTo(403);
    assertThat(since(before, "request.forbidden", "/webauthn/register/AAAA")).singleElement().satisfies(e -> {
      assertThat(e.actor()).as("recorded under the operator's name").isEqualTo("alice");
      assertThat(e.detail()).startsWith("DELETE /webauthn/register/AAAA refused (403): access denied");
    });
  }

  @Test
  void hostileFormValuesChangeNothing() {
    HttpSession s = signedIn("alice", alice);
    long queued = console.services().queue().recent(1000).size();
    for (String node : new String[] {"../../etc/passwd", "relay;rm -rf /", "", "x".repeat(5000), "RELAY",
        "relay-eu-0\nDELETE"}) {
      HttpResponse<String> r = s.post("/actions/remove-relay", Map.of("node", node), true);
      assertThat(r.statusCode()).as(node).isIn(302, 400);
    }
    assertThat(s.post("/actions/upgrade", Map.of("version", "10.5.3; drop table"), true).statusCode()).isEqualTo(302);
    assertThat(s.post("/actions/rotate-keys", Map.of("role", "ROOT"), true).statusCode()).isEqualTo(302);
    assertThat(s.post("/security/delay", Map.of("days", "1"), true).statusCode()).isEqualTo(302);
    assertThat(s.post("/security/delay", Map.of("days", "many"), true).statusCode()).isEqualTo(400);
    assertThat(s.post("/actions/not-a-uuid/cancel", Map.of(), true).statusCode()).isEqualTo(302);
    assertThat(console.services().queue().recent(1000)).hasSize((int) queued);
    assertThat(gateway.executed()).noneMatch(a -> a.describe().contains("drop table"));
  }

  @Test
  void aTakenPortIsAClearErrorAndReleasesTheDatabase() throws Exception {
    Path other = Files.createTempDirectory("console-port").resolve("data");
    ConsoleSettings same = ConsoleSettings.defaults(other).withPort(console.url().getPort());
    assertThatThrownBy(() -> PalisadeConsole.start(same, gateway, clock, clock::nanos, Optional.empty()))
        .isInstanceOf(ConsoleException.class).hasMessageContaining("did not start");
    // Its database was closed: it opens again at once.
    try (var db = io.palisade.console.store.ConsoleDatabase.open(other, Optional.empty())) {
      assertThat(db.vendor()).isEqualTo(io.palisade.console.store.DatabaseVendor.SQLITE);
    }
  }

  @Test
  void aRemovedOperatorsSessionEnds() throws Exception {
    HttpSession s = signedIn("bob", bob);
    assertThat(s.get("/").statusCode()).isEqualTo(200);
    console.services().db().transaction(c -> {
      console.services().operators().remove(c, "bob");
      return null;
    });
    assertThat(HttpSession.location(s.get("/"))).endsWith("/login?removed");
    assertThat(HttpSession.location(s.get("/"))).endsWith("/login");
  }

  @Test
  void othersFailuresFromTheSameAddressNeverLockOutACorrectPasswordAndSecondFactor() {
    // Issue 16: behind the SSH tunnel every client is 127.0.0.1; 20 failures by anyone locked both operators out.
    for (int i = 0; i < io.palisade.console.account.LoginThrottle.ADDRESS_THRESHOLD + 2; i++) {
      HttpSession m = new HttpSession(console.url());
      m.get("/login");
      assertThat(HttpSession.location(m.post("/login", Map.of("username", "mallory" + i, "password", "guess"), true)))
          .contains("/login?error");
    }
    assertThat(console.services().audit().recent(100)).anySatisfy(e ->
        assertThat(e.kind()).isEqualTo("login.address-slowed"));
    HttpSession s = signedIn("alice", alice);
    assertThat(s.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void aForeignHostHeaderIsRefused_dnsRebinding() throws Exception {
    String status;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", console.url().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /login HTTP/1.1\r\nHost: rebound.attacker.example:" + console.url().getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
    }
    assertThat(status).startsWith("HTTP/1.1 421");
    assertThat(console.services().audit().recent(50)).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("request.refused");
      assertThat(e.detail()).contains("rebound.attacker.example");
    });
    assertThat(new HttpSession(console.url()).get("/login").statusCode()).as("localhost still answers").isEqualTo(200);
  }

  @Test
  void anUnknownKeyIsNamedWithoutAClassName() {
    HttpSession s = signedIn("alice", alice);
    assertThat(s.post("/actions/revoke-keys", Map.of("role", "ROOT"), true).statusCode()).isEqualTo(302);
    assertThat(s.get("/actions").body()).contains("no key named &quot;ROOT&quot;")
        .doesNotContain("No enum constant").doesNotContain("io.palisade");
  }

  @Test
  void aFailedEnrollmentIsAudited() {
    HttpSession s = new HttpSession(console.url());
    s.get("/login");
    s.post("/enroll/not-a-real-link", Map.of("username", "mallory", "password", PASSWORD, "confirm", PASSWORD,
        "code", "000000"), true);
    assertThat(console.services().audit().recent(50)).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("enrollment.failed");
      assertThat(e.subject()).isEqualTo("mallory");
    });
  }
}
