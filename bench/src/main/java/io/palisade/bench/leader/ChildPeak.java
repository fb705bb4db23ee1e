package io.palisade.bench.leader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a child process to its end while sampling its peak resident set (VmHWM from {@code /proc/PID/status}) every
 * 50 ms, and keeps its standard output.
 *
 * @param wallSeconds how long it ran
 * @param peakKib its peak RSS in KiB
 * @param exitCode its exit status
 * @param output its standard output
 */
record ChildPeak(double wallSeconds, long peakKib, int exitCode, String output) {
  /** Runs {@code command} (its standard error discarded). */
  static ChildPeak run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> drain(child, out), "child-output");
    reader.setDaemon(true);
    reader.start();
    long peak = 0;
    while (child.isAlive()) {
      peak = Math.max(peak, vmHwm(child.pid()));
      Thread.sleep(50);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    reader.join(10_000);
    synchronized (out) {
      return new ChildPeak(wall, peak, child.exitValue(), out.toString());
    }
  }

  private static void drain(Process child, StringBuilder sink) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (sink) {
          sink.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      synchronized (sink) {
        sink.append(e);
      }
    }
  }

  /** A process's VmHWM in KiB (0 once it has exited). */
  static long vmHwm(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return 0; // exited between isAlive and the read
    }
    return 0;
  }
}
