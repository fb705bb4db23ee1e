package io.palisade.control;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;

/**
 * A node as a runtime holds it.
 *
 * @param ref the node
 * @param version the version it was last started with, or null if never started
 * @param running whether its process (container) is running
 * @param handle the platform's handle for people: a process id, a pod name; null when not running
 */
public record RuntimeNode(NodeRef ref, NodeVersion version, boolean running, String handle) {}
