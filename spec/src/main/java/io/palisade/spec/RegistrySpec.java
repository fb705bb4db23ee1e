package io.palisade.spec;

import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Key;
import io.palisade.spec.binding.Pattern;
import io.palisade.spec.binding.Required;

/**
 * The registry images come from.
 *
 * @param host registry host and optional port
 * @param isPrivate ({@code private} in YAML) whether the registry is private (must be true)
 * @param pullSecret name of the Kubernetes image pull secret, if the cluster needs one
 */
public record RegistrySpec(
    @Required
    @Pattern(regex = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?", meaning = "a registry host such as"
        + " registry.example.com or registry.example.com:5000")
    @Doc(value = "Registry host; every image must come from it.", example = "registry.example.com")
    String host,
    @Required
    @Key("private")
    @Doc("Must be true: images are only taken from a private registry, so nobody else can replace them.")
    Boolean isPrivate,
    @Pattern(regex = Names.DNS_LABEL, meaning = Names.DNS_LABEL_MEANING)
    @Doc("Kubernetes image pull secret for the registry.")
    String pullSecret) {}
