package io.palisade.cli.keys;

import io.palisade.chain.GenesisParameters;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.keys.PoolId;
import io.palisade.keys.rotate.RotationRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys rotation-request}: ONLINE side, what the node sees, for the offline rotate. */
@Command(
    name = "rotation-request",
    mixinStandardHelpOptions = true,
    header = "ONLINE: write the rotation request the offline 'palisade keys rotate' needs.",
    description = {"Take the values from your node, not from memory:",
        "  on-chain counter: cardano-cli query protocol-state / kes-period-info (\"qKesNodeStateOperationalCertificateNumber\"),"
            + " or --never-minted for a pool that never made a block;",
        "  current slot: cardano-cli query tip (\"slot\")."})
public final class RotationRequestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(names = "--pool-id", required = true, paramLabel = "ID", description = "hex or pool1...")
  PoolId poolId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  CounterChoice counter;

  /** Exactly one of the two. */
  static final class CounterChoice {
    @Option(names = "--on-chain-counter", paramLabel = "N", description = "The last opcert counter seen on chain.")
    Long onChain;

    @Option(names = "--never-minted", description = "The pool never minted a block (first opcert: counter 0).")
    boolean neverMinted;
  }

  @Option(names = "--current-slot", required = true, paramLabel = "S", description = "The node's current slot.")
  long slot;

  @Option(names = "--network", required = true, paramLabel = "NET")
  String network;

  @Option(names = "--out", required = true, paramLabel = "FILE")
  Path out;

  /**
   * The answer for {@code --json}.
   *
   * @param file the request written
   * @param network network
   * @param poolId pool id, hex
   * @param onChainCounter last on-chain counter, null if never minted
   * @param currentSlot the node's slot
   * @param kesPeriod its KES period
   */
  public record RequestResult(String file, String network, String poolId, Long onChainCounter, long currentSlot,
      long kesPeriod) {}

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      GenesisParameters genesis = Networks.genesis(network, "--network");
      if (slot < 0 || (counter.onChain != null && counter.onChain < 0)) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--current-slot and --on-chain-counter must be >= 0");
      }
      OutputFiles.refuseExisting(new OutputFiles.Target("--out", out));
      RotationRequest r = RotationRequest.of(genesis, poolId,
          counter.onChain == null ? OptionalLong.empty() : OptionalLong.of(counter.onChain), slot, Instant.now());
      r.write(out);
      PrintWriter o = spec.commandLine().getOut();
      RequestResult result = new RequestResult(out.toString(), r.network(), r.poolId().hex(), counter.onChain,
          r.currentSlot(), r.kesPeriod());
      json.print(o, result, () -> o.printf("wrote %s: pool %s, %s, slot %d (KES period %d). Carry it to the offline"
          + " machine and run 'palisade keys rotate --request %s'.%n", out, r.poolId().bech32(),
          r.onChainCounter().isPresent() ? "on-chain counter " + r.onChainCounter().getAsLong() : "never minted",
          r.currentSlot(), r.kesPeriod(), out.getFileName()));
      return ExitCodes.OK;
    });
  }
}
