package io.palisade.runtime.local;

/**
 * The loopback ports of one node on the single host.
 *
 * @param nodeToNode the node-to-node port ({@code --port})
 * @param metrics the Prometheus port written into its config.json
 * @param ekg the EKG port of the legacy tracing system (unique per node on one host, like the others)
 */
public record NodePorts(int nodeToNode, int metrics, int ekg) {}
