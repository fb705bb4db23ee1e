package io.palisade.console.testing;

import io.palisade.console.account.Totp;
import io.palisade.console.account.TotpSecret;
import io.palisade.console.audit.AuditHeadFile;
import io.palisade.console.audit.AuditVerification;
import io.palisade.console.audit.AuditVerifier;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.testing.ScaledClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's crash workload: a real console process (as {@code palisade up} runs it, with a simulated pool),
 * driven over HTTP with random operations (enroll the first operator, sign in with a fresh TOTP step, queue a
 * destructive action, cancel one, type lines into a node's shell) and killed with {@code kill -9} at a random moment,
 * round after round on the same data directory. After each kill, with the console down, every operation the console
 * acknowledged to the client must be in the database (the operator, the TOTP step, each queued action, each
 * cancellation, each shell line whose output came back, with that output), the audit chain must
 * verify against the head recorded beside it, and verifying must not change the database's files. The console must
 * then start again on them. Used by {@code ConsoleCrashTest} (bounded) and the bench harness (long).
 */
public final class CrashWorkload {
  private static final String PASSWORD = "a long enough passphrase";
  private static final String USER = "alice";
  private static final int SPEED = 10;
  private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");
  private static final Pattern CANCEL = Pattern.compile("/actions/([0-9a-f-]{36})/cancel");
  private static final Pattern TICKET = Pattern.compile("data-ticket=\"([^\"]+)\"");
  private static final String NODE = "block-producer";
  private static final Duration SHELL_PATIENCE = Duration.ofSeconds(20);

  /**
   * What a run found.
   *
   * @param rounds rounds run
   * @param kills kill -9s sent
   * @param acknowledged operations the console acknowledged
   * @param lost acknowledged operations missing after a restart (target 0)
   * @param problems what was wrong, one line each
   */
  public record Result(int rounds, int kills, long acknowledged, long lost, List<String> problems) {}

  private final Path data;
  private final String classpath;
  private final Random random;
  private final PrintStream progress;
  private final long origin = System.currentTimeMillis();
  private final ScaledClock clock = new ScaledClock(origin, SPEED);
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final Set<String> shellLines = ConcurrentHashMap.newKeySet();
  private final HttpClient sockets = HttpClient.newHttpClient();
  private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile TotpSecret secret;
  private volatile boolean enrolled;
  private volatile long lastStep;
  private final AtomicLong acknowledged = new AtomicLong();
  private long lost;
  private int opCounter;

  private CrashWorkload(Path data, String classpath, long seed, PrintStream progress) {
    this.data = data;
    this.classpath = classpath;
    this.random = new Random(seed);
    this.progress = progress;
  }

  /**
   * Runs the workload.
   *
   * @param data a fresh data directory
   * @param classpath the console process's class path (the console, its dependencies and this package)
   * @param rounds how many start-work-kill rounds
   * @param seed the random seed (printed, to replay a run)
   * @param progress where each round is reported
   * @return what it found
   * @throws Exception when a console does not start or the harness itself fails
   */
  public static Result run(Path data, String classpath, int rounds, long seed, PrintStream progress)
      throws Exception {
    progress.println("crash workload: seed " + seed + ", data " + data);
    return new CrashWorkload(data, classpath, seed, progress).rounds(rounds);
  }

  private Result rounds(int rounds) throws Exception {
    int kills = 0;
    for (int round = 1; round <= rounds; round++) {
      Process child = startConsole();
      List<String> output = new ArrayList<>();
      URI url;
      Optional<String> link;
      try {
        String[] found = awaitUrl(child, output);
        url = URI.create(found[0]);
        link = Optional.ofNullable(found[1]);
      } catch (IOException e) {
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        throw new IllegalStateException("round " + round + ": " + e.getMessage() + "\n" + String.join("\n", output), e);
      }
      long before = acknowledged.get();
      long started = System.nanoTime();
      Thread worker = new Thread(() -> work(url, link), "crash-workload");
      worker.setDaemon(true);
      worker.start();
      // Kill at a random point, but only once this round did some work, however slow the machine: after 1 to 4
      // acknowledged operations (or 60 s), then 0 to 1.5 s more, which lands inside a request more often than not.
      int wanted = 1 + random.nextInt(4);
      long deadline = started + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.get() - before < wanted && worker.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      worker.join(random.nextInt(1_500));
      long killAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      child.destroyForcibly(); // SIGKILL, whatever is in flight
      child.waitFor(20, TimeUnit.SECONDS);
      kills++;
      worker.join(30_000);
      long lostThisRound = check(round);
      progress.printf("round %d: killed after %d ms; %d operations acknowledged (%d in all, of which %d queued,"
          + " %d cancelled, %d shell lines), %d lost%n", round, killAfterMs, acknowledged.get() - before,
          acknowledged.get(), queued.size(), cancelled.size(), shellLines.size(), lostThisRound);
    }
    return new Result(rounds, kills, acknowledged.get(), lost, List.copyOf(problems));
  }

  private Process startConsole() throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "-cp", classpath, ConsoleProcessMain.class.getName(), data.toString(),
        Long.toString(origin), Integer.toString(SPEED)).redirectErrorStream(true).start();
  }

  private static String[] awaitUrl(Process child, List<String> seen) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String link = null;
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("LINK ")) {
        link = line.substring(5).trim();
      } else if (line.startsWith("URL ")) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the pipe empty
            }
          } catch (IOException ignored) {
            // the console was killed
          }
        });
        drain.setDaemon(true);
        drain.start();
        return new String[] {line.substring(4).trim(), link};
      } else {
        seen.add(line);
      }
    }
    throw new IOException("the console exited without serving");
  }

  /** Random operations until the console dies under it; only answered operations count as acknowledged. */
  private void work(URI url, Optional<String> link) {
    try {
      HttpSession s = new HttpSession(url);
      if (!enrolled) {
        if (link.isEmpty()) {
          // The enrollment was committed but its answer was lost in the kill: the operator exists.
          enrolled = secret != null;
          if (!enrolled) {
            problems.add("no enrollment link and no operator");
            return;
          }
        } else {
          enroll(s, link.get());
        }
      }
      signIn(s);
      while (true) {
        switch (random.nextInt(4)) {
          case 0 -> cancelOne(s);
          case 1 -> shellLines(s, url);
          default -> queueOne(s);
        }
      }
    } catch (RuntimeException e) {
      // The console was killed under us (or refused something): the round ends.
    }
  }

  private void enroll(HttpSession s, String link) {
    String path = URI.create(link).getPath();
    HttpResponse<String> page = s.get(path);
    Matcher m = SECRET.matcher(page.body());
    if (!m.find()) {
      throw new IllegalStateException("no TOTP secret on the enrollment page");
    }
    TotpSecret candidate = TotpSecret.ofBase32(m.group(1));
    long step = freshStep();
    secret = candidate;
    HttpResponse<String> r = s.post(path, Map.of("username", USER, "password", PASSWORD, "confirm", PASSWORD,
        "code", Totp.code(candidate, step)), true);
    if (r.statusCode() == 302 && HttpSession.location(r).contains("/login?enrolled")) {
      enrolled = true;
      lastStep = step;
      acknowledged.incrementAndGet();
    }
  }

  private void signIn(HttpSession s) {
    s.get("/login");
    HttpResponse<String> r = s.post("/login", Map.of("username", USER, "password", PASSWORD), true);
    if (!HttpSession.location(r).endsWith("/login/second-factor")) {
      throw new IllegalStateException("password refused: " + HttpSession.location(r));
    }
    s.get("/login/second-factor");
    long step = freshStep();
    HttpResponse<String> t = s.post("/login/totp", Map.of("code", Totp.code(secret, step)), true);
    if (t.statusCode() == 302 && !HttpSession.location(t).contains("error")) {
      lastStep = step;
      acknowledged.incrementAndGet();
    } else {
      throw new IllegalStateException("TOTP refused");
    }
  }

  /** Waits (a few real seconds at most) for a TOTP step the console has not seen yet. */
  private long freshStep() {
    while (Totp.stepAt(clock.instant()) <= lastStep) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return Totp.stepAt(clock.instant());
  }

  private void queueOne(HttpSession s) {
    s.get("/actions");
    String reason = "crash-op-" + (++opCounter) + "-" + Long.toHexString(random.nextLong());
    HttpResponse<String> r = s.post("/actions/revoke-keys", Map.of("role", "KES", "reason", reason), true);
    if (r.statusCode() != 302) {
      throw new IllegalStateException("queue answered " + r.statusCode());
    }
    if (s.get("/actions").body().contains("Queued:")) {
      queued.add(reason);
      acknowledged.incrementAndGet();
    }
  }

  private void cancelOne(HttpSession s) {
    Matcher m = CANCEL.matcher(s.get("/actions").body());
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    if (ids.isEmpty()) {
      return;
    }
    String id = ids.get(random.nextInt(ids.size()));
    HttpResponse<String> r = s.post("/actions/" + id + "/cancel", Map.of(), true);
    if (r.statusCode() != 302) {
      throw new IllegalStateException("cancel answered " + r.statusCode());
    }
    if (s.get("/actions").body().contains("Cancelled:")) {
      cancelled.add(id);
      acknowledged.incrementAndGet();
    }
  }

  /**
   * Opens a shell into a node as the browser does (a POST for a one-time ticket, then the WebSocket) and types one to
   * three lines. A line is acknowledged when its output comes back: the console records a line before the shell sees
   * it, and an output chunk before the browser does.
   */
  private void shellLines(HttpSession s, URI url) {
    s.get("/nodes/" + NODE + "/shell");
    HttpResponse<String> page = s.post("/nodes/" + NODE + "/shell", Map.of(), true);
    Matcher m = TICKET.matcher(page.body());
    if (page.statusCode() != 200 || !m.find()) {
      return; // the second factor is no longer recent (the clock runs fast): no shell this time
    }
    Terminal terminal = new Terminal();
    String origin = url.toString().replaceAll("/$", "");
    URI socket = URI.create(origin.replaceFirst("^http", "ws") + "/shell/ws?ticket=" + m.group(1)); // https: wss
    WebSocket ws = sockets.newWebSocketBuilder().connectTimeout(SHELL_PATIENCE)
        .header("Cookie", s.cookieHeader()).header("Origin", origin)
        .buildAsync(socket, terminal).orTimeout(SHELL_PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    try {
      int lines = 1 + random.nextInt(3);
      for (int i = 0; i < lines; i++) {
        String marker = "crash-line-" + (++opCounter) + "-" + Long.toHexString(random.nextLong());
        ws.sendText("echo " + marker + "-$((6*7))", true).orTimeout(SHELL_PATIENCE.toSeconds(), TimeUnit.SECONDS)
            .join();
        if (!terminal.awaitText(marker + "-42", SHELL_PATIENCE)) {
          throw new IllegalStateException("no output for a shell line");
        }
        shellLines.add(marker);
        acknowledged.incrementAndGet();
      }
    } finally {
      ws.abort();
    }
  }

  /** The browser's side of a shell: collects what the console sends, and wakes whoever waits for a text. */
  private static final class Terminal implements WebSocket.Listener {
    private final StringBuilder received = new StringBuilder();
    private boolean closed;

    @Override
    public synchronized CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      received.append(data);
      notifyAll();
      ws.request(1);
      return null;
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed = true;
      notifyAll();
      return null;
    }

    @Override
    public synchronized void onError(WebSocket ws, Throwable error) {
      closed = true;
      notifyAll();
    }

    /** @return whether {@code text} arrived before the socket closed or the patience ran out */
    synchronized boolean awaitText(String text, Duration patience) {
      long deadline = System.nanoTime() + patience.toNanos();
      try {
        while (received.indexOf(text) < 0 && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return received.indexOf(text) >= 0;
    }
  }

  /** With the console down: every acknowledged operation is there, the chain verifies, verifying writes nothing. */
  private long check(int round) throws Exception {
    long missing = 0;
    String filesBefore = fingerprint();
    Optional<io.palisade.console.audit.AuditCheckpoint> head =
        AuditHeadFile.in(data, Clock.systemUTC()).read();
    try (ConsoleDatabase db = ConsoleDatabase.openReadOnly(ConsoleDatabase.sqliteUrl(data))) {
      AuditVerification v = new AuditVerifier(db).verify(Optional.empty(), head);
      if (!v.intact()) {
        problems.add("round " + round + ": audit chain broken: " + v.firstBreak().orElseThrow().reason());
        missing++;
      }
      long step = db.snapshot(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT totp_last_step FROM operator WHERE username = ?")) {
          ps.setString(1, USER);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1L;
          }
        }
      });
      if (enrolled && step < lastStep) {
        problems.add("round " + round + ": " + (step < 0 ? "the enrolled operator is gone"
            : "the operator's last TOTP step went back from " + lastStep + " to " + step));
        missing++;
      }
      for (String reason : queued) {
        boolean there = db.snapshot(c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM delayed_action WHERE payload LIKE ?")) {
            ps.setString(1, "%" + reason + "%");
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
        if (!there) {
          problems.add("round " + round + ": the queued action " + reason + " is gone");
          missing++;
        }
      }
      for (String marker : shellLines) {
        for (String[] kind : new String[][] {{"shell.input", marker}, {"shell.output", marker + "-42"}}) {
          boolean there = db.snapshot(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM audit_event WHERE kind = ? AND detail LIKE ?")) {
              ps.setString(1, kind[0]);
              ps.setString(2, "%" + kind[1] + "%");
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
              }
            }
          });
          if (!there) {
            problems.add("round " + round + ": the " + kind[0] + " entry of the shell line " + marker + " is gone");
            missing++;
          }
        }
      }
      for (String id : cancelled) {
        String state = db.snapshot(c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT state FROM delayed_action WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : "missing";
            }
          }
        });
        if (!"CANCELLED".equals(state)) {
          problems.add("round " + round + ": the cancelled action " + id + " is " + state);
          missing++;
        }
      }
    }
    if (!fingerprint().equals(filesBefore)) {
      problems.add("round " + round + ": verifying changed the database's files");
      missing++;
    }
    lost += missing;
    return missing;
  }

  private String fingerprint() throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String name : List.of(ConsoleDatabase.SQLITE_FILE, ConsoleDatabase.SQLITE_FILE + "-wal")) {
      Path f = data.resolve(name);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      if (Files.exists(f)) {
        sha.update(Files.readAllBytes(f));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
