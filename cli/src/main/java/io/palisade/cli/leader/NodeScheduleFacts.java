package io.palisade.cli.leader;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.node.NodeSession;
import io.palisade.cli.node.ProducerNode;
import io.palisade.leader.ActiveSlotCoefficient;
import io.palisade.leader.EpochNonce;
import io.palisade.leader.LeaderSchedule;
import io.palisade.leader.NextEpochNonce;
import io.palisade.leader.Sigma;
import io.palisade.ouroboros.n2c.Era;
import io.palisade.ouroboros.n2c.GenesisConfig;
import io.palisade.ouroboros.n2c.LedgerQueries;
import io.palisade.ouroboros.n2c.Nonce;
import io.palisade.ouroboros.n2c.PraosState;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import io.palisade.spec.binding.DurationText;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The facts of a leader schedule read from the pool's own node over its socket, one acquired ledger state: the era
 * (Praos only), the epoch, f from the node's genesis, the pool's stake and the total active stake of the "set"
 * snapshot (this epoch) or "mark" (next epoch), and the epoch nonce, or for the next epoch candidate ⭒ last epoch
 * block once the candidate is frozen ({@link NextEpochNonce}).
 */
public final class NodeScheduleFacts {
  private NodeScheduleFacts() {}

  /**
   * Reads the facts.
   *
   * @param node the block producer
   * @param genesis the network's genesis (slot times, epoch lengths)
   * @param firstPraos the network's first Praos epoch
   * @param epochArg {@code current}, {@code next} or a number
   * @param zone the zone of local times in messages
   * @param clock now, for "in 3h 12m"
   * @return the request
   * @throws ExitException 3 for a next epoch whose nonce is not fixed yet, 2 for an epoch the node cannot tell or a
   *     pre-Babbage ledger, 4 when the node cannot be asked
   */
  public static LeaderSchedule.Request read(ProducerNode node, GenesisParameters genesis, long firstPraos, String epochArg,
      ZoneId zone, Clock clock) {
    try (NodeSession s = NodeSession.open(node.socket(), genesis.networkMagic())) {
      Era era = s.ask(LedgerQueries::currentEra);
      if (!era.praos()) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "the node's ledger is in the " + era + " era (TPraos),"
            + " whose leaders Palisade does not compute; schedules start with Babbage");
      }
      long epoch = s.ask(LedgerQueries::epoch);
      long target = target(epochArg, epoch);
      GenesisConfig g = s.ask(LedgerQueries::genesisConfig);
      ActiveSlotCoefficient f = new ActiveSlotCoefficient(BigInteger.valueOf(g.activeSlotsCoeff().numerator()),
          BigInteger.valueOf(g.activeSlotsCoeff().denominator()));
      StakeSnapshots stake = s.ask(n -> n.stakeSnapshots(node.ledgerPoolId()));
      StakeSnapshots.PoolStake pool = stake.pool(node.ledgerPoolId()).orElse(new StakeSnapshots.PoolStake(0, 0, 0));
      PraosState state = s.ask(LedgerQueries::protocolState);
      EpochNonce nonce;
      Sigma sigma;
      if (target == epoch) {
        nonce = hashed(state.epochNonce(), epoch);
        sigma = sigma(pool.set(), stake.setTotal(), "set");
      } else {
        ChainClock chain = new ChainClock(genesis, clock);
        long window = NextEpochNonce.window(g.securityParam(), f, era == Era.BABBAGE);
        NextEpochNonce.Answer answer = NextEpochNonce.decide(state.lastSlot().orElse(-1),
            chain.firstSlotOfEpoch(target), window, state.candidateNonce().hash(),
            state.lastEpochBlockNonce().hash());
        if (answer instanceof NextEpochNonce.NotYet notYet) {
          throw notYet(target, notYet.fixedFromSlot(), window, chain, zone, clock.instant());
        }
        nonce = ((NextEpochNonce.Fixed) answer).nonce();
        sigma = sigma(pool.mark(), stake.markTotal(), "mark");
      }
      return new LeaderSchedule.Request(target, nonce, sigma, genesis, firstPraos, f);
    }
  }

  private static long target(String epochArg, long epoch) {
    String e = epochArg.trim();
    if (e.equals("current")) {
      return epoch;
    }
    if (e.equals("next")) {
      return epoch + 1;
    }
    long n;
    try {
      n = Long.parseLong(e);
    } catch (NumberFormatException ex) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--epoch must be current, next or an epoch number, was: \""
          + epochArg + "\"");
    }
    if (n != epoch && n != epoch + 1) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "the node is in epoch " + epoch + ": it knows the nonce of"
          + " epoch " + epoch + " and, once fixed, of " + (epoch + 1) + "; for epoch " + n + " give --epoch-nonce,"
          + " --pool-stake and --active-stake (offline)");
    }
    return n;
  }

  private static EpochNonce hashed(Nonce nonce, long epoch) {
    return new EpochNonce(nonce.hash().orElseThrow(() -> new ExitException(ExitCodes.INVALID_INPUT, "the nonce of"
        + " epoch " + epoch + " is the neutral nonce (a network at its very start); Palisade computes schedules for"
        + " hashed nonces only")));
  }

  private static Sigma sigma(long poolStake, long activeStake, String snapshot) {
    if (activeStake <= 0) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "the node's \"" + snapshot + "\" stake snapshot has no active"
          + " stake yet (a network in its first epochs): there is no schedule to compute");
    }
    return Sigma.of(poolStake, activeStake);
  }

  private static ExitException notYet(long epoch, long fromSlot, long window, ChainClock chain, ZoneId zone,
      Instant now) {
    Instant at = chain.startOfSlot(fromSlot);
    Duration wait = Duration.between(now, at).truncatedTo(ChronoUnit.SECONDS);
    return new ExitException(ExitCodes.REFUSED, "the nonce of epoch " + epoch + " is not fixed yet: it is once the"
        + " node has a block at or after slot " + fromSlot + " (" + at + ", " + at.atZone(zone).toOffsetDateTime()
        + (wait.isNegative() ? ", any moment now" : ", in " + DurationText.format(wait)) + "), " + window
        + " slots (the randomness stabilisation window) before the epoch begins; ask again then");
  }
}
