package io.palisade.console;

import io.palisade.console.account.LoginThrottle;
import io.palisade.console.account.Enrollment;
import io.palisade.console.account.EnrollmentLinks;
import io.palisade.console.account.OperatorStore;
import io.palisade.console.account.PasswordHasher;
import io.palisade.console.account.SecretBox;
import io.palisade.console.account.TotpVerifier;
import io.palisade.console.charts.PoolHistory;
import io.palisade.console.audit.AuditBudget;
import io.palisade.console.audit.AuditHead;
import io.palisade.console.audit.AuditHeadFile;
import io.palisade.console.audit.AuditKey;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditVerification;
import io.palisade.console.audit.AuditVerifier;
import io.palisade.console.delay.ActionExecutor;
import io.palisade.console.delay.ActionQueue;
import io.palisade.console.delay.ChainTimeReference;
import io.palisade.console.delay.Changes;
import io.palisade.console.delay.ClockGuard;
import io.palisade.console.delay.DelaySettings;
import io.palisade.console.delay.DueActionRunner;
import io.palisade.console.delay.Ticker;
import io.palisade.console.shell.ShellTickets;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.web.Argon2PasswordHasher;
import io.palisade.console.web.ConsoleWebServer;
import io.palisade.gateway.PoolGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the admin console: the only way into the pool's containers and the only place the pool is changed.
 *
 * <pre>{@code
 * try (RunningConsole console = PalisadeConsole.start(ConsoleSettings.defaults(dataDir), gateway, Clock.systemUTC())) {
 *   System.out.println("Console: " + console.url());
 *   console.enrollmentLink().ifPresent(link -> System.out.println("Enroll the first operator: " + link));
 *   ...
 * }
 * }</pre>
 *
 * Nothing needs installing: the default database is a SQLite file under the data directory.
 */
public final class PalisadeConsole {
  private static final Logger LOG = LoggerFactory.getLogger(PalisadeConsole.class);
  // Audit entries of one kind anyone can trigger without signing in, per minute (the rest are counted).
  static final int ANONYMOUS_ENTRIES_PER_MINUTE = 30;

  private PalisadeConsole() {}

  /**
   * Starts a console whose delay is measured with {@code clock} and the JVM's monotonic clock, without a chain-time
   * reference.
   *
   * @param settings how it runs
   * @param gateway the pool
   * @param clock the wall clock
   * @return the running console
   * @throws ConsoleException when it cannot start (database locked or unreachable, port taken, ...)
   */
  public static RunningConsole start(ConsoleSettings settings, PoolGateway gateway, Clock clock) {
    return start(settings, gateway, clock, Ticker.system(), Optional.empty());
  }

