package io.palisade.bench.agent;

import com.sun.net.httpserver.HttpServer;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.deploy.model.AgentSidecar;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident memory of the running agent (issue target: ≤ 64 MiB RSS). Starts a fake preview node in this process (a
 * 20 KB scrape whose tip follows the clock, and a node-to-node responder), runs the real sidecar, {@code palisade
 * agent} from {@code cli/target/palisade-agent.jar} with the JVM flags the deployment renders
 * ({@link AgentSidecar#JVM_FLAGS}), as a child JVM, polls it once a second (the fastest the agent allows) while
 * hitting every endpoint five times a second, and reads the child's VmRSS from {@code /proc/PID/status} each second.
 * It prints the peak against the target and the CPU the agent used.
 *
 * <p>Run: {@code bench/run.sh io.palisade.bench.agent.AgentMemoryHarness [seconds] [--breakdown] [extra JVM
 * flags...]}. {@code --breakdown} runs the agent with native memory tracking and prints where its memory goes at the
 * end: the JVM's own accounting (heap, metaspace, code, threads, symbols, the class-data archive), the classes
 * loaded, and the largest mappings of the process.
 */
public final class AgentMemoryHarness {
  private static final long TARGET_KIB = 64 * 1024;

  private AgentMemoryHarness() {}

  /**
   * @param args optional: seconds to run (default 60), then extra JVM flags for the agent
   */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    List<String> flags = new ArrayList<>(AgentSidecar.JVM_FLAGS);
    boolean breakdown = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--breakdown")) {
        breakdown = true;
        flags.add("-XX:NativeMemoryTracking=summary");
      } else {
        flags.add(args[i]);
      }
    }
    Path jar = palisadeJar();
    ChainClock preview = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
    HttpServer metrics = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    metrics.createContext("/metrics", ex -> {
      byte[] body = ScrapeCorpus.of(MetricStyle.NEW_TRACING, 20 * 1024, preview.currentSlot() - 2)
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    metrics.start();
    NodeToNodeServer port = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(2, () -> new ChainTip(Point.of(preview.currentSlot() - 2, "ab".repeat(32)), 1)));

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-jar", jar.toString(), "agent",
        "--node-metrics", "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics",
        "--node-address", "127.0.0.1:" + port.address().getPort(), "--network", "preview",
        "--listen", "127.0.0.1:0", "--poll-interval", "1s", "--role", "relay"));
    System.out.println("agent: " + String.join(" ", command));
    Process agent = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      int agentPort = awaitPort(agent);
      String base = "http://127.0.0.1:" + agentPort;
      long peak = 0;
      long last = 0;
      int ready = 0;
      int requests = 0;
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long nextSample = System.nanoTime();
      while (System.nanoTime() < end) {
        for (String path : List.of("/livez", "/readyz", "/startupz", "/status", "/metrics")) {
          int code = get(base + path);
          requests++;
          if (path.equals("/readyz") && code == 200) {
            ready++;
          }
        }
        if (System.nanoTime() >= nextSample) {
          last = statusKib(agent.pid(), "VmRSS");
          peak = Math.max(peak, last);
          nextSample += 1_000_000_000L;
        }
        Thread.sleep(200);
        if (!agent.isAlive()) {
          throw new IllegalStateException("the agent exited with code " + agent.exitValue());
        }
      }
      long hwm = statusKib(agent.pid(), "VmHWM");
      if (breakdown) {
        Breakdown.print(agent.pid());
      }
      System.out.printf("agent ran %d s, %d requests (%d readyz answered ready), polling the node every second;"
          + " CPU used %.1f s (%.1f %% of one core)%n", seconds, requests, ready, cpuSeconds(agent),
          100 * cpuSeconds(agent) / seconds);
      System.out.printf("agent RSS: peak %.1f MiB, last %.1f MiB, VmHWM %.1f MiB (target <= 64 MiB): %s%n",
          peak / 1024.0, last / 1024.0, hwm / 1024.0, hwm <= TARGET_KIB ? "within target" : "OVER TARGET");
      if (ready == 0) {
        System.out.println("WARNING: the agent never reported the fake node ready; check its output");
      }
    } finally {
      agent.destroy();
      agent.waitFor();
      metrics.stop(0);
      port.close();
    }
  }

  private static Path palisadeJar() {
    String configured = System.getProperty("palisade.jar");
    if (configured != null) {
      return Path.of(configured);
    }
    try {
      Path here = Path.of(AgentMemoryHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // bench/target/benchmarks.jar (or bench/target/classes) -> cli/target/palisade-agent.jar, the sidecar's jar
      Path jar = here.getParent().getParent().getParent().resolve("cli/target/palisade-agent.jar");
      if (Files.isRegularFile(jar)) {
        return jar;
      }
      throw new IllegalStateException("no " + jar + ": build it with mvn -pl cli -am package (bench/run.sh does)");
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int awaitPort(Process agent) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
    Pattern serving = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+) ");
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          Matcher m = serving.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          } else if (!line.isBlank()) {
            System.out.println("agent> " + line);
          }
        }
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IllegalStateException("the agent exited before serving"));
    }, "agent-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(60, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static int get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    int code = c.getResponseCode();
    try (var in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return code;
  }

  /** The child's user and system CPU time so far. */
  private static double cpuSeconds(Process p) {
    return p.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
  }

  static long statusKib(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException(field + " not in /proc/" + pid + "/status");
  }
}
