package io.palisade.runtime.local;

import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A node process as {@code process.json} records it, so a restarted control plane can find it again.
 *
 * <p>A reused pid is told apart by the process's start. The kernel's count of clock ticks since boot
 * ({@code /proc/PID/stat}, field 22) is exact and never moves; the wall-clock start the JDK reports is boot time plus
 * that count, and boot time as {@code /proc/stat} states it moves whenever the host's clock is stepped or slewed, so two
 * JVMs reading it minutes apart can disagree by seconds. The ticks decide when both sides have them; the instant, with
 * a second's tolerance, only for records written before the ticks were kept, or where {@code /proc} is not readable.
 *
 * @param pid the process id
 * @param startedAt the process's start time as the kernel reports it
 * @param version the version it runs
 * @param command the executable
 * @param startTicks the process's start in clock ticks since boot, or null when unknown
 */
public record ProcessRecord(long pid, Instant startedAt, NodeVersion version, String command, Long startTicks) {
  /**
   * A record of a running process, with its start ticks when {@code /proc} has them.
   *
   * @param h the process
   * @param startedAt its start time as the kernel reports it
   * @param version the version it runs
   * @return the record
   */
  public static ProcessRecord of(ProcessHandle h, Instant startedAt, NodeVersion version) {
    OptionalLong ticks = startTicks(h.pid());
    return new ProcessRecord(h.pid(), startedAt, version, h.info().command().orElse(""),
        ticks.isPresent() ? ticks.getAsLong() : null);
  }

  /** The running process this record describes, if it still runs (same pid, same start). */
  public Optional<ProcessHandle> find() {
    return ProcessHandle.of(pid).filter(ProcessLiveness::isAlive).filter(this::sameStart);
  }

  private boolean sameStart(ProcessHandle h) {
    if (startTicks != null) {
      OptionalLong now = startTicks(h.pid());
      if (now.isPresent()) {
        return now.getAsLong() == startTicks;
      }
    }
    return h.info().startInstant()
        .map(t -> Duration.between(t, startedAt).abs().compareTo(Duration.ofSeconds(1)) < 0)
        .orElse(false);
  }

  /**
   * A process's start in clock ticks since boot, from {@code /proc/PID/stat}.
   *
   * @param pid the process id
   * @return the ticks, or empty when not readable (no such process, not Linux)
   */
  static OptionalLong startTicks(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    // The command name (field 2) is in parentheses and may hold spaces or ')': fields 3.. follow the last ')'.
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return OptionalLong.empty();
    }
    String[] fields = stat.substring(close + 1).trim().split("\\s+");
    // Field 22 (starttime) is the 20th after the command name.
    if (fields.length < 20) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(fields[19]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
