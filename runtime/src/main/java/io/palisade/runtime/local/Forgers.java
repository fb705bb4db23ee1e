package io.palisade.runtime.local;

import io.palisade.control.api.ActionResult;
import io.palisade.control.lease.ProducerStopRoute;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Who forges: without a standby the block producer; with one the lease's holder, and both producers while forging
 * moves between them. A planned action on a producer that forges nothing (the keyless standby) costs no slot and
 * waits for no window, as a rollout's step of it does not.
 */
interface Forgers {
  /** The producer that forges (holds the keys) now. */
  String holder();

  /**
   * How a planned stop of {@code node} goes now (control's rule).
   *
   * @param node the producer
   * @param waited how long the stop has waited so far (zero when just asked)
   */
  ProducerStopRoute route(String node, Duration waited);

  /** Asks for forging to move off the holder: a switchover in the next free window, or refused with the reason. */
  ActionResult moveForging();

  /**
   * How long the holder takes to forge with new credentials it re-reads on a SIGHUP (a pool with a standby: its
   * credentials are links a rotation points at the new keys), empty when a rotation restarts it.
   */
  Optional<Duration> credentialReload();

  /** Whether a stop of {@code node} may cost a leader slot now. */
  default boolean mayForge(String node) {
    return !route(node, Duration.ZERO).atOnce();
  }

  /** A pool without a standby: its block producer forges, and forging cannot move. */
  static Forgers only(String producer) {
    return of(() -> producer, (node, waited) -> ProducerStopRoute.withoutStandby(producer, node),
        () -> new ActionResult(false, "the pool has no standby block producer", null), Optional.empty());
  }

  /** From the holder's name, the rule and the move, each read or asked at each call (the lease changes). */
  static Forgers of(Supplier<String> holder, BiFunction<String, Duration, ProducerStopRoute> route,
      Supplier<ActionResult> move, Optional<Duration> credentialReload) {
    return new Forgers() {
      @Override
      public Optional<Duration> credentialReload() {
        return credentialReload;
      }

      @Override
      public String holder() {
        return holder.get();
      }

      @Override
      public ProducerStopRoute route(String node, Duration waited) {
        return route.apply(node, waited);
      }

      @Override
      public ActionResult moveForging() {
        return move.get();
      }
    };
  }
}
