/** Simulated cardano-node for demos and tests: same run arguments, real metric names, Ouroboros handshake and chain-sync. */
package io.palisade.simnode;
