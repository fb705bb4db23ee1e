package io.palisade.agent.http;

import io.palisade.chain.ChainClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule files the agent serves, read for its {@code /metrics} ({@link ServedEpoch}): through
 * {@link ScheduleFiles}, so under the same rules as {@code GET /leader-schedule} (the name rule, no links, at most
 * {@link ScheduleFiles#MAX_FILES} files of at most {@link ScheduleFiles#MAX_BYTES}). Each file is parsed once per
 * version ({@link ScheduleFiles.Stamp}: size, modification time, file key), not at every scrape; a file that is
 * skipped (malformed, half written, too large, another network's) is remembered as such for that version and logged
 * once. Nothing here throws: the worst a directory can do is leave the leader-slot gauges out.
 *
 * <p>Thread-safe: the HTTP server's workers may scrape at once.
 */
public final class ServedSchedules {
  private static final Logger LOG = LoggerFactory.getLogger(ServedSchedules.class);

  private final ScheduleFiles files;
  private final ChainClock chain;
  private final Map<String, Entry> cache = new HashMap<>();
  private long parses;

  /** A file's version and what it read as: an epoch, or empty when skipped. */
  private record Entry(ScheduleFiles.Stamp stamp, Optional<ServedEpoch> epoch) {}

  /**
   * @param files the directory the agent serves
   * @param chain the agent's network (the files are checked against its slots)
   */
  public ServedSchedules(ScheduleFiles files, ChainClock chain) {
    this.files = Objects.requireNonNull(files, "files");
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /**
   * The epochs the served files give, oldest first; files that cannot be read are left out.
   *
   * @return the epochs
   */
  public synchronized List<ServedEpoch> epochs() {
    List<String> names;
    try {
      names = files.list();
    } catch (IOException e) {
      LOG.warn("listing the leader-schedule directory failed: {}", e.getMessage());
      return List.of();
    }
    cache.keySet().retainAll(names);
    List<ServedEpoch> epochs = new ArrayList<>(names.size());
    for (String name : names) {
      read(name).ifPresent(epochs::add);
    }
    return epochs;
  }

  /** How many times a file was parsed (a test sees the cache work). */
  synchronized long parses() {
    return parses;
  }

  private Optional<ServedEpoch> read(String name) {
    try {
      Optional<ScheduleFiles.Stamp> stamp = files.stamp(name);
      if (stamp.isEmpty()) {
        cache.remove(name);
        return Optional.empty();
      }
      Entry known = cache.get(name);
      if (known != null && known.stamp().equals(stamp.get())) {
        return known.epoch();
      }
      Optional<ServedEpoch> epoch = parse(name, stamp.get());
      // Changed while it was read (the sidecar replaced it): used now, and read again at the next scrape.
      if (files.stamp(name).equals(stamp)) {
        cache.put(name, new Entry(stamp.get(), epoch));
      } else {
        cache.remove(name);
      }
      return epoch;
    } catch (IOException e) {
      // Its attributes cannot be read: nothing to key a cache entry on.
      LOG.warn("leader-schedule file {} skipped for /metrics: {}", name, e.getMessage());
      cache.remove(name);
      return Optional.empty();
    }
  }

  /** Parses one version of a file; a file that cannot be read is skipped, for that version (logged once). */
  private Optional<ServedEpoch> parse(String name, ScheduleFiles.Stamp stamp) {
    parses++;
    if (stamp.size() > ScheduleFiles.MAX_BYTES) {
      LOG.warn("leader-schedule file {} skipped for /metrics: {} bytes, more than {}", name, stamp.size(),
          ScheduleFiles.MAX_BYTES);
      return Optional.empty();
    }
    Optional<byte[]> bytes;
    try {
      bytes = files.read(name);
    } catch (IOException e) {
      LOG.warn("leader-schedule file {} skipped for /metrics: {}", name, e.getMessage());
      return Optional.empty();
    }
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    ServedEpoch.Parsed parsed = ServedEpoch.parse(ScheduleFiles.epochOf(name), bytes.get(), chain);
    if (parsed.problem() != null) {
      LOG.warn("leader-schedule file {} skipped for /metrics: {}", name, parsed.problem());
    }
    return parsed.epoch();
  }
}
