package io.palisade.spec;

import io.palisade.spec.binding.Doc;

/**
 * CPU and memory for one node, in Kubernetes terms.
 *
 * @param requests what the node is guaranteed
 * @param limits what the node may use at most
 */
public record ResourcesSpec(
    @Doc("Guaranteed CPU and memory.") ResourceAmounts requests,
    @Doc("Maximum CPU and memory.") ResourceAmounts limits) {}
