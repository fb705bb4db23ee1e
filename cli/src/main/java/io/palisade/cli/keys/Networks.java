package io.palisade.cli.keys;

import io.palisade.chain.GenesisParameters;
import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.nio.file.Path;

/** The {@code --network} value to genesis, with the CLI's error. */
final class Networks {
  private Networks() {}

  static GenesisParameters genesis(String network, String flag) {
    try {
      return NetworkRef.parse(network).genesis(Path.of("."));
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, flag + " " + e.getMessage());
    }
  }

  /**
   * The network recorded in a vault or a share, or null (held to mainnet's requirements) when it is not one Palisade
   * can name.
   */
  static NetworkRef recorded(String network) {
    try {
      return NetworkRef.parse(network);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
