package io.palisade.spec;

import io.palisade.spec.binding.Doc;

/**
 * Palisade's own container image: the health agent beside every node and the init step that lays out each node's
 * network files and hot keys run from it.
 *
 * @param image the Palisade image, pinned by digest, from the pool's registry
 */
public record PalisadeSpec(
    @Doc(value = "Palisade's own image (health agent, node preparation), from the private registry, pinned by @sha256"
        + " digest. Required to render Kubernetes.",
        example = "registry.example.com/palisade/palisade:0.1.0@sha256:<64 hex>")
    ImageRef image) {}
