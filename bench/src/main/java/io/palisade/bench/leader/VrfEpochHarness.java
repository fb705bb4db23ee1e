package io.palisade.bench.leader;

import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.VrfEvaluator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 13's two figures for the VRF and the leader schedule.
 *
 * <ol>
 *   <li>VRF outputs per second on one core (the batched output path a schedule uses, and full proofs), against
 *       {@code openssl speed ecdhx25519} run in the same harness: one X25519 is one variable-base scalar
 *       multiplication, the floor of one VRF evaluation. OpenSSL counts operations per second of user CPU time, so
 *       this harness measures the Java side per second of the thread's CPU time too (wall-clock rates are printed
 *       beside them: on a busy machine they are lower for both). Target: at least a third of the X25519 rate.</li>
 *   <li>A whole mainnet epoch (432,000 slots) with {@code palisade leader-schedule} from {@code cli/target/palisade.jar}
 *       as a child JVM: wall time, and peak RSS read from the child's {@code /proc/PID/status} (VmHWM) while it
 *       runs. Target: peak RSS at most 256 MiB. Run with the JVM's defaults and with the flags docs/leader-schedule.md
 *       recommends for small machines; offline (facts from flags) and online (facts over the node-to-client socket
 *       of a simulated block producer on mainnet's genesis, {@link SimulatedMainnetProducer}).</li>
 * </ol>
 *
 * <p>Run: {@code bench/run.sh io.palisade.bench.leader.VrfEpochHarness [seconds per rate measurement]}.
 */
public final class VrfEpochHarness {
  /** The JVM flags docs/leader-schedule.md recommends for the schedule on a small machine. */
  public static final List<String> SMALL_HEAP_FLAGS = List.of("-Xmx64m", "-XX:+UseSerialGC");
  private static final long RSS_TARGET_KIB = 256 * 1024;

  private VrfEpochHarness() {}

  /**
   * @param args optional: seconds for each rate measurement (default 10)
   */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    double x25519 = opensslX25519(seconds);
    Rates vrf = vrfRates(seconds);
    System.out.printf("openssl speed ecdhx25519:     %,.0f X25519/s (per CPU second)%n", x25519);
    System.out.printf("VRF outputs (batched, no proof): %,.0f/s per CPU second (%,.0f/s wall clock)%n",
        vrf.outputsPerCpuSecond, vrf.outputsPerWallSecond);
    System.out.printf("VRF proofs (prove):              %,.0f/s per CPU second%n", vrf.proofsPerCpuSecond);
    double ratio = vrf.outputsPerCpuSecond / x25519;
    System.out.printf("ratio VRF outputs / X25519:      %.2f (target >= 0.33): %s%n", ratio,
        ratio >= 1.0 / 3 ? "within target" : "BELOW TARGET");

    Path jar = palisadeJar();
    Path dir = Files.createTempDirectory("palisade-vrf-bench");
    try {
      Path key = dir.resolve("vrf.skey");
      try (VrfSigningKey k = VrfSigningKey.generate(new SecureRandom())) {
        Files.write(key, k.toEnvelope().toBytes());
      }
      epoch(jar, key, List.of(), "JVM defaults");
      epoch(jar, key, SMALL_HEAP_FLAGS, String.join(" ", SMALL_HEAP_FLAGS));
      try (SimulatedMainnetProducer node = SimulatedMainnetProducer.start(jar, dir.resolve("online"))) {
        report(ChildPeak.run(node.scheduleCommand(List.of())), "mainnet epoch, online (node socket), JVM defaults");
        report(ChildPeak.run(node.scheduleCommand(SMALL_HEAP_FLAGS)), "mainnet epoch, online (node socket), "
            + String.join(" ", SMALL_HEAP_FLAGS));
      }
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  private record Rates(double outputsPerCpuSecond, double outputsPerWallSecond, double proofsPerCpuSecond) {}

  private static Rates vrfRates(int seconds) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (VrfSigningKey key = VrfSigningKey.generate(new SecureRandom()); VrfEvaluator vrf = VrfEvaluator.of(key)) {
      int batch = 4096;
      byte[] alphas = new byte[32 * batch];
      new SecureRandom().nextBytes(alphas);
      byte[] out = new byte[64 * batch];
      // warm-up: let the JIT compile the field arithmetic
      long warmEnd = System.nanoTime() + 3_000_000_000L;
      while (System.nanoTime() < warmEnd) {
        vrf.outputs(alphas, 0, 32, batch, out, 0);
      }
      long count = 0;
      long cpu0 = mx.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      while (System.nanoTime() - wall0 < seconds * 1_000_000_000L) {
        vrf.outputs(alphas, 0, 32, batch, out, 0);
        count += batch;
        alphas[0]++;
      }
      double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      long proofs = 0;
      long pcpu0 = mx.getCurrentThreadCpuTime();
      long pwall0 = System.nanoTime();
      byte[] alpha = new byte[32];
      while (System.nanoTime() - pwall0 < seconds * 1_000_000_000L / 2) {
        alpha[0]++;
        vrf.prove(alpha);
        proofs++;
      }
      double pcpu = (mx.getCurrentThreadCpuTime() - pcpu0) / 1e9;
      return new Rates(count / cpu, count / wall, proofs / pcpu);
    }
  }

  /** Runs {@code openssl speed -seconds N ecdhx25519} and reads its op/s column. */
  static double opensslX25519(int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("openssl", "speed", "-seconds", Integer.toString(seconds), "ecdhx25519")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("openssl speed failed:\n" + output);
    }
    return parseOpenssl(output);
  }

  static double parseOpenssl(String output) {
    Matcher m = Pattern.compile("\\(X25519\\)\\s+\\S+s\\s+([0-9.]+)").matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("no X25519 line in openssl's output:\n" + output);
    }
    return Double.parseDouble(m.group(1));
  }

  private static void epoch(Path jar, Path key, List<String> flags, String label) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    command.addAll(List.of("-jar", jar.toString(), "leader-schedule", "--network", "mainnet", "--epoch", "580",
        "--epoch-nonce", HexFormat.of().formatHex(nonce), "--pool-stake", "64000000000000",
        "--active-stake", "22000000000000000", "--vrf-signing-key-file", key.toString(), "--json"));
    report(ChildPeak.run(command), "mainnet epoch (432,000 slots), offline, " + label);
  }

  /** Prints a schedule run's wall time, leader slots and peak RSS against the target. */
  static void report(ChildPeak run, String label) {
    if (run.exitCode() != 0) {
      throw new IllegalStateException("leader-schedule exited with " + run.exitCode() + ": " + run.output());
    }
    System.out.printf("%s: %.1f s wall, %s leader slots; peak RSS (VmHWM) %.1f MiB (target <= 256 MiB): %s%n",
        label, run.wallSeconds(), leaderCount(run.output()), run.peakKib() / 1024.0,
        run.peakKib() <= RSS_TARGET_KIB ? "within target" : "OVER TARGET");
  }

  private static String leaderCount(String json) {
    Matcher m = Pattern.compile("\"leaderSlotCount\"\\s*:\\s*(\\d+)").matcher(json);
    return m.find() ? m.group(1) : "?";
  }

  static Path palisadeJar() throws Exception {
    String configured = System.getProperty("palisade.jar");
    if (configured != null) {
      return Path.of(configured);
    }
    Path here = Path.of(VrfEpochHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = here.getParent().getParent().getParent().resolve("cli/target/palisade.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": build it with mvn -pl cli -am package (bench/run.sh does)");
    }
    return jar;
  }
}
