package io.palisade.runtime.local;

import io.palisade.control.NodeRuntimeException;
import io.palisade.spec.ChildProcesses;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes of the single-host runtime: a node starts in its own directory and session with cardano-node's
 * {@code run} arguments (and the block producer's hot keys), its output appended to {@code node.log} (rotated past
 * {@value #MAX_LOG_BYTES} bytes), its pid and start time recorded in {@code process.json}; it stops on SIGTERM, or is
 * killed after the grace period.
 */
final class NodeProcesses {
  private static final long MAX_LOG_BYTES = 16L * 1024 * 1024;

  private final DataDir dataDir;
  private final NodeCommand command;
  private final NodeFiles files;
  private final Duration stopGrace;
  private final Clock clock;
  private final Optional<SimulatedClassArchive> classArchive;

  /**
   * A node process just started.
   *
   * @param handle the process
   * @param startedAt when it started (the process's own start time, else the clock's)
   * @param exited the child's own exit future, completed by the JDK's process reaper the moment it exits
   */
  record Started(ProcessHandle handle, Instant startedAt, CompletableFuture<Process> exited) {}

  NodeProcesses(DataDir dataDir, NodeCommand command, NodeFiles files, Duration stopGrace, Clock clock) {
    this.dataDir = dataDir;
    this.command = command;
    this.files = files;
    this.stopGrace = stopGrace;
    this.clock = clock;
    this.classArchive = command instanceof NodeCommand.Simulated sim
        ? SimulatedClassArchive.of(sim, dataDir.root().resolve("cache")) : Optional.empty();
  }

  /**
   * Starts a node: its config (and a first, empty topology) rendered for {@code version}, then the process.
   *
   * @param ref the node
   * @param ports its ports
   * @param version the version it runs
   * @param keys the block producer's hot-key files, if it has them
   * @param nonProducing whether it starts with {@code --start-as-non-producing-node} (a producer without the lease)
   * @return the process
   * @throws IOException if its files cannot be written or the process cannot start
   */
  Started launch(NodeRef ref, NodePorts ports, NodeVersion version, Optional<HotKeyFiles> keys, boolean nonProducing)
      throws IOException {
    Path dir = dataDir.nodeDir(ref.name());
    Files.createDirectories(dir.resolve("db"));
    files.writeConfig(ref, dir, ports, version);
    if (!Files.exists(dir.resolve("topology.json"))) {
      files.writeTopology(ref, dir, List.of(), version);
    }
    rotateLog(dir.resolve("node.log"));
    List<String> runArgs = new ArrayList<>(List.of("--topology", dir.resolve("topology.json").toString(),
        "--database-path", dir.resolve("db").toString(), "--socket-path", dataDir.nodeSocket(ref.name()).toString(),
        "--port", Integer.toString(ports.nodeToNode()), "--config", dir.resolve("config.json").toString(),
        "--host-addr", "127.0.0.1"));
    if (keys.isPresent()) {
      HotKeyFiles k = keys.get();
      runArgs.addAll(List.of("--shelley-kes-key", k.kesKey().toString(), "--shelley-vrf-key", k.vrfKey().toString(),
          "--shelley-operational-certificate", k.operationalCertificate().toString()));
    }
    if (nonProducing) {
      runArgs.add("--start-as-non-producing-node");
    }
    List<String> extraJvm = classArchive.map(a -> a.optionsFor(dir)).orElse(List.of());
    ProcessBuilder pb = new ProcessBuilder(withNewSession(command.command(version, runArgs, extraJvm)));
    pb.directory(dir.toFile());
    pb.redirectErrorStream(true);
    // A file, not a pipe: the node must survive this process (a kill -9 of the control plane closes pipes).
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().keySet().removeIf(k -> k.startsWith("PALISADE_SIMNODE_"));
    pb.environment().putAll(command.environment(version, dir, dataDir.poolFaultsFile()));
    Process process = pb.start();
    ProcessHandle handle = process.toHandle();
    return new Started(handle, handle.info().startInstant().orElse(clock.instant()), process.onExit());
  }

  /**
   * Records a started process in its directory's {@code process.json}, for a later control plane to adopt it.
   *
   * @param node the node's name
   * @param started the process
   * @param version the version it runs
   * @throws IOException if the record cannot be written
   */
  void record(String node, Started started, NodeVersion version) throws IOException {
    ProcessHandle h = started.handle();
    dataDir.write(dataDir.nodeDir(node).resolve("process.json"), ProcessRecord.of(h, started.startedAt(), version));
  }

  /**
   * Stops a node's process if it runs (SIGTERM, the grace period, then a kill) and removes its {@code process.json}.
   *
   * @param node the node's name
   * @param p its process, or null
   * @throws NodeRuntimeException if it survives SIGKILL
   */
  void stop(String node, ProcessHandle p) {
    if (p != null && ProcessLiveness.isAlive(p)) {
      p.destroy();
      try {
        p.onExit().get(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        p.destroyForcibly();
        try {
          p.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e2) {
          throw new NodeRuntimeException("node " + node + " (pid " + p.pid() + ") did not die on SIGKILL");
        } catch (InterruptedException e2) {
          Thread.currentThread().interrupt();
        }
      } catch (ExecutionException e) {
        // onExit never fails; nothing to do.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(dataDir.nodeDir(node).resolve("process.json"));
    } catch (IOException e) {
      // A stale record is checked against the pid's start time on adoption; harmless.
    }
  }

  /** Deletes a node's chain database (the node is stopped). */
  void deleteDatabase(String node) throws IOException {
    Path dir = dataDir.nodeDir(node).resolve("db");
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Sends SIGHUP to a real cardano-node, which then re-reads its topology (local roots). */
  void reloadTopology(String node, ProcessHandle p) {
    if (command.isRealNode()) {
      hangUp(node, p);
    }
  }

  /**
   * Sends SIGHUP to a node process, real or simulated (the simulated node's JVM handles it as cardano-node does: it
   * re-reads its forging credentials).
   */
  void hangUp(String node, ProcessHandle p) {
    try {
      new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new NodeRuntimeException("cannot send SIGHUP to " + node, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts the node in its own session, so a Ctrl-C in the terminal reaches the control plane only, and with SIGHUP
   * and SIGTERM at their default handling even when the control plane runs under {@code nohup} (the credentials'
   * SIGHUP and the clean stop's SIGTERM must reach the node).
   */
  private static List<String> withNewSession(List<String> cmd) {
    List<String> signals = ChildProcesses.withDefaultSignals(cmd);
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      List<String> out = new ArrayList<>(List.of("/usr/bin/setsid"));
      out.addAll(signals);
      return out;
    }
    return signals;
  }

  private static void rotateLog(Path log) throws IOException {
    if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
      Files.move(log, log.resolveSibling("node.log.1"), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
