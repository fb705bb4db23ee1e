package io.palisade.cli.keys;

import io.palisade.chain.GenesisParameters;
import io.palisade.chain.InvalidGenesisException;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.cli.node.NodeSession;
import io.palisade.cli.node.ProducerNode;
import io.palisade.cli.DataDirOption;
import io.palisade.keys.PoolId;
import io.palisade.keys.rotate.RotationRequest;
import io.palisade.ouroboros.n2c.LedgerQueries;
import io.palisade.ouroboros.n2c.PraosState;
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

/**
 * {@code palisade keys rotation-request}: ONLINE side, what the node sees, for the offline rotate: the pool's
 * on-chain opcert counter and the node's KES period, read from the node's socket (the block producer of the pool
 * 'palisade up' runs, or {@code --socket-path}); the flags override them for an air-gapped flow.
 */
@Command(
    name = "rotation-request",
    mixinStandardHelpOptions = true,
    header = "ONLINE: write the rotation request the offline 'palisade keys rotate' needs.",
    description = {"Reads the pool's on-chain opcert counter and the slot of the node's tip from the node's socket:"
        + " --socket-path, else the block producer of the pool 'palisade up' runs in --data-dir, else"
        + " $CARDANO_NODE_SOCKET_PATH.",
        "Air-gapped, or to override: --on-chain-counter N (cardano-cli query protocol-state / kes-period-info,"
            + " \"qKesNodeStateOperationalCertificateNumber\") or --never-minted, and --current-slot S (cardano-cli"
            + " query tip); with both, and --pool-id and --network, no node is asked."})
public final class RotationRequestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Mixin DataDirOption dataDir;

  @Option(names = "--pool-id", paramLabel = "ID", description = "hex or pool1... (default: the running block"
      + " producer's)")
  PoolId poolId;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  CounterChoice counter;

  /** At most one of the two. */
  static final class CounterChoice {
    @Option(names = "--on-chain-counter", paramLabel = "N",
        description = "The last opcert counter seen on chain (default: read from the node).")
    Long onChain;

    @Option(names = "--never-minted", description = "The pool never minted a block (first opcert: counter 0).")
    boolean neverMinted;
  }

  @Option(names = "--current-slot", paramLabel = "S", description = "The node's current slot (default: its tip's,"
      + " read from the node).")
  Long slot;

  @Option(names = "--socket-path", paramLabel = "FILE", description = "The node's socket.")
  Path socketPath;

  @Option(names = "--network", paramLabel = "NET", description = "mainnet, preprod, preview or a custom network"
      + " directory (default: the network of the pool in --data-dir).")
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
   * @param source where the counter and the slot came from: the flags, or the node asked
   */
  public record RequestResult(String file, String network, String poolId, Long onChainCounter, long currentSlot,
      long kesPeriod, String source) {}

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      if ((slot != null && slot < 0) || (counter != null && counter.onChain != null && counter.onChain < 0)) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--current-slot and --on-chain-counter must be >= 0");
      }
      OutputFiles.refuseExisting(new OutputFiles.Target("--out", out));
      Facts facts = counter != null && slot != null ? fromFlags() : fromNode();
      RotationRequest r = RotationRequest.of(facts.genesis(), facts.pool(), facts.onChain(), facts.slot(),
          Instant.now());
      r.write(out);
      PrintWriter o = spec.commandLine().getOut();
      RequestResult result = new RequestResult(out.toString(), r.network(), r.poolId().hex(),
          r.onChainCounter().isPresent() ? r.onChainCounter().getAsLong() : null, r.currentSlot(), r.kesPeriod(),
          facts.source());
      json.print(o, result, () -> o.printf("wrote %s: pool %s, %s, slot %d (KES period %d), from %s. Carry it to the"
          + " offline machine and run 'palisade keys rotate --request %s'.%n", out, r.poolId().bech32(),
          r.onChainCounter().isPresent() ? "on-chain counter " + r.onChainCounter().getAsLong() : "never minted",
          r.currentSlot(), r.kesPeriod(), facts.source(), out.getFileName()));
      return ExitCodes.OK;
    });
  }

  /** The request's facts and where they came from. */
  private record Facts(GenesisParameters genesis, PoolId pool, OptionalLong onChain, long slot, String source) {}

  private Facts fromFlags() {
    if (network == null || poolId == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "without a node, --network and --pool-id are needed too");
    }
    OptionalLong onChain = counter.onChain == null ? OptionalLong.empty() : OptionalLong.of(counter.onChain);
    return new Facts(Networks.genesis(network, "--network"), poolId, onChain, slot, "the flags");
  }

  /** The counter and the tip's slot from the node; a flag still overrides each. */
  private Facts fromNode() {
    ProducerNode node = ProducerNode.resolve(new ProducerNode.Flags(socketPath, network, poolId == null ? null : poolId.hex(), "--pool-id", null,
        dataDir.root()), System.getenv());
    GenesisParameters genesis;
    try {
      genesis = node.network().genesis(node.networkBase());
    } catch (InvalidGenesisException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
    PraosState state;
    try (NodeSession s = NodeSession.open(node.socket(), genesis.networkMagic())) {
      state = s.ask(LedgerQueries::protocolState);
    }
    OptionalLong onChain = counter == null ? state.opcertCounter(node.ledgerPoolId())
        : counter.onChain == null ? OptionalLong.empty() : OptionalLong.of(counter.onChain);
    long tip = slot != null ? slot : state.lastSlot().orElseThrow(() -> new ExitException(ExitCodes.UNAVAILABLE,
        "the node at " + node.socket() + " has no block yet (is it syncing from genesis?)"));
    return new Facts(genesis, node.pool(), onChain, tip, node.source() + " (" + node.socket() + ")");
  }
}
