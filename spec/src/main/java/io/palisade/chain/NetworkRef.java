package io.palisade.chain;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The network a pool runs on: one of the bundled public networks, or a directory with a custom network's genesis.
 *
 * @param known the public network, or empty for a custom one
 * @param directory the custom network's directory, or empty for a public one
 */
public record NetworkRef(Optional<KnownNetwork> known, Optional<Path> directory) {

  /** Exactly one of the two is present. */
  public NetworkRef {
    Objects.requireNonNull(known, "known");
    Objects.requireNonNull(directory, "directory");
    if (known.isPresent() == directory.isPresent()) {
      throw new IllegalArgumentException("a network is either a known network or a directory, not both or neither");
    }
  }

  /**
   * Parses {@code mainnet}, {@code preprod}, {@code preview}, or a path to a custom network directory (a value that
   * contains a slash or starts with a dot).
   *
   * @param text the value from pool.yaml or the command line
   * @return the reference
   * @throws IllegalArgumentException naming the accepted values
   */
  public static NetworkRef parse(String text) {
    Objects.requireNonNull(text, "network");
    Optional<KnownNetwork> known = KnownNetwork.byId(text.trim());
    if (known.isPresent()) {
      return new NetworkRef(known, Optional.empty());
    }
    if (text.contains("/") || text.startsWith(".")) {
      return new NetworkRef(Optional.empty(), Optional.of(Path.of(text)));
    }
    throw new IllegalArgumentException(
        "must be mainnet, preprod, preview or a path to a custom network directory (e.g. ./my-testnet), was: \""
            + text + "\"");
  }

  /** A reference to a bundled public network. */
  public static NetworkRef of(KnownNetwork network) {
    return new NetworkRef(Optional.of(network), Optional.empty());
  }

  /** Whether this is Cardano mainnet. */
  public boolean isMainnet() {
    return known.filter(n -> n == KnownNetwork.MAINNET).isPresent();
  }

  /**
   * Loads the genesis parameters.
   *
   * @param baseDir directory a relative custom path is resolved against (the pool.yaml's directory)
   * @return the genesis
   * @throws InvalidGenesisException if a custom directory is missing or malformed
   */
  public GenesisParameters genesis(Path baseDir) {
    return known.map(KnownNetwork::genesis)
        .orElseGet(() -> GenesisReader.readDirectory(baseDir.resolve(directory.orElseThrow())));
  }

  /** The network's name as written in pool.yaml. */
  @Override
  public String toString() {
    return known.map(KnownNetwork::id).orElseGet(() -> directory.orElseThrow().toString());
  }
}
