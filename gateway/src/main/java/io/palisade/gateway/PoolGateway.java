package io.palisade.gateway;

import java.io.IOException;
import java.util.Optional;

/**
 * The console's only way to the pool: what it shows, what it changes and how it opens a shell. The single-host runtime
 * and the Kubernetes operator implement it; the console never reaches a node any other way.
 *
 * <p>Implementations are called from several threads at once and must be thread-safe. No method may return null.
 */
public interface PoolGateway {
  /**
   * The pool as it is now. Called for every dashboard view, and by the clock guard when a chain-time reference is
   * built on it, so it must answer quickly (from cached observations, not by probing every node).
   *
   * @return the current snapshot, never null
   */
  PoolSnapshot snapshot();

  /**
   * Carries out one change. Called only after the console has authorised it, recorded it in the audit log and, for a
   * destructive action, waited out the delay. It must return promptly: long work (a rollout) is started here and then
   * reported through {@link #snapshot()}.
   *
   * @param action the change
   * @return whether it was accepted or carried out, with a message for the operator; never null
   */
  ActionResult execute(PoolAction action);

  /**
   * Why the pool would refuse {@code action} if it ran now, by the same guard rails {@link #execute} applies, without
   * changing anything. The console asks before it queues a destructive action, so an operator learns at once what
   * would be refused seven days later; the action is still checked again when it runs. Must answer quickly.
   *
   * @param action the change
   * @return the refusal in the runtime's words, or empty when it would go ahead or the gateway cannot tell
   */
  default Optional<String> refusal(PoolAction action) {
    return Optional.empty();
  }

  /**
   * Opens an interactive shell in a node's container: on the single-host runtime a shell in the node's working
   * directory as the node's user, on Kubernetes an exec into the node's pod.
   *
   * @param node a node name from {@link #snapshot()}
   * @return the open session; the caller closes it
   * @throws IOException when the shell cannot be started
   * @throws IllegalArgumentException when the node is unknown
   */
  ShellSession openShell(String node) throws IOException;
}
