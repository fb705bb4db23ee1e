package io.palisade.spec;

import io.palisade.spec.binding.Default;
import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Range;
import io.palisade.spec.binding.Required;

/**
 * A peer's address.
 *
 * @param address DNS name or IP address
 * @param port node-to-node port
 */
public record PeerAddress(
    @Required @Doc(value = "DNS name or IP address.", example = "backbone.cardano.iog.io") String address,
    @Default("3001") @Range(min = 1, max = 65535) @Doc("Node-to-node port.") Integer port) {}
