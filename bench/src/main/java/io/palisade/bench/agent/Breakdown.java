package io.palisade.bench.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a JVM's resident memory goes, for {@link AgentMemoryHarness}: {@code jcmd VM.native_memory summary} (the
 * process must run with {@code -XX:NativeMemoryTracking=summary}), the classes loaded, the threads, and the largest
 * mappings from {@code /proc/PID/smaps} (file-backed ones, such as {@code libjvm.so} and the class-data archive
 * {@code classes.jsa}, count in RSS but are outside the JVM's own accounting).
 */
final class Breakdown {
  private Breakdown() {}

  static void print(long pid) throws IOException, InterruptedException {
    System.out.println("--- where the agent's memory goes (jcmd VM.native_memory summary, committed) ---");
    for (String line : jcmd(pid, "VM.native_memory", "summary")) {
      String t = line.trim();
      if (t.startsWith("Total:") || (t.startsWith("-") && t.contains("committed="))) {
        System.out.println("  " + t.replaceAll("\\s+", " "));
      }
    }
    List<String> loaders = jcmd(pid, "VM.classloader_stats");
    loaders.stream().filter(l -> l.startsWith("Total =")).findFirst()
        .ifPresent(l -> System.out.println("  classes loaded (classes, chunk bytes, block bytes): " + l));
    System.out.println("  threads: " + AgentMemoryHarness.statusKib(pid, "Threads"));
    Map<String, Long> byMapping = new TreeMap<>();
    String name = "";
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 5 && f[0].matches("[0-9a-f]+-[0-9a-f]+")) {
        name = f.length >= 6 ? f[5] : "[anonymous]";
      } else if (f[0].equals("Rss:")) {
        byMapping.merge(name, Long.parseLong(f[1]), Long::sum);
      }
    }
    System.out.println("  largest mappings by RSS:");
    byMapping.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(6)
        .forEach(e -> System.out.printf("    %6.1f MiB  %s%n", e.getValue() / 1024.0, e.getKey()));
  }

  private static List<String> jcmd(long pid, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid)));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
