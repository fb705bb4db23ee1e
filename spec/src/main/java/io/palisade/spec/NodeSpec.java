package io.palisade.spec;

import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Required;

/**
 * The cardano-node release every node runs.
 *
 * @param version the release version
 * @param image the container image, pinned by digest
 * @param binary path of a cardano-node executable for the single-host runtime; without it that runtime runs the
 *     simulated node
 */
public record NodeSpec(
    @Required @Doc(value = "cardano-node release.", example = "10.5.3") NodeVersion version,
    @Doc(value = "Container image of that release, from the private registry, pinned by @sha256 digest.",
        example = "registry.example.com/palisade/cardano-node:10.5.3@sha256:<64 hex>")
    ImageRef image,
    @Doc(value = "Single-host runtime only: path of a real cardano-node executable. Without it the simulated node runs.",
        example = "/usr/local/bin/cardano-node")
    String binary) {}
