package io.palisade.spec;

import io.palisade.spec.binding.Default;
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
 * @param failoverAfter how long the active producer must be down or unable to forge before the standby takes over
 *     (sooner when the next leader slot would come first)
 */
public record StandbySpec(
    @Required
    @Pattern(regex = Names.DNS_LABEL, meaning = Names.DNS_LABEL_MEANING)
    @Doc(value = "Node name of the standby block producer.", example = "block-producer-standby")
    String name,
    @Doc("CPU and memory requests and limits.") ResourcesSpec resources,
    @Doc("Chain database volume.") StorageSpec storage,
    @Default("30s")
    @Doc("How long the active producer must be down or unable to forge before the standby takes over (sooner when"
        + " the next leader slot would come first).")
    java.time.Duration failoverAfter) {}
