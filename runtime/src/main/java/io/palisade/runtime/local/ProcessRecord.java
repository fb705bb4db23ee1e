package io.palisade.runtime.local;

import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A node process as {@code process.json} records it, so a restarted control plane can find it again.
 *
 * @param pid the process id
 * @param startedAt the process's start time as the kernel reports it (tells a reused pid apart)
 * @param version the version it runs
 * @param command the executable
 */
public record ProcessRecord(long pid, Instant startedAt, NodeVersion version, String command) {
  /** The running process this record describes, if it still runs (same pid and same start time). */
  public Optional<ProcessHandle> find() {
    return ProcessHandle.of(pid)
        .filter(ProcessLiveness::isAlive)
        .filter(h -> h.info().startInstant()
            .map(t -> Duration.between(t, startedAt).abs().compareTo(Duration.ofSeconds(1)) < 0)
            .orElse(false));
  }
}