  /**
   * Starts a console.
   *
   * @param settings how it runs
   * @param gateway the pool
   * @param clock the wall clock the delay is measured with
   * @param ticker the monotonic clock the wall clock is checked against (tests pass one that moves with a fake
   *     clock)
   * @param chain the chain-time reference, when a node's tip can be read
   * @return the running console
   * @throws ConsoleException when it cannot start
   */
  public static RunningConsole start(ConsoleSettings settings, PoolGateway gateway, Clock clock, Ticker ticker,
      Optional<ChainTimeReference> chain) {
    SecureRandom random = new SecureRandom();
    ConsoleDatabase db = ConsoleDatabase.open(settings.dataDirectory(), settings.jdbcUrl());
    ScheduledExecutorService scheduler = null;
    AutoCloseable web = null;
    try {
      SecretBox box = SecretBox.open(settings.dataDirectory(), random);
      // Before anything is written: a database behind the head recorded beside it lost committed entries (or was
      // rolled back on purpose); starting on it would let a cancelled action run again, so the console refuses.
      AuditHeadFile headFile = AuditHeadFile.in(settings.dataDirectory(), clock);
      headFile.narrow();
      if (headFile.check(db).isEmpty()) {
        AuditHead current = db.snapshot(AuditLog::readHead);
        if (current.seq() > 0) {
          LOG.warn("no {} yet beside a log of {} entries: recording its head now", AuditHeadFile.FILE, current.seq());
          headFile.advance(current.seq(), current.hash());
        }
      }
      AuditKey key = AuditKey.loadOrCreate(settings.dataDirectory(), random);
      AuditLog audit = new AuditLog(db, clock, Optional.of(headFile), Optional.of(key));
      AuditVerifier verifier = new AuditVerifier(db, Optional.of(key));
      AuditVerification startupAudit = verifier.verify(Optional.empty());
      OperatorStore operators = new OperatorStore(db, clock);
      PasswordHasher passwords = new Argon2PasswordHasher();
      Enrollment enrollment = new Enrollment(db, audit, clock, operators, new EnrollmentLinks(db, clock, random), box,
          passwords, random);
      TotpVerifier totp = new TotpVerifier(db, audit, clock, operators, box);
      LoginThrottle throttle = new LoginThrottle(db, clock);
      ActionQueue queue = new ActionQueue(db, audit, clock, key);
      DelaySettings delays = new DelaySettings(db);
      ActionExecutor executor = new ActionExecutor(gateway, operators, delays);
      ClockGuard guard = new ClockGuard(db, audit, queue, clock, ticker, chain, ClockGuard.DEFAULT_TOLERANCE,
          ClockGuard.DEFAULT_CHAIN_TOLERANCE);
      DueActionRunner runner = new DueActionRunner(db, audit, queue, executor, guard, clock);
      Changes changes = new Changes(db, audit, queue, executor, delays, settings.gracePeriod());

      audit.append(AuditRecord.of("console", "console.started", "", "database " + db.describe()
          + (startupAudit.intact() ? "; audit chain intact (" + startupAudit.entries() + " entries)"
              : "; AUDIT CHAIN BROKEN: " + startupAudit.firstBreak().map(b -> b.reason()).orElse(""))));
      String warning = delays.applyConfigured(settings.destructiveDelay(), audit);
      if (!warning.isEmpty()) {
        LOG.warn(warning);
      }
      int interrupted = runner.recoverInterrupted();
      if (interrupted > 0) {
        LOG.warn("{} action(s) were interrupted by the last stop; marked failed", interrupted);
      }

      int port = settings.port() == 0 ? freePort(settings.bindAddress()) : settings.port();
      URI publicUrl = settings.publicUrl().orElse(URI.create("http://localhost:" + port));
      ConsoleServices services = new ConsoleServices(settings, publicUrl, db, audit, verifier, operators, enrollment,
          totp, passwords, throttle, queue, changes, delays, guard, runner, gateway, clock,
          new ShellTickets(random, clock), random, startupAudit,
          new AuditBudget(audit, clock, ANONYMOUS_ENTRIES_PER_MINUTE), new PoolHistory());

      AtomicReference<String> firstLink = new AtomicReference<>();
      if (!operators.anyOperator()) {
        firstLink.set(enrollment.issueFirstLink());
      }
      web = ConsoleWebServer.start(services, port);

      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "palisade-console-runner");
        t.setDaemon(true);
        return t;
      });
      long every = settings.runnerInterval().toMillis();
      scheduler.scheduleWithFixedDelay(() -> {
        try {
          runner.tick();
        } catch (RuntimeException e) {
          LOG.error("the due-action runner failed; it tries again in {} ms", every, e);
        }
      }, 0, every, TimeUnit.MILLISECONDS);
      // The dashboard's charts: the pool as the gateway sees it, kept at most every PoolHistory.SPACING (in memory).
      // Asked a few times per spacing, so a slow answer does not leave a hole; every dashboard view feeds it too.
      PoolHistory history = services.history();
      long sampleEvery = PoolHistory.SPACING.toMillis() / 3;
      scheduler.scheduleWithFixedDelay(() -> {
        try {
          history.observe(gateway.snapshot());
        } catch (RuntimeException e) {
          LOG.warn("sampling the pool for the dashboard's charts failed; it tries again in {} ms: {}", sampleEvery,
              e.toString());
        }
      }, 0, sampleEvery, TimeUnit.MILLISECONDS);
      return new Running(services, web, scheduler, firstLink);
    } catch (RuntimeException e) {
      if (scheduler != null) {
        scheduler.shutdown();
      }
      closeQuietly(web);
      db.close();
      throw e;
    }
  }

  private static int freePort(String bind) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new ConsoleException("cannot find a free port on " + bind + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing the web server failed: {}", e.toString());
    }
  }

  private static final class Running implements RunningConsole {
    private final ConsoleServices services;
    private final AutoCloseable web;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<String> firstLink;
    private volatile boolean closed;

    Running(ConsoleServices services, AutoCloseable web, ScheduledExecutorService scheduler,
        AtomicReference<String> firstLink) {
      this.services = services;
      this.web = web;
      this.scheduler = scheduler;
      this.firstLink = firstLink;
    }

    @Override
    public URI url() {
      return services.publicUrl().resolve("/");
    }

    @Override
    public Optional<String> enrollmentLink() {
      String token = firstLink.get();
      if (token == null || closed || services.operators().anyOperator()) {
        return Optional.empty();
      }
      return services.enrollment().checkLink(token).map(p -> url().resolve("/enroll/" + token).toString());
    }

    @Override
    public List<String> runDueActionsNow() {
      return services.runner().tick();
    }

    @Override
    public ConsoleServices services() {
      return services;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      scheduler.shutdown(); // no interrupt: a tick finishes its transaction

      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closeQuietly(web);
      try {
        services.audit().append(AuditRecord.of("console", "console.stopped", "", "stopped cleanly"));
      } catch (RuntimeException e) {
        LOG.warn("could not record the stop: {}", e.getMessage());
      }
      services.db().close();
    }
  }
}
