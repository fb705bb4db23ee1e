package io.palisade.runtime.slots;

import io.palisade.chain.ChainClock;
import io.palisade.control.slots.EpochCounts;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.EpochSummary;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.runtime.local.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The durable slot ledger in {@code DATA/slots/}: {@code epoch-N.json} for each of the {@link #KEEP_EPOCHS} newest
 * epochs (its slots, verdicts and evidence), {@code compacted.json} for older ones (counts by verdict, at most
 * {@link #MAX_COMPACTED} epochs). Every file is written with the runtime's {@code AtomicFile} (temporary file, fsync,
 * rename, directory fsync): a kill -9 leaves the old or the new content, and a leftover temporary file
 * ({@code .epoch-N.json…tmp}) is never read. Compaction writes the counts before it deletes the epoch's file, so a
 * crash in between leaves the epoch twice, never lost; the full file wins.
 */
public final class SlotLedger {
  /** The newest epochs kept whole. */
  public static final int KEEP_EPOCHS = 10;
  /** The most compacted epochs kept (about 27 years of mainnet). */
  public static final int MAX_COMPACTED = 2_000;
  private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{1,18})\\.json");

  private final DataDir dir;

  /** The ledger of a data directory. */
  public SlotLedger(DataDir dir) {
    this.dir = dir;
  }

  /** The compacted epochs' file's content. */
  record Compacted(List<EpochCounts> epochs) {
    Compacted {
      epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }
  }

  /** The file of an epoch kept whole. */
  public Path fileOf(long epoch) {
    return dir.slotsDir().resolve("epoch-" + epoch + ".json");
  }

  private Path compactedFile() {
    return dir.slotsDir().resolve("compacted.json");
  }

  /**
   * An epoch kept whole.
   *
   * @throws IOException if its file cannot be read or is damaged (the message names it)
   */
  public Optional<EpochSlots> epoch(long epoch) throws IOException {
    return dir.read(fileOf(epoch), EpochSlots.class);
  }

  /** The epochs kept whole, ascending. */
  public List<Long> epochs() throws IOException {
    if (!Files.isDirectory(dir.slotsDir())) {
      return List.of();
    }
    List<Long> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.slotsDir())) {
      for (Path p : files.toList()) {
        Matcher m = EPOCH_FILE.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(Long.parseLong(m.group(1)));
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The compacted epochs, ascending (an epoch also kept whole is left out). */
  public List<EpochCounts> compacted() throws IOException {
    List<Long> whole = epochs();
    return dir.read(compactedFile(), Compacted.class).map(Compacted::epochs).orElse(List.of()).stream()
        .filter(c -> !whole.contains(c.epoch())).sorted(Comparator.comparingLong(EpochCounts::epoch)).toList();
  }

  /** The newest epoch the ledger knows, whole or compacted. */
  public Optional<Long> newestEpoch() throws IOException {
    List<Long> whole = epochs();
    if (!whole.isEmpty()) {
      return Optional.of(whole.get(whole.size() - 1));
    }
    List<EpochCounts> c = compacted();
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(c.size() - 1).epoch());
  }

  /**
   * The gauges of {@code /metrics}: the previous and the current epoch at {@code now}, as far as the ledger has them.
   *
   * @param chain the pool's chain clock
   * @param now the time
   * @throws IOException if an epoch's file cannot be read or is damaged
   */
  public LeaderSlotGauges gauges(ChainClock chain, Instant now) throws IOException {
    long current = chain.epochOf(chain.slotAt(now));
    Optional<EpochSlots> previous = current == 0 ? Optional.empty() : epoch(current - 1);
    return LeaderSlotGauges.of(previous, epoch(current), now, chain::startOfSlot);
  }

  /**
   * Writes an epoch (atomically), then compacts the epochs older than the {@link #KEEP_EPOCHS} newest.
   *
   * @throws IOException if it cannot be written; the previous content then stays
   */
  public void save(EpochSlots e) throws IOException {
    dir.write(fileOf(e.epoch()), e);
    compact();
  }

  private void compact() throws IOException {
    List<Long> whole = epochs();
    if (whole.size() <= KEEP_EPOCHS) {
      return;
    }
    List<Long> old = whole.subList(0, whole.size() - KEEP_EPOCHS);
    List<EpochCounts> kept = new ArrayList<>(dir.read(compactedFile(), Compacted.class).map(Compacted::epochs)
        .orElse(List.of()).stream().filter(c -> !old.contains(c.epoch())).toList());
    for (long epoch : old) {
      Optional<EpochSlots> e = epoch(epoch);
      if (e.isPresent()) {
        kept.add(EpochCounts.of(EpochSummary.of(e.get(), s -> Instant.EPOCH, ZoneOffset.UTC)));
      }
    }
    kept.sort(Comparator.comparingLong(EpochCounts::epoch));
    List<EpochCounts> bounded = kept.size() <= MAX_COMPACTED ? kept
        : kept.subList(kept.size() - MAX_COMPACTED, kept.size());
    dir.write(compactedFile(), new Compacted(bounded));
    for (long epoch : old) {
      Files.deleteIfExists(fileOf(epoch));
    }
  }
}
