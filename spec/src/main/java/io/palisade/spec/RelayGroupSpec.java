package io.palisade.spec;

import io.palisade.spec.binding.Default;
import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Pattern;
import io.palisade.spec.binding.Range;
import io.palisade.spec.binding.Required;

/**
 * Relays in one region.
 *
 * @param region region name, unique in the pool
 * @param count number of relays in the region
 * @param publicAddress the DNS name or address the region's relays are reached at
 * @param port public port
 * @param resources CPU and memory per relay
 * @param storage chain database volume per relay
 */
public record RelayGroupSpec(
    @Required
    @Pattern(regex = Names.REGION, meaning = Names.REGION_MEANING)
    @Doc(value = "Region name (a cloud region or a site).", example = "eu-west")
    String region,
    @Default("1") @Range(min = 1, max = 50) @Doc("Number of relays in the region.") Integer count,
    @Required
    @Doc(value = "Public DNS name or IP address of the region's relays (their load balancer).",
        example = "relays-eu.pool.example.com")
    String publicAddress,
    @Default("3001") @Range(min = 1, max = 65535) @Doc("Public node-to-node port.") Integer port,
    @Doc("CPU and memory requests and limits per relay.") ResourcesSpec resources,
    @Doc("Chain database volume per relay.") StorageSpec storage) {}
