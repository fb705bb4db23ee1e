package io.palisade.cli.deploy;

import io.palisade.chain.NetworkRef;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.output.NodeFilesPreparer;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palisade prepare-node}: the init step of every node pod. Lays out config, topology and the official network
 * files in one directory; on the block producer, copies the hot keys into memory with owner-only permissions.
 */
@Command(
    name = "prepare-node",
    mixinStandardHelpOptions = true,
    header = "Lay out a node's files before it starts (run by each node pod's init container).",
    description = "Copies --config and --topology into --out beside the official genesis files, checkpoints and"
        + " peer snapshot of the network and node version. With --hot-keys-from, copies kes.skey, vrf.skey and"
        + " node.cert to --hot-keys-out readable by this user only (cardano-node refuses a group-readable VRF key).")
public final class PrepareNodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--network", required = true, paramLabel = "NET", description = "mainnet, preprod or preview.")
  String network;

  @Option(names = "--node-version", required = true, paramLabel = "VERSION", description = "cardano-node version.")
  String version;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "block-producer or relay.")
  String role;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The rendered config.json.")
  Path config;

  @Option(names = "--topology", required = true, paramLabel = "FILE", description = "The rendered topology.json.")
  Path topology;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the node reads its files.")
  Path out;

  @Option(names = "--hot-keys-from", paramLabel = "DIR", description = "The hot-key Secret's mount (producer).")
  Path hotKeysFrom;

  @Option(names = "--hot-keys-out", paramLabel = "DIR", description = "Memory-backed directory for the node's keys.")
  Path hotKeysOut;

  @Option(names = "--hot-keys-optional", description = "A --hot-keys-from without any key is fine: the node starts"
      + " non-producing (a producer of a pool with a standby, without the producer lease).")
  boolean hotKeysOptional;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    NodeFilesPreparer.Request request;
    try {
      request = new NodeFilesPreparer.Request(NetworkRef.parse(network), NodeVersion.parse(version), role, config,
          topology, out, Optional.ofNullable(hotKeysFrom), Optional.ofNullable(hotKeysOut), hotKeysOptional);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage());
    }
    List<Path> written;
    try {
      written = NodeFilesPreparer.prepare(request);
    } catch (RenderRefusedException e) {
      throw new ExitException(ExitCodes.REFUSED, e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
    err.printf("prepare-node: %d files ready for the %s%n", written.size(), role);
    err.flush();
    return ExitCodes.OK;
  }
}
