package io.palisade.runtime.local;

import io.palisade.chain.NetworkRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The block producer a runtime data directory's pool runs now, as commands that talk to its node find it: the
 * node-to-client socket and the credential files its process was started with (cardano-node's {@code run}
 * arguments, read from the running process, so after a key rotation they are the keys it uses now), and the pool's
 * network.
 *
 * @param node the block producer's name
 * @param socket its {@code --socket-path}
 * @param vrfKey its {@code --shelley-vrf-key}
 * @param operationalCertificate its {@code --shelley-operational-certificate}
 * @param network the pool's network, as its pool.yaml names it
 * @param networkBase the directory a custom network's relative path resolves against (the pool.yaml's)
 */
public record RunningProducer(
    String node, Path socket, Path vrfKey, Path operationalCertificate, NetworkRef network, Path networkBase) {
  private static final int MAX_CMDLINE = 1 << 20;

  /**
   * Finds the running block producer.
   *
   * @param dir the runtime's data directory
   * @return the producer, or empty when the directory holds no pool or none of its nodes runs with block-producer
   *     credentials
   * @throws IOException if the directory's files cannot be read
   */
  public static Optional<RunningProducer> find(DataDir dir) throws IOException {
    Optional<PoolRecord> pool = dir.read(dir.poolFile(), PoolRecord.class);
    Path nodes = dir.root().resolve("nodes");
    if (pool.isEmpty() || !Files.isDirectory(nodes)) {
      return Optional.empty();
    }
    NetworkRef network = NetworkRef.parse(pool.get().network());
    Path specDir = Optional.ofNullable(Path.of(pool.get().spec()).toAbsolutePath().getParent()).orElse(dir.root());
    List<Path> dirs;
    try (Stream<Path> s = Files.list(nodes)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path nodeDir : dirs) {
      Optional<List<String>> args = dir.read(nodeDir.resolve("process.json"), ProcessRecord.class)
          .flatMap(ProcessRecord::find)
          .flatMap(RunningProducer::arguments);
      if (args.isPresent() && args.get().contains("--shelley-operational-certificate")) {
        List<String> a = args.get();
        return Optional.of(new RunningProducer(nodeDir.getFileName().toString(),
            value(a, "--socket-path").orElse(dir.nodeSocket(nodeDir.getFileName().toString())),
            value(a, "--shelley-vrf-key").orElseThrow(), value(a, "--shelley-operational-certificate").orElseThrow(),
            network, specDir));
      }
    }
    return Optional.empty();
  }

  /**
   * A process's command line. {@code ProcessHandle.Info.arguments()} is empty for a long one (a JVM's class path),
   * so on Linux it is read from {@code /proc/PID/cmdline} (NUL-separated, at most 1 MiB read).
   */
  static Optional<List<String>> arguments(ProcessHandle process) {
    Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try (InputStream in = Files.newInputStream(cmdline)) {
      byte[] bytes = in.readNBytes(MAX_CMDLINE);
      List<String> args = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == 0) {
          args.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      return args.isEmpty() ? process.info().arguments().map(List::of) : Optional.of(args);
    } catch (IOException e) {
      return process.info().arguments().map(List::of);
    }
  }

  private static Optional<Path> value(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i < 0 || i + 1 >= args.size() ? Optional.empty() : Optional.of(Path.of(args.get(i + 1)));
  }
}
