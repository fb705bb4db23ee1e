/**
 * What a node's outputs say of its blocks, and whether a block is on the chain its peers follow: the one home of the
 * log line that names a block the node's chain was extended with ({@link io.palisade.agent.chain.ChainExtendedLine},
 * scanned in a bounded stream by {@link io.palisade.agent.chain.NodeLogScan}) and of the relays' chain check
 * ({@link io.palisade.agent.chain.RelayChainCheck}), shared by the single-host runtime, the CLI and the operator.
 */
package io.palisade.agent.chain;
