package io.palisade.console.testing;

import io.palisade.console.account.LoginThrottle;
import io.palisade.console.account.Enrollment;
import io.palisade.console.account.EnrollmentLinks;
import io.palisade.console.account.OperatorStore;
import io.palisade.console.account.SecretBox;
import io.palisade.console.account.Totp;
import io.palisade.console.account.TotpSecret;
import io.palisade.console.account.TotpVerifier;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditVerifier;
import io.palisade.console.delay.ActionExecutor;
import io.palisade.console.delay.ActionQueue;
import io.palisade.console.delay.ChainTimeReference;
import io.palisade.console.delay.Changes;
import io.palisade.console.delay.ClockGuard;
import io.palisade.console.delay.DelayPolicy;
import io.palisade.console.delay.DelaySettings;
import io.palisade.console.delay.DueActionRunner;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.web.Argon2PasswordHasher;
import io.palisade.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/** The console's domain services wired as {@code PalisadeConsole} wires them, without the web server. */
public final class Domain implements AutoCloseable {
  /** The grace period the fixture uses. */
  public static final Duration GRACE = Duration.ofDays(2);

  public final ConsoleDatabase db;
  public final MutableClock clock;
  public final FakePoolGateway gateway;
  public final AuditLog audit;
  public final AuditVerifier verifier;
  public final OperatorStore operators;
  public final Enrollment enrollment;
  public final TotpVerifier totp;
  public final LoginThrottle throttle;
  public final ActionQueue queue;
  public final DelaySettings delays;
  public final ClockGuard guard;
  public final DueActionRunner runner;
  public final Changes changes;
  public final Path dir;
  /** The console's witness key, in {@link #dir}. */
  public final io.palisade.console.audit.AuditKey key;

  /**
   * @param db an open database
   * @param clock the clock
   * @param chain the chain-time reference, if any
   */
  public Domain(ConsoleDatabase db, MutableClock clock, Optional<ChainTimeReference> chain) {
    this(db, clock, chain, newDirectory());
  }

  /**
   * The same console again (its keys are in {@code dir}), after a restart.
   *
   * @param db an open database
   * @param clock the clock
   * @param chain the chain-time reference, if any
   * @param dir the data directory of the console before the restart
   */
  public Domain(ConsoleDatabase db, MutableClock clock, Optional<ChainTimeReference> chain, Path dir) {
    this.dir = dir;
    SecureRandom random = new SecureRandom();
    this.db = db;
    this.clock = clock;
    this.gateway = new FakePoolGateway(clock, dir.resolve("nodes"));
    this.key = io.palisade.console.audit.AuditKey.loadOrCreate(dir, random);
    this.audit = new AuditLog(db, clock, Optional.empty(), Optional.of(key));
    this.verifier = new AuditVerifier(db, Optional.of(key));
    SecretBox box = SecretBox.open(dir, random);
    this.operators = new OperatorStore(db, clock);
    this.enrollment = new Enrollment(db, audit, clock, operators, new EnrollmentLinks(db, clock, random), box,
        new Argon2PasswordHasher(), random);
    this.totp = new TotpVerifier(db, audit, clock, operators, box);
    this.throttle = new LoginThrottle(db, clock);
    this.queue = new ActionQueue(db, audit, clock, key);
    this.delays = new DelaySettings(db);
    delays.applyConfigured(DelayPolicy.FLOOR, audit);
    ActionExecutor executor = new ActionExecutor(gateway, operators, delays);
    this.guard = new ClockGuard(db, audit, queue, clock, clock::nanos, chain, ClockGuard.DEFAULT_TOLERANCE,
        ClockGuard.DEFAULT_CHAIN_TOLERANCE);
    this.runner = new DueActionRunner(db, audit, queue, executor, guard, clock);
    this.changes = new Changes(db, audit, queue, executor, delays, GRACE);
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("console-domain");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @param db an open database @return the services on it, with a fresh clock */
  public static Domain on(ConsoleDatabase db) {
    return on(db, new MutableClock());
  }

  /** @param db an open database @param clock the clock @return the services on it */
  public static Domain on(ConsoleDatabase db, MutableClock clock) {
    return new Domain(db, clock, Optional.empty());
  }

  /**
   * Enrolls an operator through a link (first or invitation).
   *
   * @param token the link's token
   * @param name the username
   * @return the operator's TOTP secret
   */
  public TotpSecret enroll(String token, String name) {
    TotpSecret secret = enrollment.newTotpSecret();
    enrollment.enroll(token, name, "a long enough passphrase", secret, code(secret), "127.0.0.1");
    return secret;
  }

  /** @param secret a TOTP secret @return its code now */
  public String code(TotpSecret secret) {
    return Totp.code(secret, Totp.stepAt(clock.instant()));
  }

  @Override
  public void close() {
    db.close();
  }
}
