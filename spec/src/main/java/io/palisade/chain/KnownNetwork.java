package io.palisade.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The public networks whose official genesis files ship inside Palisade (copied verbatim from the Cardano operations
 * book, book.play.dev.cardano.org/environments).
 */
public enum KnownNetwork {
  /** Cardano mainnet; Shelley began at epoch 208. */
  MAINNET("mainnet", 208),
  /** The pre-production testnet; Shelley began at epoch 4. */
  PREPROD("preprod", 4),
  /** The preview testnet; Shelley-based from epoch 0. */
  PREVIEW("preview", 0);

  /** The genesis files shipped for each network, in the names the node's config.json gives them. */
  public static final List<String> GENESIS_FILES =
      List.of("byron-genesis.json", "shelley-genesis.json", "alonzo-genesis.json", "conway-genesis.json");

  private final String id;
  private final long shelleyTransitionEpoch;

  KnownNetwork(String id, long shelleyTransitionEpoch) {
    this.id = id;
    this.shelleyTransitionEpoch = shelleyTransitionEpoch;
  }

  /** The lower-case name used in pool.yaml and on the command line. */
  public String id() {
    return id;
  }

  /**
   * The first Shelley epoch. Not written in any genesis file: it is the epoch at which the hard fork happened on the
   * public network (a custom network states it as {@code TestShelleyHardForkAtEpoch} in its config.json).
   */
  public long shelleyTransitionEpoch() {
    return shelleyTransitionEpoch;
  }

  /** Finds a network by its id, ignoring case. */
  public static Optional<KnownNetwork> byId(String id) {
    return Arrays.stream(values()).filter(n -> n.id.equals(id.toLowerCase(Locale.ROOT))).findFirst();
  }

  /**
   * Opens one of the bundled genesis files.
   *
   * @param fileName one of {@link #GENESIS_FILES}
   * @return a stream the caller closes
   */
  public InputStream openGenesisFile(String fileName) {
    if (!GENESIS_FILES.contains(fileName)) {
      throw new IllegalArgumentException("not a bundled genesis file: " + fileName);
    }
    InputStream in = KnownNetwork.class.getResourceAsStream("networks/" + id + "/" + fileName);
    if (in == null) {
      throw new UncheckedIOException(new IOException("genesis resource missing from the build: " + id + "/" + fileName));
    }
    return in;
  }

  /** Reads this network's bundled genesis into the parameters the chain clock needs. */
  public GenesisParameters genesis() {
    try (InputStream byron = openGenesisFile("byron-genesis.json");
        InputStream shelley = openGenesisFile("shelley-genesis.json")) {
      return GenesisReader.read(id, byron, shelley, shelleyTransitionEpoch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
