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
 * @param maintenance how planned maintenance is fitted between its leader slots; absent: the runtime's defaults
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
    StandbySpec standby,
    @Doc("How planned maintenance (upgrade step, restart, key rotation) is fitted between the block producer's leader"
        + " slots (see docs/runtime.md, Leader-aware maintenance).")
    MaintenanceSpec maintenance) {

  /** A block producer without maintenance settings (the runtime's defaults). */
  public BlockProducerSpec(String name, ResourcesSpec resources, StorageSpec storage, StandbySpec standby) {
    this(name, resources, storage, standby, null);
  }
}
