package io.palisade.keys.rotate;

import java.util.List;

/**
 * What the guard rails decided: the counter and KES period to issue, or why not.
 *
 * @param counter the opcert counter to issue (on-chain + 1, or 0)
 * @param kesPeriod the KES start period to issue (the node's)
 * @param refusals every reason to refuse; empty means go
 * @param notes facts worth telling the operator either way
 */
public record RotationDecision(long counter, long kesPeriod, List<String> refusals, List<String> notes) {
  /** Whether the rotation may go ahead. */
  public boolean allowed() {
    return refusals.isEmpty();
  }
}
