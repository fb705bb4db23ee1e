package io.palisade.control;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.MemberState.Phase;
import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's destructive changes to a running pool, decided purely from (state, observed, clock): whether the
 * change is allowed now, and the actions and events it takes. The console queues these behind its delay; when one
 * comes due, the runtime asks here, persists the new state, then applies the actions in order.
 *
 * <p>Guard rails, whatever the console's operators asked:
 * <ul>
 *   <li>The block producer is never left without a relay, and never loses its last ready relay.
 *   <li>On mainnet the pool keeps what pool.yaml's rules demand of every mainnet pool: two relays, in two regions.
 *   <li>Nothing is removed or wiped while a rollout or a relay addition runs (one change at a time).
 *   <li>A removed relay leaves the block producer's topology (and its siblings') before it is stopped, and the other
 *       relays keep their names.
 * </ul>
 */
public final class PoolChanges {
  /** Relays a mainnet pool keeps, as pool.yaml's rules demand. */
  public static final int MAINNET_MIN_RELAYS = 2;
  /** Regions a mainnet pool's relays keep, as pool.yaml's rules demand. */
  public static final int MAINNET_MIN_REGIONS = 2;

  private PoolChanges() {}

  /**
   * What a change request came to.
   *
   * @param accepted whether the change goes ahead
   * @param message what will happen, or why not, for the operator
   * @param decision the state, actions and events to apply when accepted; null when refused
   */
  public record Outcome(boolean accepted, String message, Decision decision) {
    /** Checks that an accepted outcome has a decision. */
    public Outcome {
      Objects.requireNonNull(message, "message");
      if (accepted != (decision != null)) {
        throw new IllegalArgumentException("an accepted outcome has a decision, a refused one has none");
      }
    }

    static Outcome refused(String why) {
      return new Outcome(false, why, null);
    }
  }

  /**
   * Removes a node from the pool: the block producer's (and the sibling relays') topology drops it first, then it is
   * stopped. Its directory (chain database) is left where it is.
   *
   * @param state the control state
   * @param observed the latest observations
   * @param node the node's name
   * @param mainnet whether the pool is on mainnet (its floors apply)
   * @param now the clock's time
   * @return the outcome
   * @throws NoSuchElementException if the pool has no such node
   */
  public static Outcome removeNode(ControlState state, Map<String, NodeObservation> observed, String node,
      boolean mainnet, Instant now) {
    MemberState m = member(state, node);
    if (m.ref().isBlockProducer()) {
      return Outcome.refused(node + " is the block producer: a running pool cannot lose it. Revoke its keys to stop it"
          + " forging, or delete the whole pool");
    }
    Optional<String> busy = PoolActivity.of(state).busyFor("remove " + node);
    if (busy.isPresent()) {
      return Outcome.refused(busy.get());
    }
    List<MemberState> others = state.members().stream()
        .filter(x -> x.ref().role() == NodeRole.RELAY && !x.name().equals(node))
        .toList();
    if (others.isEmpty()) {
      return Outcome.refused(node + " is the pool's last relay: the block producer would have no path to the"
          + " network; add a relay first");
    }
    String lastReady = lastReadyRelay(state, observed, m);
    if (lastReady != null) {
      return Outcome.refused(lastReady);
    }
    if (mainnet) {
      long regions = others.stream().map(x -> x.ref().region()).distinct().count();
      if (others.size() < MAINNET_MIN_RELAYS || regions < MAINNET_MIN_REGIONS) {
        return Outcome.refused("on mainnet a pool keeps at least " + MAINNET_MIN_RELAYS + " relays in "
            + MAINNET_MIN_REGIONS + " regions (pool.yaml's rules); without " + node + " it would have "
            + others.size() + " relay(s) in " + regions + " region(s). Add a relay first");
      }
    }
    List<MemberState> kept = state.members().stream().filter(x -> !x.name().equals(node)).toList();
    List<Action> actions = new ArrayList<>();
    List<ControlEvent> events = new ArrayList<>();
    List<MemberState> members = new ArrayList<>();
    for (MemberState x : kept) {
      List<String> peers = PoolTopology.peersOf(x, kept);
      if (x.topology() == null || peers.equals(x.topology())) {
        members.add(x);
        continue;
      }
      actions.add(new Action.SetTopology(x.name(), peers, node + " removed"));
      events.add(ControlEvent.of(now, Reason.TOPOLOGY_UPDATED, x.name(), x.name() + " now connects to "
          + (peers.isEmpty() ? "no pool node" : String.join(", ", peers)) + " (" + node + " removed)"));
      members.add(x.withTopology(peers));
    }
    actions.add(new Action.StopNode(node, "removed at the operator's request"));
    events.add(ControlEvent.of(now, Reason.NODE_REMOVED, node, node + " was removed at the operator's request: it left"
        + " the other nodes' topologies, then was stopped; its directory (chain database) stays, and its name is not"
        + " given to another relay"));
    ControlState next = state.withMembers(members);
    return new Outcome(true, "removing " + node + ": it leaves the block producer's topology, then stops",
        new Decision(next, actions, events));
  }

