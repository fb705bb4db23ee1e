package io.palisade.control.local;

/**
 * The loopback ports of one node on the single host.
 *
 * @param nodeToNode the node-to-node port ({@code --port})
 * @param metrics the Prometheus port written into its config.json
 */
public record NodePorts(int nodeToNode, int metrics) {}
