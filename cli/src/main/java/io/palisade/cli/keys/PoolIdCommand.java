package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.keys.ColdVerificationKey;
import io.palisade.keys.PoolId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys pool-id}: Blake2b-224 of the cold verification key, as cardano-cli stake-pool id. */
@Command(
    name = "pool-id",
    mixinStandardHelpOptions = true,
    header = "Print the pool id of a cold verification key (bech32 pool1... by default, or hex).")
public final class PoolIdCommand implements Callable<Integer> {
  /** The formats cardano-cli offers. */
  enum Format { hex, bech32 }

  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--cold-verification-key-file", required = true, paramLabel = "FILE")
  Path coldVkey;

  @Option(names = "--output-format", paramLabel = "hex|bech32", defaultValue = "bech32")
  Format format;

  /**
   * The answer for {@code --json}.
   *
   * @param hex pool id, hex
   * @param bech32 pool id, bech32
   */
  public record PoolIdResult(String hex, String bech32) {}

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      PoolId id = ColdVerificationKey.read(coldVkey).poolId();
      PrintWriter out = spec.commandLine().getOut();
      json.print(out, new PoolIdResult(id.hex(), id.bech32()),
          () -> out.println(format == Format.hex ? id.hex() : id.bech32()));
      return ExitCodes.OK;
    });
  }
}
