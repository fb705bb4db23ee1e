package io.palisade.console.delay;

import java.time.Instant;
import java.util.Optional;

/**
 * An outside reference for the time: the chain. Someone with root on the host can move its clock but not the chain's
 * tip, so where a node's tip can be read, the clock guard compares the wall clock against it.
 */
@FunctionalInterface
public interface ChainTimeReference {
  /**
   * @return the time the chain says it is (e.g. the start of the newest tip slot seen), or empty when no node can
   *     be read right now; never null
   */
  Optional<Instant> chainNow();
}
