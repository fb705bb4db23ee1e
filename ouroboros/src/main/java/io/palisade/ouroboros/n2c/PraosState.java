package io.palisade.ouroboros.n2c;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Praos chain-dependent state, as {@code DebugChainDepState} answers in Babbage and later (ouroboros-consensus
 * {@code Ouroboros.Consensus.Protocol.Praos.PraosState}): the last slot applied, the highest opcert counter seen per
 * block issuer, and the nonces.
 *
 * <p>The epoch nonce is what the leader check of the current epoch uses. At the boundary the node sets the next
 * epoch's nonce to {@code candidate ⭒ lastEpochBlock} with both values as they stand at the end of this epoch
 * ({@code lastEpochBlock} is the lab nonce of the previous epoch's last block; only afterwards does it take this
 * epoch's). The candidate stops following the evolving nonce once
 * {@code slot + ceil(4k/f) >= firstSlotOfNextEpoch} ({@link GenesisConfig#randomnessStabilisationWindow()}), so from
 * a state past that slot the next nonce is known: {@code blake2b-256(candidate ‖ lastEpochBlock)}, where a neutral
 * nonce is the identity of ⭒ (ouroboros-consensus {@code Praos.tickChainDepState}).
 *
 * @param lastSlot the slot of the last block applied, empty at the origin
 * @param opcertCounters per pool (block issuer key hash), the highest opcert issue number seen on chain
 * @param evolvingNonce η_v, updated with every block's VRF nonce
 * @param candidateNonce η_c, follows η_v until the stabilisation window, then frozen
 * @param epochNonce η_0 of the current epoch
 * @param previousEpochNonce the previous epoch's nonce, in node versions whose state has it (8 fields)
 * @param labNonce the nonce of the previous block's hash (of the last block applied)
 * @param lastEpochBlockNonce the lab nonce of the last block of the previous epoch
 */
public record PraosState(
    OptionalLong lastSlot,
    SortedMap<PoolId, Long> opcertCounters,
    Nonce evolvingNonce,
    Nonce candidateNonce,
    Nonce epochNonce,
    Optional<Nonce> previousEpochNonce,
    Nonce labNonce,
    Nonce lastEpochBlockNonce) {

  /** Copies the map and requires every field. */
  public PraosState {
    Objects.requireNonNull(lastSlot, "lastSlot");
    opcertCounters = Collections.unmodifiableSortedMap(new TreeMap<>(opcertCounters));
    Objects.requireNonNull(evolvingNonce, "evolvingNonce");
    Objects.requireNonNull(candidateNonce, "candidateNonce");
    Objects.requireNonNull(epochNonce, "epochNonce");
    Objects.requireNonNull(previousEpochNonce, "previousEpochNonce");
    Objects.requireNonNull(labNonce, "labNonce");
    Objects.requireNonNull(lastEpochBlockNonce, "lastEpochBlockNonce");
  }

  /**
   * The on-chain opcert counter of {@code pool}: empty when the pool never minted a block, in which case the node
   * accepts counter 0 or 1 for a registered pool.
   */
  public OptionalLong opcertCounter(PoolId pool) {
    Long n = opcertCounters.get(pool);
    return n == null ? OptionalLong.empty() : OptionalLong.of(n);
  }
}
