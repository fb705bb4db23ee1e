package io.palisade.leader;

import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import java.util.OptionalLong;

/**
 * When a network began to elect leaders with Praos (Babbage, protocol version 7; Conway kept the rule). Epochs before
 * that used TPraos (a 512-bit leader value, a different VRF input), which Palisade does not compute. The public
 * networks' Babbage hard forks: mainnet epoch 365, preprod 12, preview 3. A custom network states it in its
 * config.json as {@code TestBabbageHardForkAtEpoch} (or, if it starts in Conway, {@code TestConwayHardForkAtEpoch}).
 */
public final class PraosEra {
  private static final long MAINNET_MAGIC = 764824073L;

  private PraosEra() {}

  /** The first Praos epoch of a public network, by network magic; empty for other networks. */
  public static OptionalLong knownFirstPraosEpoch(GenesisParameters genesis) {
    long magic = genesis.networkMagic();
    if (magic == MAINNET_MAGIC) {
      return OptionalLong.of(365);
    }
    if (magic == 1) {
      return OptionalLong.of(12);
    }
    if (magic == 2) {
      return OptionalLong.of(3);
    }
    return OptionalLong.empty();
  }

  /**
   * The first Praos epoch: the public networks' from {@link #knownFirstPraosEpoch}, a custom network's as its
   * config.json states it (read by {@link GenesisReader#statedPraosEpoch}; this class reads no file).
   *
   * @param statedInConfig the epoch a custom network's config.json states (ignored for a public network)
   * @throws LeaderScheduleException when a custom network does not say
   */
  public static long firstPraosEpoch(GenesisParameters genesis, OptionalLong statedInConfig) {
    OptionalLong known = knownFirstPraosEpoch(genesis);
    if (known.isPresent()) {
      return known.getAsLong();
    }
    if (statedInConfig.isPresent()) {
      return statedInConfig.getAsLong();
    }
    throw new LeaderScheduleException("cannot tell from which epoch network " + genesis.networkName()
        + " elects leaders with Praos: its config.json must state \"TestBabbageHardForkAtEpoch\"");
  }

  /** Refuses an epoch before Shelley or before Praos, with the reason. */
  public static void requirePraos(long epoch, GenesisParameters genesis, long firstPraosEpoch) {
    if (epoch < genesis.shelleyTransitionEpoch()) {
      throw new LeaderScheduleException("epoch " + epoch + " of " + genesis.networkName()
          + " is a Byron epoch: Byron had no stake pools (Shelley began at epoch "
          + genesis.shelleyTransitionEpoch() + ")");
    }
    if (epoch < firstPraosEpoch) {
      throw new LeaderScheduleException("epoch " + epoch + " of " + genesis.networkName()
          + " is before Babbage (epoch " + firstPraosEpoch + "): its leaders were elected with TPraos (a different VRF"
          + " input and a 512-bit leader value), which Palisade does not compute; epochs from " + firstPraosEpoch
          + " on are supported");
    }
  }
}
