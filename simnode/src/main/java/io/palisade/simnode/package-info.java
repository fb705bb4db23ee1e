/**
 * The simulated cardano-node: a stand-in that takes cardano-node's {@code run} arguments and behaves like it at the
 * interfaces Palisade uses (Prometheus metrics with the real names, the node-to-node port, a ledger replay at
 * startup, forging and KES metrics for a block producer), with faults that tests and demos inject.
 *
 * <p>Entry point: {@link io.palisade.simnode.SimNodeMain} ({@code run --topology F --database-path D --socket-path S
 * --port N --config F [--host-addr IP] [--shelley-kes-key F --shelley-vrf-key F --shelley-operational-certificate F]}).
 */
package io.palisade.simnode;
