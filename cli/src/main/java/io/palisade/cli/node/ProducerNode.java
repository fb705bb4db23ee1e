package io.palisade.cli.node;

import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.KeysException;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.PoolId;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.RunningProducer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The block producer a command asks over its node-to-client socket, and the facts of the pool that go with it, from
 * the command line or from the pool {@code palisade up} runs:
 *
 * <ul>
 *   <li>{@code --socket-path} given: everything comes from flags ({@code --network}, the pool id, the VRF key);
 *   <li>else, when a block producer runs in the runtime's data directory: its socket and the credential files its
 *       process was started with, the pool's network; a flag still overrides each of them;
 *   <li>else {@code CARDANO_NODE_SOCKET_PATH} (cardano-cli's variable), with everything else from flags.
 * </ul>
 *
 * @param socket the node's socket
 * @param network the network
 * @param networkBase what a custom network's relative path resolves against
 * @param pool the pool
 * @param vrfKey the pool's VRF signing key, if known
 * @param source where the node was found, for people
 */
public record ProducerNode(
    Path socket, NetworkRef network, Path networkBase, PoolId pool, Optional<Path> vrfKey, String source) {

  /** cardano-cli's environment variable for the node socket. */
  public static final String SOCKET_ENV = "CARDANO_NODE_SOCKET_PATH";

  /**
   * The flags a command offers; null when not given.
   *
   * @param socketPath {@code --socket-path}
   * @param network {@code --network}
   * @param poolId the pool id flag (hex or bech32)
   * @param poolIdFlag the pool id flag's name, for messages
   * @param vrfKey {@code --vrf-signing-key-file}
   * @param dataDir the runtime's data directory ({@code --data-dir} or its default)
   */
  public record Flags(Path socketPath, String network, String poolId, String poolIdFlag, Path vrfKey, Path dataDir) {}

  /**
   * Resolves the node and the pool's facts.
   *
   * @param flags the command's flags
   * @param env the environment
   * @return the block producer to ask
   * @throws ExitException 2 when a fact is missing or malformed, 4 when the pool in the data directory has no running
   *     block producer
   */
  public static ProducerNode resolve(Flags flags, Map<String, String> env) {
    if (flags.socketPath() != null) {
      return fromFlags(flags, flags.socketPath(), "--socket-path " + flags.socketPath());
    }
    Optional<RunningProducer> running = running(flags.dataDir());
    if (running.isPresent()) {
      RunningProducer r = running.get();
      NetworkRef network = flags.network() != null ? network(flags.network()) : r.network();
      Path base = flags.network() != null ? Path.of(".") : r.networkBase();
      PoolId pool = flags.poolId() != null ? pool(flags) : poolOf(r.operationalCertificate());
      Path vrf = flags.vrfKey() != null ? flags.vrfKey() : r.vrfKey();
      return new ProducerNode(r.socket(), network, base, pool, Optional.of(vrf), "the block producer '" + r.node()
          + "' of the pool in " + flags.dataDir());
    }
    String fromEnv = env.get(SOCKET_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromFlags(flags, Path.of(fromEnv), SOCKET_ENV + "=" + fromEnv);
    }
    if (Files.exists(flags.dataDir().resolve("pool.json"))) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "the pool in " + flags.dataDir() + " has no block producer"
          + " running now (is 'palisade up' running?); or give --socket-path");
    }
    throw new ExitException(ExitCodes.INVALID_INPUT, "no node to ask: give --socket-path (or set " + SOCKET_ENV
        + "), or run the pool with 'palisade up' (no pool in " + flags.dataDir() + ")");
  }

  private static ProducerNode fromFlags(Flags flags, Path socket, String source) {
    if (flags.network() == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--network is needed with " + source
          + " (the pool's own network comes with it only from the pool 'palisade up' runs)");
    }
    if (flags.poolId() == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, flags.poolIdFlag() + " is needed with " + source);
    }
    return new ProducerNode(socket, network(flags.network()), Path.of("."), pool(flags),
        Optional.ofNullable(flags.vrfKey()), source);
  }

  private static Optional<RunningProducer> running(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return Optional.empty();
    }
    try {
      return RunningProducer.find(new DataDir(dataDir));
    } catch (IOException | RuntimeException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "cannot read the pool in " + dataDir + ": " + e.getMessage(),
          e);
    }
  }

  private static NetworkRef network(String text) {
    try {
      return NetworkRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--network " + e.getMessage(), e);
    }
  }

  private static PoolId pool(Flags flags) {
    try {
      return PoolId.parse(flags.poolId());
    } catch (KeysException | IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, flags.poolIdFlag() + ": " + e.getMessage(), e);
    }
  }

  private static PoolId poolOf(Path opcert) {
    try {
      return OperationalCertificate.read(opcert).poolId();
    } catch (KeysException | IllegalArgumentException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot read the running block producer's operational"
          + " certificate " + opcert + ": " + e.getMessage(), e);
    }
  }

  /** The pool id as the node's ledger keys it. */
  public io.palisade.ouroboros.n2c.PoolId ledgerPoolId() {
    return new io.palisade.ouroboros.n2c.PoolId(pool.hex());
  }
}
