package io.palisade.console;

import io.palisade.console.account.LoginThrottle;
import io.palisade.console.account.Enrollment;
import io.palisade.console.account.OperatorStore;
import io.palisade.console.account.PasswordHasher;
import io.palisade.console.account.TotpVerifier;
import io.palisade.console.audit.AuditBudget;
import io.palisade.console.charts.PoolHistory;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditVerification;
import io.palisade.console.audit.AuditVerifier;
import io.palisade.console.delay.ActionQueue;
import io.palisade.console.delay.Changes;
import io.palisade.console.delay.ClockGuard;
import io.palisade.console.delay.DelaySettings;
import io.palisade.console.delay.DueActionRunner;
import io.palisade.console.shell.ShellTickets;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.gateway.PoolGateway;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The console's domain services, built once by {@link PalisadeConsole} and handed to the web layer.
 *
 * @param settings the settings
 * @param publicUrl the URL browsers use
 * @param db the database
 * @param audit the audit log
 * @param verifier checks the audit chain
 * @param operators the operators
 * @param enrollment enrolls operators through one-time links
 * @param totp checks TOTP codes
 * @param passwords hashes and checks passwords
 * @param throttle brute-force throttling
 * @param queue the destructive-action queue
 * @param changes where changes enter
 * @param delays the delay in force
 * @param guard the clock guard
 * @param runner runs due actions
 * @param gateway the pool
 * @param clock the console's clock
 * @param tickets shell tickets
 * @param random the random source
 * @param startupAudit the audit chain's state when the console started
 * @param anonymousAudit the rate-limited audit entries anyone can trigger without signing in
 * @param history what the console observed of the pool over the last hours (the dashboard's charts)
 */
public record ConsoleServices(
    ConsoleSettings settings,
    URI publicUrl,
    ConsoleDatabase db,
    AuditLog audit,
    AuditVerifier verifier,
    OperatorStore operators,
    Enrollment enrollment,
    TotpVerifier totp,
    PasswordHasher passwords,
    LoginThrottle throttle,
    ActionQueue queue,
    Changes changes,
    DelaySettings delays,
    ClockGuard guard,
    DueActionRunner runner,
    PoolGateway gateway,
    Clock clock,
    ShellTickets tickets,
    SecureRandom random,
    AuditVerification startupAudit,
    AuditBudget anonymousAudit,
    PoolHistory history) {}
