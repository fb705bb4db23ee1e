package io.palisade.spec;

import io.palisade.chain.GenesisParameters;
import io.palisade.chain.InvalidGenesisException;
import io.palisade.spec.binding.FieldPath;
import io.palisade.spec.binding.Problems;
import io.palisade.spec.yaml.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rules that span fields: what a type and a range cannot say. Each rule is one method; the binder has already
 * reported wrong types, so any field may be null here and a rule skips what it cannot see.
 */
final class PoolSpecValidator {
  private static final String STANDBY_NAME = "blockProducer.standby.name";

  private final PoolSpec spec;
  private final Path baseDir;
  private final Problems problems;
  private final Function<String, SourceLocation> locate;
  private GenesisParameters genesis;

  PoolSpecValidator(PoolSpec spec, Path baseDir, Problems problems, Function<String, SourceLocation> locate) {
    this.spec = spec;
    this.baseDir = baseDir;
    this.problems = problems;
    this.locate = locate;
  }

  /** Runs every rule; returns the loaded genesis, or null if the network could not be read. */
  GenesisParameters validate() {
    network();
    relayRedundancy();
    uniqueRegions();
    uniqueNodeNames();
    relayAddresses();
    peerAddresses();
    distinctPorts();
    imageFromPrivateRegistry();
    resourceLimits();
    consoleDelay();
    upgradePolicy();
    maintenance();
    hotKeyBundle();
    sshBastion();
    return genesis;
  }

  private void network() {
    if (spec.network() == null) {
      return;
    }
    try {
      genesis = spec.network().genesis(baseDir);
    } catch (InvalidGenesisException e) {
      error("network", e.getMessage());
    }
  }

  private void relayRedundancy() {
    if (spec.relays() == null || spec.network() == null || spec.relays().isEmpty()) {
      if (spec.relays() != null && spec.relays().isEmpty()) {
        error("relays", "at least one relay group is required: the block producer is never reachable directly");
      }
      return;
    }
    long relayCount = spec.relays().stream().filter(g -> g.count() != null).mapToLong(RelayGroupSpec::count).sum();
    long regions = spec.relays().stream().map(RelayGroupSpec::region).filter(r -> r != null).distinct().count();
    boolean mainnet = spec.network().isMainnet();
    if (relayCount < 2) {
      report(mainnet, "relays", "a pool needs at least two relays so the block producer keeps a path to the network"
          + " while one is down; found " + relayCount);
    }
    if (regions < 2) {
      report(mainnet, "relays", "relays should be spread over at least two regions so one outage cannot cut the pool"
          + " off; found " + regions);
    }
  }

  private void uniqueRegions() {
    Set<String> seen = new HashSet<>();
    List<RelayGroupSpec> relays = spec.relays() == null ? List.of() : spec.relays();
    for (int i = 0; i < relays.size(); i++) {
      String region = relays.get(i).region();
      if (region != null && !seen.add(region)) {
        error(FieldPath.field(FieldPath.item("relays", i), "region"),
            "region \"" + region + "\" is declared twice; put all its relays in one group and raise its count");
      }
    }
  }

  private void uniqueNodeNames() {
    if (spec.blockProducer() == null || spec.blockProducer().name() == null || spec.relays() == null) {
      return;
    }
    Map<String, String> owners = new HashMap<>();
    owners.put(spec.blockProducer().name(), "blockProducer.name");
    StandbySpec standby = spec.blockProducer().standby();
    if (standby != null && standby.name() != null && owners.putIfAbsent(standby.name(), STANDBY_NAME) != null) {
      error(STANDBY_NAME, "the standby's name \"" + standby.name() + "\" is the block producer's own; give the standby"
          + " a name of its own");
    }
    List<RelayGroupSpec> relays = spec.relays();
    for (int i = 0; i < relays.size(); i++) {
      RelayGroupSpec g = relays.get(i);
      if (g.region() == null || g.count() == null) {
        continue;
      }
      for (int n = 0; n < g.count(); n++) {
        String name = Names.relayName(g.region(), n);
        String path = FieldPath.field(FieldPath.item("relays", i), "region");
        String previous = owners.putIfAbsent(name, path);
        if (previous != null && previous.equals("blockProducer.name")) {
          error("blockProducer.name", "node name \"" + name + "\" is also the name of a relay in region "
              + g.region() + "; rename the block producer");
        } else if (previous != null && previous.equals(STANDBY_NAME)) {
          error(STANDBY_NAME, "node name \"" + name + "\" is also the name of a relay in region " + g.region()
              + "; rename the standby");
        }
      }
    }
  }

