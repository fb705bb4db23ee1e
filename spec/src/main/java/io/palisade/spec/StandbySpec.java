package io.palisade.spec;

import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Pattern;
import io.palisade.spec.binding.Required;

/**
 * The block producer's standby: a second block producer, synced and connected to the relays, that runs without
 * forging credentials until Palisade moves the producer lease to it (failover or switchover). Like the block producer
 * it is private: only the pool's relays talk to it.
 *
 * @param name node name
 * @param resources CPU and memory
 * @param storage the chain database volume
 */
public record StandbySpec(
    @Required
    @Pattern(regex = Names.DNS_LABEL, meaning = Names.DNS_LABEL_MEANING)
    @Doc(value = "Node name of the standby block producer.", example = "block-producer-standby")
    String name,
    @Doc("CPU and memory requests and limits.") ResourcesSpec resources,
    @Doc("Chain database volume.") StorageSpec storage) {}
