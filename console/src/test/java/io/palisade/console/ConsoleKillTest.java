package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.audit.AuditEntry;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditVerification;
import io.palisade.console.audit.AuditVerifier;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.ConsoleProcessMain;
import io.palisade.console.testing.FakePoolGateway;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real console in its own JVM, kept busy writing audit entries (failed logins from four clients), is killed with
 * {@code kill -9} in the middle. Afterwards the audit chain verifies, every answered attempt is in it, and the
 * console starts again on the same data directory.
 */
class ConsoleKillTest {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern SESSION = Pattern.compile("PALISADE_SESSION=([^;]+)");

  @Test
  void theAuditChainSurvivesAKillMinus9MidWrite() throws Exception {
    Path data = Files.createTempDirectory("console-kill").resolve("data");
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classpath, ConsoleProcessMain.class.getName(), data.toString())
        .redirectErrorStream(true).start();
    AtomicInteger answered = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      URI url = readUrl(child);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER).build();
      for (int i = 0; i < 4; i++) {
        int client = i;
        clients.submit(() -> {
          // A request that times out on a loaded machine (the first ones meet a cold JVM) starts the client over;
          // giving up on the first failure left a run with no client at all ("0 answered") now and then.
          while (!stop.get()) {
            try {
              login(http, url, client, stop, answered);
            } catch (Exception e) {
              // A timeout, or the console was killed under us (expected at the end): start over unless stopped.
            }
          }
          return null;
        });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (answered.get() < 120 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(answered.get()).as("failed logins answered before the kill").isGreaterThanOrEqualTo(120);
      child.destroyForcibly(); // SIGKILL, with requests in flight
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137);
      stop.set(true);
      clients.shutdown();
      clients.awaitTermination(20, TimeUnit.SECONDS);
    } finally {
      stop.set(true); // the clients end, whatever failed
      clients.shutdownNow();
      child.destroyForcibly();
    }

    try (ConsoleDatabase db = ConsoleDatabase.open(data, Optional.empty())) {
      AuditVerification v = new AuditVerifier(db).verify(Optional.empty());
      assertThat(v.intact()).as(v.toString()).isTrue();
      List<AuditEntry> entries = new AuditLog(db, Clock.systemUTC()).recent(100_000);
      long attempts = entries.stream().filter(e -> e.kind().startsWith("login.")).count();
      assertThat(attempts).as("every answered attempt was recorded before its answer").isGreaterThanOrEqualTo(answered.get());
    }

    // The console starts again on the same data, and the chain continues.
    Clock clock = Clock.systemUTC();
    try (RunningConsole again = PalisadeConsole.start(ConsoleSettings.defaults(data).withPort(0),
        new FakePoolGateway(clock, data.resolve("nodes")), clock)) {
      assertThat(again.services().startupAudit().intact()).isTrue();
      assertThat(again.services().verifier().verify(Optional.empty()).intact()).isTrue();
    }
  }

  /** One client: a session, then failed logins until stopped; each answered refusal is counted. */
  private static void login(HttpClient http, URI url, int client, AtomicBoolean stop, AtomicInteger answered)
      throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(url.resolve("/login"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    String cookie = page.headers().allValues("set-cookie").stream().map(SESSION::matcher)
        .filter(Matcher::find).map(m -> "PALISADE_SESSION=" + m.group(1)).findFirst().orElseThrow();
    Matcher csrf = CSRF.matcher(page.body());
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF token on the login page");
    }
    String form = "username=mallory" + client + "&password=wrong&_csrf="
        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    while (!stop.get()) {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url.resolve("/login"))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() == 302 && r.headers().firstValue("location").orElse("").contains("/login?error")) {
        answered.incrementAndGet();
      }
    }
  }

  private static URI readUrl(Process child) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      if (line.startsWith("URL ")) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the pipe empty
            }
          } catch (Exception ignored) {
            // the child died
          }
        });
        drain.setDaemon(true);
        drain.start();
        return URI.create(line.substring(4).trim());
      }
      seen.add(line);
    }
    throw new AssertionError("the console process printed no URL:\n" + String.join("\n", seen));
  }
}