  private void relayAddresses() {
    List<RelayGroupSpec> relays = spec.relays() == null ? List.of() : spec.relays();
    for (int i = 0; i < relays.size(); i++) {
      String address = relays.get(i).publicAddress();
      if (address != null && !HostName.isValid(address)) {
        error(FieldPath.field(FieldPath.item("relays", i), "publicAddress"),
            "must be a DNS name or an IP address, was: \"" + address + "\"");
      }
    }
  }

  private void peerAddresses() {
    if (spec.peers() == null) {
      return;
    }
    checkPeers("peers.publicRoots", spec.peers().publicRoots());
    checkPeers("peers.bootstrapPeers", spec.peers().bootstrapPeers());
  }

  private void checkPeers(String path, List<PeerAddress> peers) {
    if (peers == null) {
      return; // an empty YAML value ("bootstrapPeers:") binds to null; nothing to check
    }
    for (int i = 0; i < peers.size(); i++) {
      String address = peers.get(i).address();
      if (address != null && !HostName.isValid(address)) {
        error(FieldPath.field(FieldPath.item(path, i), "address"),
            "must be a DNS name or an IP address, was: \"" + address + "\"");
      }
    }
  }

  private void distinctPorts() {
    PortsSpec ports = spec.ports();
    if (ports == null || ports.nodeToNode() == null || ports.metrics() == null || ports.agent() == null) {
      return;
    }
    if (ports.metrics().equals(ports.nodeToNode())) {
      error("ports.metrics", "must differ from ports.nodeToNode (" + ports.nodeToNode() + ")");
    }
    if (ports.agent().equals(ports.nodeToNode()) || ports.agent().equals(ports.metrics())) {
      error("ports.agent", "must differ from ports.nodeToNode and ports.metrics");
    }
  }

  private void imageFromPrivateRegistry() {
    RegistrySpec registry = spec.registry();
    if (registry == null) {
      return;
    }
    if (Boolean.FALSE.equals(registry.isPrivate())) {
      error("registry.private", "must be true: Palisade only runs images from a private registry, so nobody outside"
          + " the pool can replace them; make the registry private, then set private: true");
    }
    if (spec.node() != null && spec.node().image() != null && registry.host() != null
        && !spec.node().image().registry().equals(registry.host())) {
      error("node.image", "must come from the pool's registry " + registry.host() + ", was: "
          + spec.node().image().registry());
    }
    if (spec.palisade() != null && spec.palisade().image() != null && registry.host() != null
        && !spec.palisade().image().registry().equals(registry.host())) {
      error("palisade.image", "must come from the pool's registry " + registry.host() + ", was: "
          + spec.palisade().image().registry());
    }
  }

  private void resourceLimits() {
    if (spec.blockProducer() != null) {
      checkResources("blockProducer.resources", spec.blockProducer().resources());
      if (spec.blockProducer().standby() != null) {
        checkResources("blockProducer.standby.resources", spec.blockProducer().standby().resources());
      }
    }
    List<RelayGroupSpec> relays = spec.relays() == null ? List.of() : spec.relays();
    for (int i = 0; i < relays.size(); i++) {
      checkResources(FieldPath.field(FieldPath.item("relays", i), "resources"), relays.get(i).resources());
    }
  }

  private void checkResources(String path, ResourcesSpec r) {
    if (r == null || r.requests() == null || r.limits() == null) {
      return;
    }
    if (r.requests().cpu() != null && r.limits().cpu() != null && r.requests().cpu().compareTo(r.limits().cpu()) > 0) {
      error(path + ".limits.cpu", "must be at least requests.cpu (" + r.requests().cpu() + "), was: " + r.limits().cpu());
    }
    if (r.requests().memory() != null && r.limits().memory() != null
        && r.requests().memory().compareTo(r.limits().memory()) > 0) {
      error(path + ".limits.memory",
          "must be at least requests.memory (" + r.requests().memory() + "), was: " + r.limits().memory());
    }
  }

