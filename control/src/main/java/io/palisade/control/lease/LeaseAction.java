package io.palisade.control.lease;

/** What the runtime does for the lease; each names one producer. */
public sealed interface LeaseAction {
  /** The node concerned. */
  String node();

  /**
   * Put the forging credentials in the node's key directory and send it SIGHUP (only ever the lease holder).
   *
   * @param node the holder
   */
  record GiveCredentials(String node) implements LeaseAction {}

  /**
   * Remove the forging credentials from the node's key directory and send it SIGHUP, so it drops them.
   *
   * @param node a producer that does not hold the lease
   */
  record TakeCredentials(String node) implements LeaseAction {}

  /**
   * Kill the node's process (SIGKILL): the fence when it did not show it was keyless in time. Self-healing starts it
   * again without credentials.
   *
   * @param node the former holder
   */
  record KillProcess(String node) implements LeaseAction {}
}
