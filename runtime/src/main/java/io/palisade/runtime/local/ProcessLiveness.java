package io.palisade.runtime.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process really runs. {@link ProcessHandle#isAlive()} is true for a zombie (an exited process nobody has
 * reaped yet, as happens to an adopted node whose new parent does not reap), so on Linux the state in
 * {@code /proc/PID/stat} is checked too.
 */
final class ProcessLiveness {
  private ProcessLiveness() {}

  static boolean isAlive(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
    try {
      String s = Files.readString(stat, StandardCharsets.US_ASCII);
      int close = s.lastIndexOf(')');
      return close < 0 || close + 2 >= s.length() || (s.charAt(close + 2) != 'Z' && s.charAt(close + 2) != 'X');
    } catch (IOException e) {
      // No /proc (not Linux) or the process just went away.
      return p.isAlive();
    }
  }
}
