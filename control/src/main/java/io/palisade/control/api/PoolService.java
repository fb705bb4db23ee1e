package io.palisade.control.api;

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
   * @param allowDowngrade whether a version older than the pool runs is meant (refused otherwise)
   * @return accepted, or refused with the reason
   * @throws IllegalArgumentException for malformed input
   */
  ActionResult upgrade(NodeVersion version, boolean retry, boolean allowDowngrade);

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
   * Removes a node: the other nodes' topologies drop it, then it stops. Refused when it would leave the block
   * producer without a (ready) relay, go below mainnet's floors, or while another change runs. The console calls
   * this after its delay.
   *
   * @param node the node's name
   * @param relayOnly whether only a relay may be removed (the console's "remove relay")
   * @return accepted, or refused with the reason
   * @throws java.util.NoSuchElementException for an unknown node
   */
  ActionResult removeNode(String node, boolean relayOnly);

  /**
   * Deletes a node's volume: stops it, deletes its chain database, starts it again (it replays and resyncs).
   *
   * @param node the node's name
   * @return accepted, or refused with the reason
   * @throws java.util.NoSuchElementException for an unknown node
   */
  ActionResult deleteVolume(String node);

  /**
   * Deletes the pool: every node is stopped and the pool's runtime state removed (the console's database and audit
   * log stay), then the control plane exits.
   *
   * @return accepted
   */
  ActionResult deletePool();

  /**
   * Installs the hot-key bundle the pool spec names ({@code keys.hotKeyBundle}) in place of the block producer's
   * keys, and restarts it.
   *
   * @param key which key is being rotated ({@code KES} or {@code VRF}; {@code COLD} is refused)
   * @param passphraseFile the file holding the bundle's passphrase, or null for the one configured at start
   * @return accepted, or refused with the reason
   */
  ActionResult rotateKeys(io.palisade.control.KeyChanges.Key key, String passphraseFile);

  /**
   * Wipes the block producer's hot keys from memory and restarts it without them (it no longer forges). Kept across
   * restarts until a rotation installs new keys.
   *
   * @param key which key ({@code KES} or {@code VRF}: both are wiped; {@code COLD} is refused)
   * @param reason the operator's reason
   * @return accepted, or refused with the reason
   */
  ActionResult revokeKeys(io.palisade.control.KeyChanges.Key key, String reason);

  /**
   * Stops every node cleanly and the control plane with them.
   *
   * @return accepted
   */
  ActionResult shutdown();

  /**
   * Moves forging to the standby block producer in the next free window of the leader schedule (the producer lease
   * passes with the next fencing token once the active producer is confirmed keyless).
   *
   * @return accepted (queued) or refused with the reason; a runtime without a producer lease refuses
   */
  default ActionResult switchover() {
    return new ActionResult(false, "this runtime has no standby block producer", null);
  }
}
