/** Health agent: reads cardano-node metrics and the Ouroboros port, judges startup/liveness/readiness and KES expiry. */
package io.palisade.agent;
