package io.palisade.simnode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.palisade.simnode.forge.ForgeFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Faults injected into a simulated node for tests and demos, read from JSON fault files such as
 * {@code {"neverReadyVersions": ["10.6.0"]}}. Every field is optional. The node reads its files at start and every
 * half second, so a fault can be switched on and off while it runs.
 *
 * @param crash exit with status 1 (at once, and at every start while set)
 * @param crashVersions exit with status 1 shortly after starting when running one of these versions
 * @param hang stop answering: metrics and the node-to-node port go silent, the process stays alive
 * @param stopSyncing the tip stops moving
 * @param neverReadyVersions when running one of these versions, the node stays far behind the chain (never ready)
 * @param loseSlotBattles a block producer's every forged block loses a slot battle (not adopted)
 * @param loseHeightBattles a block producer's every forged block is adopted, then lost to a longer fork
 * @param kesExpired a block producer acts as if its KES key could not be evolved (an expired operational certificate)
 * @param notSynced the node stays far behind the chain, whatever its version: a block producer's forge loop has no
 *     ledger view ({@code TraceNoLedgerView})
 * @param clockBehindSeconds the node's clock is this many seconds behind the chain's (0 to {@link #MAX_SKEW_SECONDS}):
 *     its forge loop checks each slot that late, and a tip already in a later slot stops the check
 *     ({@code TraceBlockFromFuture})
 * @param partitioned the node's network is cut: metrics requests get no answer (the scraper times out), the
 *     node-to-node port refuses connections, the node reaches no peer (its tip stops moving, its peers are cold),
 *     while the process keeps running, answers signals, keeps its node-to-client socket (a local socket is not on the
 *     network) and, with credentials, keeps forging on its own fork
 * @param reachableFrom the IP addresses (literals) whose metrics requests still get through a partition: the node's
 *     own host, as an operator's console or a test's observer on it (an {@code iptables ! -s ADDRESS -j DROP} rule)
 */
public record Faults(
    boolean crash, Set<String> crashVersions, boolean hang, boolean stopSyncing, Set<String> neverReadyVersions,
    boolean loseSlotBattles, boolean loseHeightBattles, boolean kesExpired, boolean notSynced,
    int clockBehindSeconds, boolean partitioned, Set<String> reachableFrom) {
  /** No fault. */
  public static final Faults NONE = new Faults(false, Set.of(), false, false, Set.of(), false, false, false, false, 0,
      false, Set.of());

  /** The most addresses {@code reachableFrom} may name. */
  public static final int MAX_REACHABLE_FROM = 16;

  /** The largest clock skew a fault file may ask for: a day. */
  public static final int MAX_SKEW_SECONDS = 86_400;

  /** The field names, for messages. */
  static final String FIELDS = "crash, crashVersions, hang, stopSyncing, neverReadyVersions, loseSlotBattles,"
      + " loseHeightBattles, kesExpired, notSynced, clockBehindSeconds, partitioned, reachableFrom";

  /** The environment variable listing the fault files (separated by the path separator, ':' on Linux). */
  public static final String ENV = "PALISADE_SIMNODE_FAULTS";

  private static final int MAX_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
  }

  /**
   * Null sets become empty; a skew out of range is refused, and so is a {@code reachableFrom} entry that is not an IP
   * literal (a host name would make the node ask DNS from inside a partition) or a list longer than
   * {@link #MAX_REACHABLE_FROM}. Addresses are kept in their canonical form ({@code ::1}, {@code 127.0.0.2}).
   */
  public Faults {
    if (clockBehindSeconds < 0 || clockBehindSeconds > MAX_SKEW_SECONDS) {
      throw new IllegalArgumentException("clockBehindSeconds must be 0 to " + MAX_SKEW_SECONDS + ", was "
          + clockBehindSeconds);
    }
    crashVersions = crashVersions == null ? Set.of() : Set.copyOf(crashVersions);
    neverReadyVersions = neverReadyVersions == null ? Set.of() : Set.copyOf(neverReadyVersions);
    reachableFrom = reachableFrom == null ? Set.of() : IpLiterals.canonical(reachableFrom, MAX_REACHABLE_FROM);
  }

  /** Every fault of either set. */
  public Faults plus(Faults o) {
    Set<String> crashV = new LinkedHashSet<>(crashVersions);
    crashV.addAll(o.crashVersions);
    Set<String> never = new LinkedHashSet<>(neverReadyVersions);
    never.addAll(o.neverReadyVersions);
    return new Faults(crash || o.crash, crashV, hang || o.hang, stopSyncing || o.stopSyncing, never,
        loseSlotBattles || o.loseSlotBattles, loseHeightBattles || o.loseHeightBattles, kesExpired || o.kesExpired,
        notSynced || o.notSynced, Math.max(clockBehindSeconds, o.clockBehindSeconds), partitioned || o.partitioned,
        union(reachableFrom, o.reachableFrom));
  }

  /**
   * Whether a connection from {@code source} gets through now: always without a partition; during one, only from an
   * address {@code reachableFrom} names.
   *
   * @param source the connection's remote address
   * @return whether it is answered
   */
  public boolean reaches(java.net.InetAddress source) {
    return !partitioned || (source != null && reachableFrom.contains(source.getHostAddress()));
  }

  /**
   * The node log's line when a partition starts or heals.
   *
   * @param producer whether the node is a block producer
   * @return the line
   */
  String partitionLine(boolean producer) {
    return !partitioned ? "Network partition healed: peers reachable again"
        : "Network partitioned: no peer reachable, the node-to-node port refuses connections, metrics answer only "
            + (reachableFrom.isEmpty() ? "nobody" : String.join(", ", new java.util.TreeSet<>(reachableFrom)))
            + (producer ? "; the forge loop goes on (on this node's own fork)" : "");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    // More than the bound across files is refused by the constructor, and the watcher logs and ignores the files.
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** Whether a node running {@code version} is held far behind the chain (never ready, or not synced). */
  public boolean holdsBack(String version) {
    return notSynced || neverReadyVersions.contains(version);
  }

  /** The faults the forge loop obeys. */
  public ForgeFaults forge() {
    return new ForgeFaults(kesExpired, loseSlotBattles, loseHeightBattles, partitioned);
  }

  /**
   * Reads one fault file. A missing or empty file means no fault.
   *
   * @param file the file
   * @return its faults
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static Faults read(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": a fault file is at most " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return NONE;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return NONE;
    }
    try {
      Faults f = JSON.readValue(bytes, Faults.class);
      return f == null ? NONE : f;
    } catch (JsonMappingException e) {
      String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
      throw new IllegalArgumentException(file + ": not a fault file: " + why
          + " (fields: " + FIELDS + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every file named in {@code spec} (separated by the path separator) and combines them.
   *
   * @param spec the value of {@link #ENV}, or null
   * @return the combined faults
   */
  public static Faults readAll(String spec) {
    Faults all = NONE;
    for (Path p : files(spec)) {
      all = all.plus(read(p));
    }
    return all;
  }

  /** The files named in {@code spec}. */
  public static List<Path> files(String spec) {
    List<Path> out = new ArrayList<>();
    if (spec != null) {
      for (String s : spec.split(java.io.File.pathSeparator)) {
        if (!s.isBlank()) {
          out.add(Path.of(s.trim()));
        }
      }
    }
    return out;
  }
}
