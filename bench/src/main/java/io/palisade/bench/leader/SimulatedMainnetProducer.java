package io.palisade.bench.leader;

import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.keys.bundle.DemoKeys;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated block producer on mainnet's genesis (432,000-slot epochs), run from the palisade jar as a child
 * process with throwaway DEMO keys, so the harness can time {@code palisade leader-schedule} reading a mainnet-sized
 * epoch's facts over a real node-to-client socket. Stopped (and its files left for the caller to delete) on close.
 */
final class SimulatedMainnetProducer implements AutoCloseable {
  private final Process process;
  private final Path socket;
  private final Path keys;
  private final String poolIdHex;
  private final Path jar;

  private SimulatedMainnetProducer(Process process, Path socket, Path keys, String poolIdHex, Path jar) {
    this.process = process;
    this.socket = socket;
    this.keys = keys;
    this.poolIdHex = poolIdHex;
    this.jar = jar;
  }

  /**
   * Writes the network's files and the keys into {@code dir} and starts the node; returns once its socket is open.
   *
   * @param jar the palisade jar
   * @param dir a fresh directory
   * @return the running node
   */
  static SimulatedMainnetProducer start(Path jar, Path dir) throws Exception {
    Files.createDirectories(dir);
    for (String name : KnownNetwork.GENESIS_FILES) {
      try (InputStream in = KnownNetwork.MAINNET.openGenesisFile(name)) {
        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.writeString(dir.resolve("config.json"), "{\"ByronGenesisFile\": \"byron-genesis.json\","
        + " \"ShelleyGenesisFile\": \"shelley-genesis.json\", \"AlonzoGenesisFile\": \"alonzo-genesis.json\","
        + " \"ConwayGenesisFile\": \"conway-genesis.json\", \"TestShelleyHardForkAtEpoch\": 208,"
        + " \"Protocol\": \"Cardano\", \"UseTraceDispatcher\": false}\n");
    Files.writeString(dir.resolve("topology.json"), "{\"localRoots\": [], \"publicRoots\": [],"
        + " \"useLedgerAfterSlot\": -1}\n");
    ChainClock chain = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
    DemoKeys.Result demo = DemoKeys.create(Files.createDirectory(dir.resolve("bundle")), chain);
    Path keys = Files.createDirectory(dir.resolve("keys"));
    char[] pass = demo.readPassphrase();
    try (HotKeys hot = HotKeyBundle.open(demo.bundle(), pass, Optional.of(demo.poolIdHex()))) {
      hot.writeNodeFiles(keys);
    }
    Path socket = dir.resolve("node.socket");
    List<String> command = new ArrayList<>(List.of(java(), "-cp", jar.toString(), "io.palisade.cli.Main", "simnode",
        "run", "--topology", dir.resolve("topology.json").toString(), "--database-path",
        dir.resolve("db").toString(), "--socket-path", socket.toString(), "--port", "0", "--config",
        dir.resolve("config.json").toString(), "--host-addr", "127.0.0.1", "--shelley-kes-key",
        keys.resolve(HotKeys.KES_FILE).toString(), "--shelley-vrf-key", keys.resolve(HotKeys.VRF_FILE).toString(),
        "--shelley-operational-certificate", keys.resolve(HotKeys.OPCERT_FILE).toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("node.log").toFile());
    pb.environment().put("PALISADE_SIMNODE_REPLAY", "0s");
    Process p = pb.start();
    SimulatedMainnetProducer node = new SimulatedMainnetProducer(p, socket, keys, demo.poolIdHex(), jar);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    // The node computes its ledger before it opens the socket: poll for the file, like an operator would wait.
    while (!Files.exists(socket)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        node.close();
        throw new IllegalStateException("the simulated node did not open " + socket + "; see "
            + dir.resolve("node.log"));
      }
      Thread.sleep(200);
    }
    return node;
  }

  /** The {@code leader-schedule} command for the node's current epoch, with these JVM flags. */
  List<String> scheduleCommand(List<String> jvmFlags) {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString(), "leader-schedule", "--epoch", "current", "--socket-path",
        socket.toString(), "--network", "mainnet", "--stake-pool-id", poolIdHex, "--vrf-signing-key-file",
        keys.resolve(HotKeys.VRF_FILE).toString(), "--json"));
    return command;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
