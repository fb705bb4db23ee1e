package io.palisade.simnode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments of {@code cardano-node run} that the simulated node accepts, with the same names and meaning.
 *
 * @param topology {@code --topology}: the P2P topology file
 * @param databasePath {@code --database-path}: the chain database directory
 * @param socketPath {@code --socket-path}: the node-to-client socket (recorded, not served)
 * @param port {@code --port}: the node-to-node port
 * @param config {@code --config}: the node configuration file
 * @param hostAddr {@code --host-addr}: the address to listen on (default 0.0.0.0 as cardano-node; Palisade passes
 *     127.0.0.1)
 * @param kesKey {@code --shelley-kes-key}, or empty for a relay
 * @param vrfKey {@code --shelley-vrf-key}, or empty for a relay
 * @param operationalCertificate {@code --shelley-operational-certificate}, or empty for a relay
 * @param nonProducing {@code --start-as-non-producing-node}: credentials given, but no forging (a standby producer;
 *     {@code forging_enabled} 0)
 */
public record RunArguments(
    Path topology,
    Path databasePath,
    Path socketPath,
    int port,
    Path config,
    String hostAddr,
    Optional<Path> kesKey,
    Optional<Path> vrfKey,
    Optional<Path> operationalCertificate,
    boolean nonProducing) {

  /** Checks the required fields. */
  public RunArguments {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(databasePath, "databasePath");
    Objects.requireNonNull(socketPath, "socketPath");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(hostAddr, "hostAddr");
  }

  /** Whether block-producer credentials were given (all three, as cardano-node requires). */
  public boolean isBlockProducer() {
    return operationalCertificate.isPresent();
  }

  /**
   * Parses the arguments after {@code run}.
   *
   * @param args the arguments
   * @return the parsed arguments
   * @throws IllegalArgumentException naming the flag that is missing, unknown or malformed
   */
  public static RunArguments parse(List<String> args) {
    Path topology = null;
    Path db = null;
    Path socket = null;
    Integer port = null;
    Path config = null;
    String host = "0.0.0.0";
    Path kes = null;
    Path vrf = null;
    Path opcert = null;
    boolean nonProducing = false;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      if (flag.equals("--start-as-non-producing-node")) {
        nonProducing = true;
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args.get(++i);
      switch (flag) {
        case "--topology" -> topology = Path.of(value);
        case "--database-path" -> db = Path.of(value);
        case "--socket-path" -> socket = Path.of(value);
        case "--config" -> config = Path.of(value);
        case "--host-addr" -> host = value;
        case "--shelley-kes-key" -> kes = Path.of(value);
        case "--shelley-vrf-key" -> vrf = Path.of(value);
        case "--shelley-operational-certificate" -> opcert = Path.of(value);
        case "--port" -> {
          try {
            port = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            port = -1;
          }
          if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be a port number 0-65535, was: \"" + value + "\"");
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + flag + " (the simulated node takes"
            + " cardano-node's run options: --topology --database-path --socket-path --port --config [--host-addr]"
            + " [--shelley-kes-key --shelley-vrf-key --shelley-operational-certificate]"
            + " [--start-as-non-producing-node])");
      }
    }
    List<String> missing = new ArrayList<>();
    if (topology == null) {
      missing.add("--topology");
    }
    if (db == null) {
      missing.add("--database-path");
    }
    if (socket == null) {
      missing.add("--socket-path");
    }
    if (port == null) {
      missing.add("--port");
    }
    if (config == null) {
      missing.add("--config");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing " + String.join(", ", missing));
    }
    int credentials = (kes == null ? 0 : 1) + (vrf == null ? 0 : 1) + (opcert == null ? 0 : 1);
    if (credentials != 0 && credentials != 3) {
      throw new IllegalArgumentException("a block producer needs all of --shelley-kes-key, --shelley-vrf-key and"
          + " --shelley-operational-certificate");
    }
    return new RunArguments(topology, db, socket, port, config, host, Optional.ofNullable(kes),
        Optional.ofNullable(vrf), Optional.ofNullable(opcert), nonProducing);
  }

  /** The arguments as cardano-node takes them, after {@code run}. */
  public List<String> toList() {
    List<String> out = new ArrayList<>(List.of("--topology", topology.toString(), "--database-path",
        databasePath.toString(), "--socket-path", socketPath.toString(), "--port", Integer.toString(port),
        "--config", config.toString(), "--host-addr", hostAddr));
    kesKey.ifPresent(k -> out.addAll(List.of("--shelley-kes-key", k.toString())));
    vrfKey.ifPresent(k -> out.addAll(List.of("--shelley-vrf-key", k.toString())));
    operationalCertificate.ifPresent(k -> out.addAll(List.of("--shelley-operational-certificate", k.toString())));
    if (nonProducing) {
      out.add("--start-as-non-producing-node");
    }
    return out;
  }
}