  /**
   * Deletes a node's volume: the node is stopped, its chain database deleted, and it is started again; it replays
   * and resyncs from its peers. Its failure count starts over.
   *
   * @param state the control state
   * @param observed the latest observations
   * @param node the node's name
   * @param now the clock's time
   * @return the outcome
   * @throws NoSuchElementException if the pool has no such node
   */
  public static Outcome deleteVolume(ControlState state, Map<String, NodeObservation> observed, String node,
      Instant now) {
    MemberState m = member(state, node);
    Optional<String> busy = PoolActivity.of(state).busyFor("delete the volume of " + node);
    if (busy.isPresent()) {
      return Outcome.refused(busy.get());
    }
    if (m.ref().role() == NodeRole.RELAY) {
      String lastReady = lastReadyRelay(state, observed, m);
      if (lastReady != null) {
        return Outcome.refused(lastReady);
      }
    }
    Decision d = restarted(state, m, now, new Action.WipeVolume(m.ref(), m.version(),
        "volume deleted at the operator's request"), ControlEvent.of(now, Reason.VOLUME_DELETED, node,
        "deleting the chain database of " + node + " at the operator's request: it is stopped, its database"
            + " deleted, and it starts again on " + m.version() + "; it replays and resyncs from its peers"));
    return new Outcome(true, "deleting the volume of " + node + ": it restarts with an empty chain database and"
        + " resyncs", d);
  }

  /**
   * Restarts the block producer because its keys changed (installed, rotated or revoked): a restart if it runs, a
   * start otherwise (also one that was FAILED). Its failure count starts over.
   *
   * @param state the control state
   * @param reason the event's reason ({@link Reason#KEYS_ROTATED}, {@link Reason#KEYS_REVOKED})
   * @param message what changed, for people
   * @param now the clock's time
   * @return the decision
   */
  public static Decision restartBlockProducer(ControlState state, Reason reason, String message, Instant now) {
    MemberState bp = state.members().stream().filter(x -> x.ref().isBlockProducer()).findFirst()
        .orElseThrow(() -> new IllegalStateException("the pool has no block producer"));
    return restartProducer(state, bp.name(), reason, message, now);
  }

  /**
   * Restarts one block producer (the main one or its standby: the one holding the forging lease) because its keys
   * changed: a restart if it runs, a start otherwise. Its failure count starts over.
   *
   * @param state the control state
   * @param producer the block producer's node name
   * @param reason the event's reason ({@link Reason#KEYS_ROTATED}, {@link Reason#KEYS_REVOKED})
   * @param message what changed, for people
   * @param now the clock's time
   * @return the decision
   * @throws IllegalArgumentException if {@code producer} is not a block producer of the pool
   */
  public static Decision restartProducer(ControlState state, String producer, Reason reason, String message,
      Instant now) {
    MemberState bp = member(state, producer);
    if (!bp.ref().isBlockProducer()) {
      throw new IllegalArgumentException(producer + " is not a block producer");
    }
    Action a = bp.phase() == Phase.RUNNING
        ? new Action.RestartNode(bp.ref(), bp.version(), message)
        : new Action.StartNode(bp.ref(), bp.version(), message);
    return restarted(state, bp, now, a, ControlEvent.of(now, reason, bp.name(), message));
  }

  private static Decision restarted(ControlState state, MemberState m, Instant now, Action action,
      ControlEvent event) {
    return new Decision(state.withMember(m.name(), x -> x.restartedAt(now)), List.of(action), List.of(event));
  }

  private static MemberState member(ControlState state, String node) {
    return state.member(node).orElseThrow(() -> new NoSuchElementException("no node named " + node));
  }

  /** Why taking {@code relay} down would cost the block producer its last ready relay, or null. */
  private static String lastReadyRelay(ControlState state, Map<String, NodeObservation> observed, MemberState relay) {
    if (!relay.admitted() || !ready(observed, relay)) {
      return null; // the block producer does not count on it now
    }
    boolean another = state.members().stream()
        .filter(x -> x.ref().role() == NodeRole.RELAY && !x.name().equals(relay.name()))
        .anyMatch(x -> x.admitted() && x.phase() == Phase.RUNNING && ready(observed, x));
    return another ? null : relay.name() + " is the block producer's last ready relay; wait until another relay is"
        + " ready";
  }

  /**
   * Whether a node is ready by an observation made after the last action on it (an older one says nothing about it
   * now: it may be restarting).
   *
   * @param observed the latest observations
   * @param m the member
   * @return whether it is ready now
   */
  public static boolean ready(Map<String, NodeObservation> observed, MemberState m) {
    NodeObservation o = observed.get(m.name());
    return o != null && o.ready() && (m.lastActionAt() == null || o.observedAt().isAfter(m.lastActionAt()));
  }
}
