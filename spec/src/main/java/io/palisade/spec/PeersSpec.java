package io.palisade.spec;

import io.palisade.spec.binding.Doc;
import io.palisade.spec.binding.Range;
import java.util.List;

/**
 * Upstream peers for the relays, beyond the pool's own nodes.
 *
 * @param publicRoots extra public root peers (for instance friendly pools)
 * @param bootstrapPeers trusted bootstrap peers; the network's official ones when empty
 * @param useLedgerAfterSlot slot after which relays take peers from the ledger; the network's value when absent
 */
public record PeersSpec(
    @Doc("Extra public root peers for the relays.") List<PeerAddress> publicRoots,
    @Doc("Trusted bootstrap peers; the network's official ones when empty.") List<PeerAddress> bootstrapPeers,
    @Range(min = -1, max = Long.MAX_VALUE)
    @Doc("Slot after which relays take peers from the ledger; -1 never. The network's value when absent.")
    Long useLedgerAfterSlot) {}
