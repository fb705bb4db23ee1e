package io.palisade.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * The StakePool's spec: the fields of {@code pool.yaml}, one for one (a test holds the two in step). The CRD only
 * states their shape; every rule (patterns, ranges, images from the registry, durations) is checked by the operator
 * with the same {@code PoolSpecLoader} that checks {@code pool.yaml}, so a bad resource gets the same field-named
 * errors in its status as a bad file gets on the command line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StakePoolSpec {
  /** Short name of the pool. */
  @Required @JsonPropertyDescription("Short name of the pool, used in every resource name.")
  public String name;
  /** The Cardano network. */
  @Required @JsonPropertyDescription("mainnet, preprod or preview.")
  public String network;
  /** The cardano-node release. */
  @Required @JsonPropertyDescription("The cardano-node release every node runs.")
  public Node node;
  /** The private registry. */
  @Required @JsonPropertyDescription("The private registry the node image comes from.")
  public Registry registry;
  /** The block producer. */
  @JsonPropertyDescription("The block producer. It is never reachable from outside: only its own relays talk to it.")
  public BlockProducer blockProducer;
  /** Relay groups. */
  @Required @JsonPropertyDescription("Relay groups, one per region; the public face of the pool.")
  public List<RelayGroup> relays;
  /** Extra peers. */
  @JsonPropertyDescription("Extra upstream peers for the relays.")
  public Peers peers;
  /** Ports. */
  @JsonPropertyDescription("Ports the nodes and their sidecars listen on.")
  public Ports ports;
  /** Hot keys. */
  @JsonPropertyDescription("Where the block producer's hot keys come from.")
  public Keys keys;
  /** The admin console. */
  @JsonPropertyDescription("The admin console, the only way into the pool.")
  public Console console;
  /** Upgrade policy. */
  @JsonPropertyDescription("How node upgrades roll out.")
  public Upgrade upgrade;
  /** Palisade's image. */
  @JsonPropertyDescription("Palisade's own image, run beside every node.")
  public Palisade palisade;
  /** Host firewall. */
  @JsonPropertyDescription("Host firewall (nftables) settings for pools run on VMs.")
  public Firewall firewall;

  /** {@code node}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Node {
    /** The release. */
    @Required @JsonPropertyDescription("cardano-node release, e.g. 10.5.3.")
    public String version;
    /** The image. */
    @JsonPropertyDescription("Container image of that release, from the private registry, pinned by @sha256 digest.")
    public String image;
    /** Single-host only. */
    @JsonPropertyDescription("Single-host runtime only; ignored on Kubernetes.")
    public String binary;
  }

  /** {@code registry}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Registry {
    /** Host. */
    @Required @JsonPropertyDescription("Registry host; every image must come from it.")
    public String host;
    /** Must be true. */
    @Required @JsonProperty("private") @JsonPropertyDescription("Must be true.")
    public Boolean isPrivate;
    /** Pull secret. */
    @JsonPropertyDescription("Kubernetes image pull secret for the registry.")
    public String pullSecret;
  }

  /** CPU and memory. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Resources {
    /** Requests. */
    @JsonPropertyDescription("Requests.")
    public Amounts requests;
    /** Limits. */
    @JsonPropertyDescription("Limits.")
    public Amounts limits;
  }

  /** CPU and memory amounts. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Amounts {
    /** CPU. */
    @JsonPropertyDescription("CPU, e.g. 2 or 500m.")
    public String cpu;
    /** Memory. */
    @JsonPropertyDescription("Memory, e.g. 24Gi.")
    public String memory;
  }

  /** A chain database volume. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Storage {
    /** Size. */
    @JsonPropertyDescription("Volume size, e.g. 300Gi.")
    public String size;
    /** Storage class. */
    @JsonPropertyDescription("Storage class.")
    public String storageClass;
  }

  /** {@code blockProducer}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class BlockProducer {
    /** Node name. */
    @JsonPropertyDescription("Node name.")
    public String name;
    /** Resources. */
    @JsonPropertyDescription("CPU and memory requests and limits.")
    public Resources resources;
    /** Storage. */
    @JsonPropertyDescription("Chain database volume.")
    public Storage storage;
    /** Standby. */
    @JsonPropertyDescription("A standby block producer: synced, connected to the relays, without forging credentials"
        + " until Palisade moves the producer lease to it (see docs/standby.md). Exactly one of the two forges at any"
        + " time.")
    public Standby standby;
    /** Maintenance. */
    @JsonPropertyDescription("How planned maintenance (upgrade step, restart, key rotation) is fitted between the"
        + " block producer's leader slots (see docs/runtime.md, Leader-aware maintenance).")
    public Maintenance maintenance;
  }

  /** {@code blockProducer.maintenance}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Maintenance {
    /** Margin. */
    @JsonPropertyDescription("Added to the block producer's expected restart-to-forging time: the free window a"
        + " planned action needs before the next leader slot. Default 1m (10s for simulated nodes).")
    public String margin;
    /** Wait limit. */
    @JsonPropertyDescription("A wait for a free window longer than this is flagged for an operator; the action stays"
        + " queued and is never forced through a leader slot. Default 6h.")
    public String waitLimit;
    /** Clock tolerance. */
    @JsonPropertyDescription("How far the host clock and the block producer's chain time (the slot of its tip) may"
        + " disagree before no window is judged and planned actions wait. Default 2m.")
    public String clockTolerance;
  }

  /** {@code blockProducer.standby}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Standby {
    /** Node name. */
    @Required @JsonPropertyDescription("Node name of the standby block producer.")
    public String name;
    /** Resources. */
    @JsonPropertyDescription("CPU and memory requests and limits.")
    public Resources resources;
    /** Storage. */
    @JsonPropertyDescription("Chain database volume.")
    public Storage storage;
    /** Failover after. */
    @JsonPropertyDescription("How long the active producer must be down or unable to forge before the standby takes"
        + " over (sooner when the next leader slot would come first).")
    public String failoverAfter;
  }

  /** One entry of {@code relays}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RelayGroup {
    /** Region. */
    @Required @JsonPropertyDescription("Region name (a cloud region or a site).")
    public String region;
    /** Count. */
    @JsonPropertyDescription("Number of relays in the region.")
    public Integer count;
    /** Public address. */
    @Required @JsonPropertyDescription("Public DNS name or IP address of the region's relays.")
    public String publicAddress;
    /** Public port. */
    @JsonPropertyDescription("Public node-to-node port.")
    public Integer port;
    /** Resources. */
    @JsonPropertyDescription("CPU and memory requests and limits per relay.")
    public Resources resources;
    /** Storage. */
    @JsonPropertyDescription("Chain database volume per relay.")
    public Storage storage;
  }

  /** A peer. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Peer {
    /** Address. */
    @Required @JsonPropertyDescription("DNS name or IP address.")
    public String address;
    /** Port. */
    @JsonPropertyDescription("Port.")
    public Integer port;
  }

  /** {@code peers}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Peers {
    /** Public roots. */
    @JsonPropertyDescription("Peers the relays always keep a connection to.")
    public List<Peer> publicRoots;
    /** Bootstrap peers. */
    @JsonPropertyDescription("Bootstrap peers; empty: the network's official ones.")
    public List<Peer> bootstrapPeers;
    /** Ledger peers after. */
    @JsonPropertyDescription("Use ledger peers after this slot (-1: never).")
    public Long useLedgerAfterSlot;
  }

  /** {@code ports}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Ports {
    /** Node-to-node. */
    @JsonPropertyDescription("Node-to-node port.")
    public Integer nodeToNode;
    /** Metrics. */
    @JsonPropertyDescription("Node metrics port (loopback only).")
    public Integer metrics;
    /** Agent. */
    @JsonPropertyDescription("Health agent port.")
    public Integer agent;
  }

  /** {@code keys}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Keys {
    /** Bundle path (used by palisade k8s apply, not in the cluster). */
    @JsonPropertyDescription("Hot-key bundle path beside pool.yaml; palisade k8s apply installs it into the Secret.")
    public String hotKeyBundle;
    /** Secret name. */
    @JsonPropertyDescription("Kubernetes Secret holding the hot keys; <name>-hot-keys when absent.")
    public String secretName;
  }

  /** {@code console}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Console {
    /** Bind address. */
    @JsonPropertyDescription("Address the console listens on.")
    public String bind;
    /** Port. */
    @JsonPropertyDescription("Console port.")
    public Integer port;
    /** Database. */
    @JsonPropertyDescription("Console database.")
    public String database;
    /** Delay. */
    @JsonPropertyDescription("Delay before a destructive action takes effect, e.g. 7d.")
    public String destructiveDelay;
  }

  /** {@code upgrade}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Upgrade {
    /** Deadline. */
    @JsonPropertyDescription("How long an upgraded node has to become ready again before it is rolled back, e.g. 2h.")
    public String deadlinePerNode;
    /** Hold. */
    @JsonPropertyDescription("Settle time after a node is ready before the next one is touched, e.g. 10m.")
    public String holdOff;
  }

  /** {@code palisade}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Palisade {
    /** Image. */
    @JsonPropertyDescription("Palisade's own image, from the private registry, pinned by @sha256 digest.")
    public String image;
  }

  /** {@code firewall}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Firewall {
    /** Bastion. */
    @JsonPropertyDescription("IP or CIDR allowed to reach SSH on VMs.")
    public String sshBastion;
  }
}
