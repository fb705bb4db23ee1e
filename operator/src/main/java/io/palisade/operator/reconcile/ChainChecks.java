package io.palisade.operator.reconcile;

import io.palisade.deploy.model.KubernetesPeerAddressing;
import io.palisade.deploy.model.PeerEndpoint;
import io.palisade.operator.model.SlotChains;
import io.palisade.spec.PoolSpec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the operator's slot ledger checks an adopted block on the pool's relays' chain ({@link SlotChains}).
 *
 * @param after how long after its slot a block is looked for (an hour; a test moves it)
 * @param relays where the pool's relays answer node-to-node
 * @param relayTimeout each relay's deadline (connect, handshake and answer)
 */
public record ChainChecks(Duration after, RelayAddresses relays, Duration relayTimeout) {
  /** Each relay's deadline unless told otherwise. */
  public static final Duration RELAY_TIMEOUT = Duration.ofSeconds(2);

  /** Where the pool's relays answer: the operator's port onto them, which a test points at its own responders. */
  @FunctionalInterface
  public interface RelayAddresses {
    /**
     * The relays' node-to-node addresses now.
     *
     * @param spec the pool
     * @param clusterDomain the cluster's DNS domain
     * @return the addresses (unresolved names are resolved at each connection)
     */
    List<InetSocketAddress> of(PoolSpec spec, String clusterDomain);

    /**
     * Each relay pod by its name under its region's headless Service, on the spec's node-to-node port: the names the
     * pool's own topologies use (deploy's {@link KubernetesPeerAddressing}). Resolved at each connection, so a
     * rescheduled pod is followed; outside the cluster they do not resolve, and the relays cannot tell.
     */
    static RelayAddresses clusterDns() {
      return (spec, domain) -> {
        KubernetesPeerAddressing addressing = new KubernetesPeerAddressing(spec, domain);
        return spec.relayRefs().stream().map(addressing::endpointOf)
            .map((PeerEndpoint p) -> InetSocketAddress.createUnresolved(p.host(), p.port())).toList();
      };
    }
  }

  /** Checks the fields. */
  public ChainChecks {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(relays, "relays");
    Objects.requireNonNull(relayTimeout, "relayTimeout");
    if (after.isNegative() || relayTimeout.isNegative() || relayTimeout.isZero()) {
      throw new IllegalArgumentException("after must not be negative and relayTimeout must be positive, were " + after
          + " and " + relayTimeout);
    }
  }

  /** An hour after the slot, the relays by their in-cluster names, 2 s each. */
  public static ChainChecks defaults() {
    return new ChainChecks(SlotChains.AFTER, RelayAddresses.clusterDns(), RELAY_TIMEOUT);
  }

  /** The same checks, {@code time} after the slot. */
  public ChainChecks after(Duration time) {
    return new ChainChecks(time, relays, relayTimeout);
  }

  /** The same checks, asking the relays at {@code addresses}. */
  public ChainChecks asking(RelayAddresses addresses) {
    return new ChainChecks(after, addresses, relayTimeout);
  }
}
