package io.palisade.console.delay;

import io.palisade.console.RefusedException;
import io.palisade.console.account.OperatorStore;
import io.palisade.console.account.Passkeys;
import io.palisade.console.delay.ConsoleAction.ChangeDelay;
import io.palisade.console.delay.ConsoleAction.FactorKind;
import io.palisade.console.delay.ConsoleAction.OnPool;
import io.palisade.console.delay.ConsoleAction.RemoveFactor;
import io.palisade.console.delay.ConsoleAction.RemoveOperator;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.PoolGateway;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Carries out an authorised action: pool actions through the gateway, the console's own inside a database
 * transaction (so the change and its audit entry commit together). It decides nothing: authorisation, the delay and
 * the audit entries are the caller's.
 */
public final class ActionExecutor {
  private final PoolGateway gateway;
  private final OperatorStore operators;
  private final DelaySettings delays;

  /**
   * @param gateway the pool
   * @param operators the operators (for removals)
   * @param delays the delay setting (for a delay change)
   */
  public ActionExecutor(PoolGateway gateway, OperatorStore operators, DelaySettings delays) {
    this.gateway = gateway;
    this.operators = operators;
    this.delays = delays;
  }

  /**
   * @param action an action
   * @return whether it is carried out inside the console's database (true) or through the gateway (false)
   */
  public static boolean internal(ConsoleAction action) {
    return !(action instanceof OnPool);
  }

  /**
   * Runs a pool action through the gateway. A gateway that throws is reported as a failure, not propagated.
   *
   * @param action the pool action
   * @return the gateway's answer
   */
  public ActionResult onPool(OnPool action) {
    try {
      ActionResult r = gateway.execute(action.action());
      return r == null ? ActionResult.failed("the gateway returned no result") : r;
    } catch (RuntimeException e) {
      return ActionResult.failed("the gateway failed: " + e);
    }
  }

  /**
   * Asks the pool whether it would refuse a pool action now (its guard rails, nothing changed). A gateway that fails
   * cannot tell: the action is then checked only when it runs.
   *
   * @param action the pool action
   * @return the pool's refusal, or empty
   */
  public Optional<String> refusal(OnPool action) {
    try {
      Optional<String> r = gateway.refusal(action.action());
      return r == null ? Optional.empty() : r;
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Applies one of the console's own actions inside the caller's transaction.
   *
   * @param c the transaction
   * @param action a console action (not {@link OnPool})
   * @return what was done
   * @throws RefusedException when it can no longer be applied (the operator is gone, it would leave no factor)
   * @throws SQLException on a database error
   */
  public ActionResult internal(Connection c, ConsoleAction action) throws SQLException {
    if (action instanceof RemoveOperator r) {
      operators.remove(c, r.username());
      return ActionResult.ok("operator " + r.username() + " removed; their passkeys deleted");
    }
    if (action instanceof RemoveFactor r) {
      if (r.factor() == FactorKind.TOTP) {
        operators.removeTotp(c, r.username());
        return ActionResult.ok("the TOTP authenticator of " + r.username() + " removed");
      }
      int passkeys = Passkeys.count(c, r.username());
      // Read in this transaction: on SQLite a second one would wait for the write lock this one holds.
      boolean hasTotp = operators.find(c, r.username()).map(o -> o.hasTotp()).orElse(false);
      if (passkeys <= 1 && !hasTotp) {
        throw new RefusedException("removing this passkey would leave " + r.username() + " without a second factor");
      }
      if (!Passkeys.delete(c, r.username(), r.credentialId())) {
        throw new RefusedException("passkey " + r.credentialId() + " of " + r.username() + " no longer exists");
      }
      return ActionResult.ok("passkey removed from " + r.username());
    }
    if (action instanceof ChangeDelay d) {
      delays.set(c, d.delay());
      return ActionResult.ok("destructive-action delay is now " + DelayPolicy.days(d.delay()));
    }
    throw new IllegalArgumentException("not a console action: " + action.describe());
  }
}
