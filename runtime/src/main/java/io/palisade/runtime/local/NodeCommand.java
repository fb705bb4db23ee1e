package io.palisade.runtime.local;

import io.palisade.spec.NodeVersion;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a node process is started: the real cardano-node binary, or the simulated node on the running JVM's java and
 * class path. Either gets cardano-node's usual {@code run} arguments.
 */
public sealed interface NodeCommand permits NodeCommand.CardanoNode, NodeCommand.Simulated {
  /**
   * The command line.
   *
   * @param version the version to run
   * @param runArguments the arguments after {@code run}
   * @return the full command
   */
  List<String> command(NodeVersion version, List<String> runArguments);

  /**
   * The command line with extra JVM options (a simulated node's class-data archive); a real node has no JVM.
   *
   * @param version the version to run
   * @param runArguments the arguments after {@code run}
   * @param extraJvmOptions options after the command's own JVM options
   * @return the full command
   */
  default List<String> command(NodeVersion version, List<String> runArguments, List<String> extraJvmOptions) {
    return command(version, runArguments);
  }

  /**
   * The environment variables to set for the node (on top of the runtime's own).
   *
   * @param version the version to run
   * @param nodeDir the node's directory
   * @param poolFaults the pool-wide fault file
   * @return the variables
   */
  Map<String, String> environment(NodeVersion version, Path nodeDir, Path poolFaults);

  /** Whether the process is a real cardano-node (it re-reads its topology on SIGHUP). */
  boolean isRealNode();

  /**
   * A real cardano-node. A {@code {version}} in the path is replaced by the version to run, so an upgrade can switch
   * binaries ({@code /opt/cardano-node-{version}/bin/cardano-node}); without it every version runs the same binary.
   *
   * @param binary the executable
   */
  record CardanoNode(String binary) implements NodeCommand {
    @Override
    public List<String> command(NodeVersion version, List<String> runArguments) {
      String exe = binary.replace("{version}", version.toString());
      if (!Files.isExecutable(Path.of(exe))) {
        throw new IllegalStateException("node.binary " + exe + " is not an executable file");
      }
      List<String> cmd = new ArrayList<>(List.of(exe, "run"));
      cmd.addAll(runArguments);
      return cmd;
    }

    @Override
    public Map<String, String> environment(NodeVersion version, Path nodeDir, Path poolFaults) {
      return Map.of();
    }

    @Override
    public boolean isRealNode() {
      return true;
    }
  }

  /**
   * The simulated node, run by the same java and class path as the running JVM, so tests and the fat jar both work.
   *
   * @param java the java executable
   * @param classPath the class path
   * @param mainClass the entry point ({@code io.palisade.cli.Main} in the jar, whose {@code simnode run} is hidden)
   * @param prefix arguments before {@code run} ({@code simnode} for the CLI)
   * @param jvmOptions JVM options (small heap, quick start)
   * @param replay the simulated ledger replay ({@code PALISADE_SIMNODE_REPLAY}), or null for the default
   * @param stakeShare the pool's share of the simulated stake ({@code PALISADE_SIMNODE_STAKE_SHARE}), or null for the
   *     default (tests raise it to get a leader slot every few seconds)
   */
  record Simulated(String java, String classPath, String mainClass, List<String> prefix, List<String> jvmOptions,
      String replay, String stakeShare) implements NodeCommand {
    /** Options that keep a simulated node small (~40 MiB heap) and quick to start. */
    public static final List<String> SMALL_JVM = List.of("-Xmx64m", "-Xss512k", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xshare:auto");

    /**
     * The simulated node on this JVM's java and class path.
     *
     * @param mainClass the entry point
     * @param prefix arguments before {@code run}
     * @param replay the replay duration, or null
     * @return the command
     */
    public static Simulated onThisJvm(String mainClass, List<String> prefix, String replay) {
      String java = ProcessHandle.current().info().command()
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      return new Simulated(java, absolute(System.getProperty("java.class.path")), mainClass, prefix, SMALL_JVM,
          replay, null);
    }

    /** With another share of the simulated stake for the block producer's pool (null: the default). */
    public Simulated withStakeShare(String share) {
      return new Simulated(java, classPath, mainClass, prefix, jvmOptions, replay, share);
    }

    /** A class path with every entry absolute: nodes run in their own directories. */
    public static String absolute(String classPath) {
      return Arrays.stream(classPath.split(File.pathSeparator))
          .filter(s -> !s.isEmpty())
          .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
          .collect(Collectors.joining(File.pathSeparator));
    }

    @Override
    public List<String> command(NodeVersion version, List<String> runArguments) {
      return command(version, runArguments, List.of());
    }

    @Override
    public List<String> command(NodeVersion version, List<String> runArguments, List<String> extraJvmOptions) {
      List<String> cmd = new ArrayList<>();
      cmd.add(java);
      cmd.addAll(jvmOptions);
      cmd.addAll(extraJvmOptions);
      cmd.add("-cp");
      cmd.add(classPath);
      cmd.add(mainClass);
      cmd.addAll(prefix);
      cmd.add("run");
      cmd.addAll(runArguments);
      return cmd;
    }

    @Override
    public Map<String, String> environment(NodeVersion version, Path nodeDir, Path poolFaults) {
      Map<String, String> env = new HashMap<>();
      env.put("PALISADE_SIMNODE_VERSION", version.toString());
      env.put("PALISADE_SIMNODE_FAULTS", poolFaults + ":" + nodeDir.resolve("faults.json"));
      // The simulated network carries the pool's blocks between its nodes through their forge records.
      env.put("PALISADE_SIMNODE_POOL_NODES", nodeDir.toAbsolutePath().getParent().toString());
      if (replay != null) {
        env.put("PALISADE_SIMNODE_REPLAY", replay);
      }
      if (stakeShare != null) {
        env.put("PALISADE_SIMNODE_STAKE_SHARE", stakeShare);
      }
      return env;
    }

    @Override
    public boolean isRealNode() {
      return false;
    }
  }
}
