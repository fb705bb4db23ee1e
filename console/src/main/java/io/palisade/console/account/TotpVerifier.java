package io.palisade.console.account;

import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks an operator's TOTP code and spends its time step, so the same code (or an older one) is refused afterwards.
 * The outcome is recorded in the audit log in the same transaction: if that write fails, the code is not accepted.
 */
public final class TotpVerifier {
  private final ConsoleDatabase db;
  private final AuditLog audit;
  private final Clock clock;
  private final OperatorStore operators;
  private final SecretBox box;

  /**
   * @param db the console database
   * @param audit the audit log
   * @param clock the console's clock
   * @param operators the operator table
   * @param box opens the sealed TOTP secrets
   */
  public TotpVerifier(ConsoleDatabase db, AuditLog audit, Clock clock, OperatorStore operators, SecretBox box) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.operators = operators;
    this.box = box;
  }

  /** The context a TOTP secret is sealed under: bound to its operator, so one cannot be moved to another. */
  static String context(String username) {
    return "totp:" + username;
  }

  /**
   * @param username the operator
   * @param code what they typed
   * @param purpose why ({@code login} or {@code step-up}), for the audit log
   * @return the outcome
   */
  public TotpCheck verify(String username, String code, String purpose) {
    return db.transaction(c -> {
      Optional<OperatorStore.TotpState> state = operators.totpState(c, username);
      if (state.isEmpty() || state.get().sealedSecret().isEmpty()) {
        return record(c, username, TotpCheck.NOT_SET_UP, purpose);
      }
      long lastStep = state.get().lastStep();
      // One reading of the clock for the whole check: the step a code matched and the step "now" must be the same
      // moment's, or a check straddling a step boundary judges one step's code against the next step.
      Instant now = clock.instant();
      byte[] key = box.open(state.get().sealedSecret(), context(username));
      TotpSecret secret = TotpSecret.of(key);
      Arrays.fill(key, (byte) 0);
      OptionalLong step;
      try {
        step = Totp.matchingStep(secret, code, now);
      } finally {
        secret.wipe();
      }
      if (step.isEmpty()) {
        return record(c, username, TotpCheck.WRONG, purpose);
      }
      long nowStep = Totp.stepAt(now);
      if (!Totp.fresh(step.getAsLong(), lastStep, nowStep)) {
        return record(c, username, TotpCheck.REPLAYED, purpose);
      }
      if (step.getAsLong() <= lastStep) {
        audit.append(c, AuditRecord.of(username, "totp.step-reset", username, "the last accepted step " + lastStep
            + " is ahead of the clock (step " + nowStep + "): it was accepted while the clock was ahead; step "
            + step.getAsLong() + " is accepted and becomes the last"));
      }
      if (!operators.spendTotpStep(c, username, lastStep, step.getAsLong())) {
        return record(c, username, TotpCheck.REPLAYED, purpose);
      }
      return record(c, username, TotpCheck.ACCEPTED, purpose);
    });
  }

  private TotpCheck record(Connection c, String username, TotpCheck outcome, String purpose) {
    String kind = outcome == TotpCheck.ACCEPTED ? "factor.totp" : "factor.totp-failed";
    String detail = switch (outcome) {
      case ACCEPTED -> "TOTP code accepted (" + purpose + ")";
      case WRONG -> "wrong TOTP code (" + purpose + ")";
      case REPLAYED -> "TOTP code refused: already used (replay) (" + purpose + ")";
      case NOT_SET_UP -> "no TOTP authenticator for this user (" + purpose + ")";
    };
    audit.append(c, AuditRecord.of(username, kind, username, detail));
    return outcome;
  }
}
