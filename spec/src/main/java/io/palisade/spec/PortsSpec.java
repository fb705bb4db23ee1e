package io.palisade.spec;

import io.palisade.spec.binding.Default;
import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Range;

/**
 * Ports inside each node's pod or host.
 *
 * @param nodeToNode cardano-node's node-to-node port
 * @param metrics cardano-node's Prometheus port (bound so only the health agent reads it)
 * @param agent the health agent's port (probes and status)
 */
public record PortsSpec(
    @Default("3001") @Range(min = 1024, max = 65535) @Doc("cardano-node node-to-node port.") Integer nodeToNode,
    @Default("12798") @Range(min = 1024, max = 65535) @Doc("cardano-node Prometheus metrics port.") Integer metrics,
    @Default("12799") @Range(min = 1024, max = 65535) @Doc("Health agent port (probes, /status).") Integer agent) {}
