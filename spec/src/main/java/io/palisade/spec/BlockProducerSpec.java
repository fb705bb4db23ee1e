package io.palisade.spec;

import io.palisade.spec.binding.Default;
import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Pattern;

/**
 * The block producer.
 *
 * @param name node name
 * @param resources CPU and memory
 * @param storage the chain database volume
 * @param standby a second block producer that takes over forging when this one fails or on a switchover; absent: none
 */
public record BlockProducerSpec(
    @Default("block-producer")
    @Pattern(regex = Names.DNS_LABEL, meaning = Names.DNS_LABEL_MEANING)
    @Doc("Node name.")
    String name,
    @Doc("CPU and memory requests and limits.") ResourcesSpec resources,
    @Doc("Chain database volume.") StorageSpec storage,
    @Doc("A standby block producer: synced, connected to the relays, without forging credentials until Palisade"
        + " moves the producer lease to it (see docs/standby.md). Exactly one of the two forges at any time.")
    StandbySpec standby) {}
