package io.palisade.spec;

import io.palisade.spec.binding.Doc;

/**
 * An amount of CPU and memory; absent values take the renderer's defaults for the network.
 *
 * @param cpu cores, e.g. {@code 2} or {@code 500m}
 * @param memory bytes, e.g. {@code 24Gi}
 */
public record ResourceAmounts(
    @Doc(value = "CPU cores.", example = "2") Quantity cpu,
    @Doc(value = "Memory.", example = "24Gi") Quantity memory) {}