  private void consoleDelay() {
    if (spec.console() == null || spec.console().destructiveDelay() == null) {
      return;
    }
    if (spec.console().destructiveDelay().compareTo(ConsoleSpec.MINIMUM_DESTRUCTIVE_DELAY) < 0) {
      error("console.destructiveDelay", "must be at least 7d: destructive actions always wait seven days, was: "
          + io.palisade.spec.binding.DurationText.format(spec.console().destructiveDelay()));
    }
  }

  private void maintenance() {
    MaintenanceSpec m = spec.blockProducer() == null ? null : spec.blockProducer().maintenance();
    if (m == null) {
      return;
    }
    String p = "blockProducer.maintenance.";
    if (m.margin() != null && (m.margin().isNegative() || m.margin().compareTo(MaintenanceSpec.MAX_MARGIN) > 0)) {
      error(p + "margin", "must be between 0s and 1h (added to every free window the block producer's maintenance"
          + " needs), was: " + text(m.margin()));
    }
    if (m.waitLimit() != null && (m.waitLimit().compareTo(MaintenanceSpec.MIN_WAIT_LIMIT) < 0
        || m.waitLimit().compareTo(MaintenanceSpec.MAX_WAIT_LIMIT) > 0)) {
      error(p + "waitLimit", "must be between 1m and 7d (a longer wait for a free window is flagged for an"
          + " operator), was: " + text(m.waitLimit()));
    }
    if (m.clockTolerance() != null && (m.clockTolerance().compareTo(MaintenanceSpec.MIN_CLOCK_TOLERANCE) < 0
        || m.clockTolerance().compareTo(MaintenanceSpec.MAX_CLOCK_TOLERANCE) > 0)) {
      error(p + "clockTolerance", "must be between 10s and 30m (how far the host clock and the block producer's"
          + " tip may disagree), was: " + text(m.clockTolerance()));
    }
  }

  private static String text(java.time.Duration d) {
    return d.isNegative() ? "-" + io.palisade.spec.binding.DurationText.format(d.negated())
        : io.palisade.spec.binding.DurationText.format(d);
  }

  private void upgradePolicy() {
    if (spec.upgrade() == null || spec.upgrade().deadlinePerNode() == null) {
      return;
    }
    if (spec.upgrade().deadlinePerNode().toSeconds() < 10) {
      error("upgrade.deadlinePerNode", "must be at least 10s; a node cannot restart faster, was: "
          + io.palisade.spec.binding.DurationText.format(spec.upgrade().deadlinePerNode()));
    }
  }

  private void hotKeyBundle() {
    if (spec.keys() == null || spec.keys().hotKeyBundle() == null) {
      return;
    }
    Path bundle = baseDir.resolve(spec.keys().hotKeyBundle()).normalize();
    if (!Files.isRegularFile(bundle)) {
      problems.warning("keys.hotKeyBundle", locate.apply("keys.hotKeyBundle"),
          "no file at " + bundle + " yet; the block producer cannot forge until 'palisade keys rotate' writes it");
    }
  }

  private void sshBastion() {
    if (spec.firewall() == null || spec.firewall().sshBastion() == null) {
      return;
    }
    String bastion = spec.firewall().sshBastion();
    int slash = bastion.indexOf('/');
    String address = slash < 0 ? bastion : bastion.substring(0, slash);
    boolean prefixOk = slash < 0 || bastion.substring(slash + 1).matches("[0-9]{1,3}");
    if (!HostName.isIpLiteral(address) || !prefixOk) {
      error("firewall.sshBastion", "must be an IP address or CIDR block (a firewall cannot match a name), was: \""
          + bastion + "\"");
    }
  }

  private void report(boolean asError, String path, String message) {
    if (asError) {
      error(path, message + " (required on mainnet)");
    } else {
      problems.warning(path, locate.apply(path), message);
    }
  }

  private void error(String path, String message) {
    problems.error(path, locate.apply(path), message);
  }
}
