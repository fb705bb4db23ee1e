package io.palisade.spec;

import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Pattern;

/**
 * Where the block producer's hot keys come from. Cold keys never appear here: they stay in the offline vault.
 *
 * @param hotKeyBundle path of the authenticated hot-key bundle written by {@code palisade keys rotate}, relative to
 *     pool.yaml
 * @param secretName Kubernetes Secret the bundle is installed into
 */
public record KeysSpec(
    @Doc(value = "Hot-key bundle written by 'palisade keys rotate' on the offline machine, relative to pool.yaml.",
        example = "hot-keys/bundle.json")
    String hotKeyBundle,
    @Pattern(regex = "[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?", meaning = "a Kubernetes Secret name")
    @Doc("Kubernetes Secret holding the hot keys; <name>-hot-keys when absent.")
    String secretName) {}
