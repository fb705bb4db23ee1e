package io.palisade.runtime.slots;

import io.palisade.chain.ChainClock;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.control.slots.SlotVerdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The slot ledger's chain check: an {@code adopted} slot whose block the forge record names (its hash) is looked for,
 * {@code after} its start, on the chain the pool's relays follow ({@link SlotSources#chainCheck}). Found, the verdict
 * stays adopted with {@code chain: ON_CHAIN}; not found, it becomes {@code lost height battle or propagation}
 * ({@code NOT_ON_CHAIN}): our node adopted the block, the network did not keep it. Until the relays can tell (none
 * answers, none has reached the slot) the slot stays {@code UNCHECKED} and is asked again every {@link #RETRY}, for
 * as long as the ledger holds its epoch.
 *
 * <p>Why an hour: a block the producer adopted can still be dropped for a longer fork while the chain is young; an
 * hour (about 180 blocks on mainnet) is where operators look ("was our block on the chain an hour later?"). Attempts
 * are kept in memory: after a restart of the control plane a due slot is asked at once. Runs on the watch's thread.
 *
 * <p>A slot decided on a real node's forge counters has no record naming its block; the node's own log does ("Chain
 * extended, new tip: HASH at slot S", {@link NodeLogBlocks}), when the watch reads it.
 */
final class ChainRechecks {
  /** How long after its slot a block is looked for on the relays' chain. */
  static final Duration AFTER = Duration.ofHours(1);
  /** How long between two attempts for one slot when the relays could not tell. */
  static final Duration RETRY = Duration.ofMinutes(1);

  /** Where a block no forge record names may still be found: the hash of the block adopted in a slot. */
  interface LoggedBlocks {
    /** The hash, or empty when nothing says. */
    Optional<String> hash(long slot) throws IOException;
  }

  private final ChainClock chain;
  private final SlotSources sources;
  private final SlotClassifier classifier;
  private final Duration after;
  private final LoggedBlocks logged;
  private final Map<Long, Instant> tried = new HashMap<>();

  ChainRechecks(ChainClock chain, SlotSources sources, SlotClassifier classifier, Duration after,
      LoggedBlocks logged) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.sources = Objects.requireNonNull(sources, "sources");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.after = Objects.requireNonNull(after, "after");
    this.logged = Objects.requireNonNull(logged, "logged");
  }

  /** Checks an hour after each slot; no log read. */
  static ChainRechecks of(ChainClock chain, SlotSources sources, SlotClassifier classifier) {
    return new ChainRechecks(chain, sources, classifier, AFTER, slot -> Optional.empty());
  }

  /** The same checks, after another time. */
  ChainRechecks after(Duration time) {
    return new ChainRechecks(chain, sources, classifier, time, logged);
  }

  /** The same checks, finding the blocks no record names in {@code blocks} (a real node's log). */
  ChainRechecks reading(LoggedBlocks blocks) {
    return new ChainRechecks(chain, sources, classifier, after, blocks);
  }

  /**
   * Checks the epoch's adopted blocks that are due.
   *
   * @param e the epoch
   * @param now now
   * @return the epoch, with the verdicts the relays' chain settled (the same instance when none)
   * @throws IOException if the forge record cannot be read
   */
  EpochSlots recheck(EpochSlots e, Instant now) throws IOException {
    List<SlotClassification> due = new ArrayList<>();
    for (long slot : e.scheduled()) {
      Optional<SlotClassification> c = e.verdict(slot);
      if (c.isEmpty() || c.get().verdict() != SlotVerdict.ADOPTED || c.get().evidence().chain() != ChainCheck.UNCHECKED
          || c.get().evidence().forge() != ForgeOutcome.ADOPTED || now.isBefore(chain.startOfSlot(slot).plus(after))) {
        continue;
      }
      Instant last = tried.get(slot);
      if (last == null || !now.isBefore(last.plus(RETRY))) {
        due.add(c.get());
      }
    }
    if (due.isEmpty()) {
      return e;
    }
    Map<Long, String> hashes = new HashMap<>();
    for (ForgedSlot f : sources.forged(e.epoch())) {
      if (f.outcome() == ForgeOutcome.ADOPTED && !f.blockHash().isEmpty()) {
        hashes.putIfAbsent(f.slot(), f.blockHash());
      }
    }
    long oldest = e.epoch() - 1;
    tried.keySet().removeIf(s -> chain.epochOf(s) < oldest);
    for (SlotClassification c : due) {
      tried.put(c.slot(), now);
      // Decided on the counters (a real node): its log may name the block it adopted; else nothing to look for.
      String hash = hashes.containsKey(c.slot()) ? hashes.get(c.slot()) : logged.hash(c.slot()).orElse(null);
      if (hash == null) {
        continue;
      }
      Optional<ChainCheck> checked = sources.chainCheck(c.slot(), hash);
      if (checked.isPresent() && checked.get() != ChainCheck.UNCHECKED) {
        e = e.withVerdict(classifier.classify(c.evidence().withChain(checked.get())));
        tried.remove(c.slot());
      }
    }
    return e;
  }
}
