package io.palisade.keys.rotate;

import io.palisade.chain.ChainClock;
import io.palisade.keys.PoolId;
import io.palisade.spec.binding.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The guard rails against the most common operator mistake, a wrong opcert counter or KES period. A pure function of
 * the request (what the node sees), the vault's facts and this machine's clock; every failed rule is reported, not
 * just the first.
 *
 * <ol>
 *   <li>The request's pool and network are the vault's.
 *   <li>The counter follows Palisade's policy: the on-chain counter + 1, or 0 for a pool that never minted. The
 *       ledger itself accepts a counter n with m ≤ n ≤ m + 1, m the chain's counter (0 for a pool that never minted,
 *       Praos {@code doValidateKESSignature}); the policy is stricter so that the new certificate supersedes the old
 *       one (a certificate with the chain's own counter leaves the old KES key usable). A counter the operator asks
 *       for must equal the policy's: below m or above m + 1 the node's blocks would be refused; m (or 1 for a pool
 *       that never minted) the ledger accepts but the policy does not.
 *   <li>It is not below a counter this vault already issued (a stale request), unless overridden.
 *   <li>The request's KES period is its slot's, and its slot is within {@code maxSkew} of this machine's clock.
 * </ol>
 */
public final class RotationGuard {
  private RotationGuard() {}

  /**
   * The vault's side of the decision.
   *
   * @param poolId the vault's pool
   * @param network the vault's network
   * @param lastIssuedCounter the last counter this vault issued
   */
  public record VaultFacts(PoolId poolId, String network, OptionalLong lastIssuedCounter) {}

  /**
   * Decides.
   *
   * @param request what the node saw
   * @param vault the vault's facts
   * @param clock this machine's chain clock (genesis + wall clock)
   * @param maxSkew how far the request's slot may be from this machine's clock
   * @param requestedCounter a counter the operator asked for explicitly
   * @param allowBelowLastIssued accept a counter below one this vault issued before
   */
  public static RotationDecision decide(RotationRequest request, VaultFacts vault, ChainClock clock,
      Duration maxSkew, Optional<Long> requestedCounter, boolean allowBelowLastIssued) {
    List<String> refusals = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (!request.poolId().equals(vault.poolId())) {
      refusals.add("the request is for pool " + request.poolId().hex() + " but this vault's cold key is pool "
          + vault.poolId().hex());
    }
    if (!request.network().equals(vault.network())) {
      refusals.add("the request is for network " + request.network() + " but this vault is for " + vault.network());
    }
    boolean minted = request.onChainCounter().isPresent();
    long m = request.onChainCounter().orElse(0);
    long counter = minted ? m + 1 : 0;
    String rule = "the ledger accepts a counter n with m <= n <= m + 1, m the chain's counter ("
        + (minted ? "here " + m : "0 for a pool that never minted") + ")";
    notes.add(minted
        ? "on-chain counter " + m + ": the ledger accepts " + m + " or " + (m + 1) + "; Palisade's policy issues "
            + counter + ", so the new certificate supersedes the one in use"
        : "the pool never minted a block: the ledger accepts 0 or 1; Palisade's policy issues 0");
    if (requestedCounter.isPresent() && requestedCounter.get() != counter) {
      long asked = requestedCounter.get();
      if (asked < m) {
        refusals.add("counter " + asked + " would regress below the chain's " + m + ": the node's blocks would be"
            + " refused (" + rule + "); Palisade's policy issues " + counter);
      } else if (asked > m + 1) {
        refusals.add("counter " + asked + " would skip past " + (m + 1) + ": the node's blocks would be refused ("
            + rule + "); Palisade's policy issues " + counter);
      } else {
        refusals.add("counter " + asked + " is one the ledger accepts (" + rule + "), but Palisade's policy issues "
            + counter + (minted ? " (on-chain + 1, so that the new certificate supersedes the one in use)"
                : " (0 for a pool that never minted)"));
      }
    }
    if (vault.lastIssuedCounter().isPresent() && vault.lastIssuedCounter().getAsLong() > counter) {
      String msg = "this vault already issued counter " + vault.lastIssuedCounter().getAsLong() + ", above the "
          + counter + " the request allows: the request may be stale (make a fresh one on the online side)";
      if (allowBelowLastIssued) {
        notes.add(msg + "; overridden");
      } else {
        refusals.add(msg + ", or pass --allow-counter-below-last-issued if that opcert was never used");
      }
    }
    long slotsPerPeriod = clock.genesis().slotsPerKesPeriod();
    if (request.kesPeriod() != request.currentSlot() / slotsPerPeriod) {
      refusals.add("the request's KES period " + request.kesPeriod() + " is not that of its slot "
          + request.currentSlot() + " (" + request.currentSlot() / slotsPerPeriod + "): the request is inconsistent");
    }
    Instant now = clock.instant();
    if (now.isBefore(clock.genesis().systemStart())) {
      refusals.add("this machine's clock (" + now + ") is before the network's start: set the clock");
    } else {
      long ownSlot = clock.slotAt(now);
      Instant requestTime = clock.startOfSlot(request.currentSlot());
      Duration skew = Duration.between(requestTime, now).abs();
      notes.add("this machine's clock says slot " + ownSlot + " (KES period " + clock.kesPeriodOf(ownSlot)
          + "); the node said slot " + request.currentSlot() + " (KES period " + request.kesPeriod() + ")");
      if (skew.compareTo(maxSkew) > 0) {
        refusals.add("the request's slot " + request.currentSlot() + " (" + requestTime + ") is " + human(skew)
            + " away from this machine's clock (" + now + "), more than the allowed " + human(maxSkew)
            + ": check this machine's clock, or make a fresh request");
      }
    }
    return new RotationDecision(counter, request.kesPeriod(), List.copyOf(refusals), List.copyOf(notes));
  }

  private static String human(Duration d) {
    return DurationText.approximate(d);
  }
}
