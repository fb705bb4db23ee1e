package io.palisade.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.agent.ForgeCounters;
import io.palisade.agent.HealthReport;
import io.palisade.agent.KesStatus;
import io.palisade.agent.PortProbeResult;
import io.palisade.agent.ScrapeWindow;
import io.palisade.ouroboros.ChainTip;
import io.palisade.spec.NodeRole;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The {@code /status} document (also what {@code palisade agent check --json} prints). Field names are a contract for
 * scripts and the console; unknown values are left out, never written as 0.
 */
public final class StatusJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatusJson() {}

  /** The report as a JSON tree. */
  public static ObjectNode tree(HealthReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("state", r.state().name());
    root.put("started", r.started());
    root.put("live", r.live());
    root.put("ready", r.ready());
    root.put("role", roleName(r.role()));
    root.put("observedAt", r.observedAt().toString());
    ObjectNode tip = root.putObject("tip");
    put(tip, "slot", r.tipSlot());
    put(tip, "block", r.tipBlock());
    root.put("expectedSlot", r.expectedSlot());
    put(root, "gap", r.gap());
    ObjectNode peers = root.putObject("peers");
    put(peers, "hot", r.hotPeers());
    put(peers, "warm", r.warmPeers());
    r.replayProgress().ifPresent(p -> root.put("replayProgress", p));
    r.forgingEnabled().ifPresent(f -> root.put("forgingEnabled", f));
    forge(root, r.forge(), r.forgeScrape());
    r.nodeVersion().ifPresent(v -> root.put("nodeVersion", v));
    r.kes().ifPresent(k -> kes(root.putObject("kes"), k));
    r.port().ifPresent(p -> port(root.putObject("port"), p));
    ArrayNode reasons = root.putArray("reasons");
    r.reasons().forEach(reasons::add);
    root.put("metricsFailures", r.metricsFailures());
    root.put("portFailures", r.portFailures());
    r.tipProgress().ifPresent(p -> root.put("tipUnchangedSince", p.since().toString()));
    put(root, "nodeStartTime", r.nodeStartTime());
    root.put("observations", r.observations());
    return root;
  }

  /** The report as indented JSON text. */
  public static String write(HealthReport r) {
    try {
      return MAPPER.writeValueAsString(tree(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the status as JSON", e);
    }
  }

  /**
   * {@code "forge": {"adopted": n, "didntAdopt": n, "forgedInvalid": n, "couldNotForge": n, "blockFromFuture": n,
   * "nodeIsLeader": n}}: each counter only when the node exposes it, the object only when one is known; with it
   * {@code "forgeScrape": {"start": t, "end": t}}, when they were sampled (a contract: the operator's slot ledger
   * reads both, and brackets a leader slot only with counters it knows to be from before it and from after it).
   */
  private static void forge(ObjectNode root, ForgeCounters forge, ScrapeWindow scrape) {
    if (forge.isEmpty()) {
      return;
    }
    ObjectNode o = root.putObject("forge");
    forge.values().forEach((outcome, value) -> o.put(outcome.json(), value));
    ObjectNode when = root.putObject("forgeScrape");
    when.put("start", scrape.start().toString());
    when.put("end", scrape.end().toString());
  }

  private static void kes(ObjectNode o, KesStatus k) {
    o.put("currentPeriod", k.currentPeriod());
    o.put("periodsRemaining", k.periodsRemaining());
    o.put("expiresAt", k.expiresAt().toString());
    o.put("opcertStartPeriod", k.opcertStartPeriod());
    o.put("opcertExpiryPeriod", k.opcertExpiryPeriod());
    put(o, "opcertCounter", k.opcertCounter());
    put(o, "nodeRemainingPeriods", k.nodeRemainingPeriods());
    o.put("warning", k.warning().name());
    o.put("validFrom", k.validFrom().toString());
    o.put("validYet", k.validYet());
    o.put("basis", k.basis());
  }

  private static void port(ObjectNode o, PortProbeResult p) {
    o.put("outcome", p.outcome().name());
    ArrayNode versions = o.putArray("versions");
    p.versions().forEach(versions::add);
    p.tip().ifPresent(t -> tip(o.putObject("tip"), t));
    if (!p.detail().isEmpty()) {
      o.put("detail", p.detail());
    }
    o.put("tookMillis", p.took().toMillis());
  }

  private static void tip(ObjectNode o, ChainTip t) {
    put(o, "slot", t.slot());
    o.put("block", t.blockNo());
    if (t.point() instanceof io.palisade.ouroboros.Point.BlockPoint b) {
      o.put("hash", b.hash());
    }
  }

  private static void put(ObjectNode o, String field, OptionalLong value) {
    value.ifPresent(v -> o.put(field, v));
  }

  /** The role as written in JSON and text ({@code block-producer}, {@code relay}). */
  public static String roleName(NodeRole role) {
    return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
