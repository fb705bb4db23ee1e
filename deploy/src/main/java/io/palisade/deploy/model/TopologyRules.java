package io.palisade.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules a topology.json must follow, as cardano-node 10.6+ parses it (ouroboros-network's P2P topology parser and
 * cardano-node's start-up checks) plus Palisade's roles. Each method returns every violation found, each naming the
 * JSON path; an empty list means the topology passes.
 */
public final class TopologyRules {
  private TopologyRules() {}

  /**
   * The P2P format: what the node parses, and the start-up checks it makes.
   *
   * @param topology a parsed topology.json
   * @return violations, empty when valid
   */
  public static List<String> format(JsonNode topology) {
    List<String> errors = new ArrayList<>();
    if (topology == null || !topology.isObject()) {
      errors.add("$: must be a JSON object");
      return errors;
    }
    if (topology.has("Producers")) {
      errors.add("$.Producers: the legacy non-P2P format; cardano-node 10.6 and later refuse it");
    }
    JsonNode localRoots = topology.get("localRoots");
    boolean trustablePeer = false;
    if (localRoots == null || !localRoots.isArray()) {
      errors.add("$.localRoots: required, an array of groups");
    } else {
      for (int i = 0; i < localRoots.size(); i++) {
        String path = "$.localRoots[" + i + "]";
        JsonNode group = localRoots.get(i);
        if (group.has("localRoots")) {
          errors.add(path + ": the removed legacy-P2P nesting {\"localRoots\": ...}");
          continue;
        }
        int points = accessPoints(group, path, errors);
        JsonNode hot = group.has("hotValency") ? group.get("hotValency") : group.get("valency");
        if (hot == null || !hot.canConvertToInt() || hot.asInt() < 0) {
          errors.add(path + ": needs hotValency (or valency), a number >= 0");
        } else {
          JsonNode warm = group.get("warmValency");
          if (warm != null && (!warm.canConvertToInt() || warm.asInt() < hot.asInt())) {
            errors.add(path + ".warmValency: must be a number >= hotValency (" + hot.asInt() + ")");
          }
        }
        booleanField(group, "advertise", path, errors);
        booleanField(group, "trustable", path, errors);
        if (group.path("trustable").asBoolean(false) && points > 0) {
          trustablePeer = true;
        }
      }
    }
    JsonNode publicRoots = topology.get("publicRoots");
    if (publicRoots == null || !publicRoots.isArray()) {
      errors.add("$.publicRoots: required, an array of groups (may be empty)");
    } else {
      for (int i = 0; i < publicRoots.size(); i++) {
        String path = "$.publicRoots[" + i + "]";
        if (publicRoots.get(i).has("publicRoots")) {
          errors.add(path + ": the removed legacy-P2P nesting {\"publicRoots\": ...}");
          continue;
        }
        accessPoints(publicRoots.get(i), path, errors);
        booleanField(publicRoots.get(i), "advertise", path, errors);
      }
    }
    JsonNode bootstrap = topology.get("bootstrapPeers");
    if (bootstrap != null && !bootstrap.isNull()) {
      if (!bootstrap.isArray()) {
        errors.add("$.bootstrapPeers: must be null or an array of {address, port}");
      } else {
        for (int i = 0; i < bootstrap.size(); i++) {
          accessPoint(bootstrap.get(i), "$.bootstrapPeers[" + i + "]", errors);
        }
        if (bootstrap.isEmpty() && !trustablePeer) {
          errors.add("$.bootstrapPeers: an empty list needs a trustable local-root group with peers (the node"
              + " refuses to start: \"You seem to have not configured any trustable peers\")");
        }
      }
    }
    JsonNode ledger = topology.get("useLedgerAfterSlot");
    if (ledger != null && !ledger.isIntegralNumber()) {
      errors.add("$.useLedgerAfterSlot: must be an integer (negative: never use ledger peers)");
    }
    JsonNode snapshot = topology.get("peerSnapshotFile");
    if (snapshot != null && !snapshot.isNull() && (!snapshot.isTextual() || snapshot.asText().isBlank())) {
      errors.add("$.peerSnapshotFile: must be a file name");
    }
    return errors;
  }

  /**
   * A block producer's topology: the format, and only its own relays, in one trustable group with hotValency equal
   * to their number; no public roots, no bootstrap peers, no ledger peers, no peer snapshot.
   *
   * @param topology the block producer's topology.json
   * @param relays where the pool's relays are reached
   * @return violations, empty when valid
   */
  public static List<String> blockProducer(JsonNode topology, Collection<PeerEndpoint> relays) {
    List<String> errors = format(topology);
    if (!errors.isEmpty()) {
      return errors;
    }
    JsonNode groups = topology.get("localRoots");
    if (groups.size() != 1) {
      errors.add("$.localRoots: a block producer has exactly one group (its relays), found " + groups.size());
    } else {
      JsonNode group = groups.get(0);
      Set<PeerEndpoint> found = new HashSet<>();
      for (JsonNode p : group.get("accessPoints")) {
        found.add(new PeerEndpoint(p.path("address").asText("?"), p.path("port").asInt(0)));
      }
      if (!found.equals(new HashSet<>(relays))) {
        errors.add("$.localRoots[0].accessPoints: must be exactly the pool's relays " + relays + ", was: " + found);
      }
      if (!group.path("trustable").asBoolean(false)) {
        errors.add("$.localRoots[0].trustable: must be true");
      }
      if (group.path("advertise").asBoolean(false)) {
        errors.add("$.localRoots[0].advertise: must be false");
      }
      JsonNode hot = group.has("hotValency") ? group.get("hotValency") : group.get("valency");
      if (hot.asInt() != relays.size()) {
        errors.add("$.localRoots[0].hotValency: must be the number of relays (" + relays.size() + "), was: "
            + hot.asInt());
      }
    }
    for (JsonNode g : topology.get("publicRoots")) {
      if (g.path("accessPoints").size() > 0) {
        errors.add("$.publicRoots: a block producer has no public roots");
        break;
      }
    }
    JsonNode bootstrap = topology.get("bootstrapPeers");
    if (bootstrap != null && bootstrap.isArray() && !bootstrap.isEmpty()) {
      errors.add("$.bootstrapPeers: a block producer has no bootstrap peers");
    }
    if (topology.path("useLedgerAfterSlot").asLong(0) >= 0 || !topology.has("useLedgerAfterSlot")) {
      errors.add("$.useLedgerAfterSlot: must be -1 on a block producer (never take peers from the ledger)");
    }
    if (topology.hasNonNull("peerSnapshotFile")) {
      errors.add("$.peerSnapshotFile: a block producer takes no peers from a snapshot");
    }
    return errors;
  }

  /**
   * A relay's topology: the format, the block producer in a trustable group, and the block producer never advertised.
   *
   * @param topology the relay's topology.json
   * @param blockProducer where the pool's block producer is reached
   * @return violations, empty when valid
   */
  public static List<String> relay(JsonNode topology, PeerEndpoint blockProducer) {
    List<String> errors = format(topology);
    if (!errors.isEmpty()) {
      return errors;
    }
    boolean trusted = false;
    JsonNode groups = topology.get("localRoots");
    for (int i = 0; i < groups.size(); i++) {
      JsonNode group = groups.get(i);
      for (JsonNode p : group.get("accessPoints")) {
        if (p.path("address").asText().equals(blockProducer.host()) && p.path("port").asInt() == blockProducer.port()) {
          trusted |= group.path("trustable").asBoolean(false);
          if (group.path("advertise").asBoolean(false)) {
            errors.add("$.localRoots[" + i + "].advertise: the group holding the block producer must not be"
                + " advertised (peer sharing would publish its address)");
          }
        }
      }
    }
    if (!trusted) {
      errors.add("$.localRoots: the block producer " + blockProducer.host() + ":" + blockProducer.port()
          + " must be in a trustable group");
    }
    return errors;
  }

  private static int accessPoints(JsonNode group, String path, List<String> errors) {
    JsonNode points = group.get("accessPoints");
    if (points == null || !points.isArray()) {
      errors.add(path + ".accessPoints: required, an array of {address, port}");
      return 0;
    }
    for (int j = 0; j < points.size(); j++) {
      accessPoint(points.get(j), path + ".accessPoints[" + j + "]", errors);
    }
    return points.size();
  }

  private static void accessPoint(JsonNode point, String path, List<String> errors) {
    if (!point.isObject() || !point.path("address").isTextual() || point.get("address").asText().isBlank()) {
      errors.add(path + ".address: required, a DNS name or IP address");
      return;
    }
    JsonNode port = point.get("port");
    // Without a port the node looks up SRV records (node-to-node v15), so a missing port is allowed.
    if (port != null && (!port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535)) {
      errors.add(path + ".port: must be between 1 and 65535");
    }
  }

  private static void booleanField(JsonNode group, String field, String path, List<String> errors) {
    JsonNode value = group.get(field);
    if (value != null && !value.isBoolean()) {
      errors.add(path + "." + field + ": must be true or false");
    }
  }
}
