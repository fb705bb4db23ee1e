package io.palisade.control.plane;

import io.palisade.control.ControlEvent;
import io.palisade.spec.NodeVersion;
import java.util.List;

/**
 * What a control plane offers, behind the HTTP API and in-process (the console's gateway calls these directly). The
 * single-host runtime's {@code LocalPool} implements it.
 */
public interface PoolService {
  /** The pool now. */
  PoolStatus status();

  /**
   * The latest events.
   *
   * @param limit at most this many, oldest first
   * @return the events
   */
  List<ControlEvent> events(int limit);

  /**
   * Asks for a rolling upgrade.
   *
   * @param version the version to roll out
   * @param retry whether to retry a version that failed before
   * @return accepted, or refused with the reason
   * @throws IllegalArgumentException for malformed input
   */
  ActionResult upgrade(NodeVersion version, boolean retry);

  /**
   * Asks for one more relay.
   *
   * @param region its region (an existing one, or a new one)
   * @return accepted with the new relay's name, or refused with the reason
   * @throws IllegalArgumentException for a malformed region name
   */
  ActionResult addRelay(String region);

  /**
   * Restarts one node now (also one reported FAILED).
   *
   * @param node the node's name
   * @return accepted, or refused with the reason
   * @throws java.util.NoSuchElementException for an unknown node
   */
  ActionResult restartNode(String node);

  /**
   * Stops every node cleanly and the control plane with them.
   *
   * @return accepted
   */
  ActionResult shutdown();
}
