/**
 * The Praos leader election as the node decides it: {@link io.palisade.leader.LeaderCheck} (cardano-ledger's
 * {@code checkLeaderNatValue}), {@link io.palisade.leader.SlotElection} for one pool in one epoch, and the streaming
 * {@link io.palisade.leader.LeaderSchedule}.
 */
package io.palisade.leader;
