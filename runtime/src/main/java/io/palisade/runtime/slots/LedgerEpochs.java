package io.palisade.runtime.slots;

import io.palisade.chain.ChainClock;
import io.palisade.control.slots.ActionSpan;
import io.palisade.control.slots.ConditionChange;
import io.palisade.control.slots.EpochSlots;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The epochs {@link SlotWatch} works on, the current one and the one before: read from the {@link SlotLedger} once,
 * kept in memory, and saved whenever one changes (or its file is gone). Apart from the watch so the watch's decisions
 * read as decisions, with the ledger's I/O here. Used on the watch's thread only.
 */
final class LedgerEpochs {
  private final SlotLedger ledger;
  private final ChainClock chain;
  private final Map<Long, EpochSlots> epochs = new HashMap<>();

  LedgerEpochs(SlotLedger ledger, ChainClock chain) {
    this.ledger = ledger;
    this.chain = chain;
  }

  /**
   * The epoch as the ledger has it; a new one starts with the previous epoch's last condition and running actions.
   * Epochs before the one before it are forgotten.
   *
   * @param n the epoch
   * @return the epoch's slots
   * @throws IOException if the ledger cannot be read
   */
  EpochSlots epoch(long n) throws IOException {
    EpochSlots e = epochs.get(n);
    if (e == null) {
      e = ledger.epoch(n).orElse(null);
    }
    if (e == null) {
      e = EpochSlots.empty(n);
      EpochSlots before = epochs.get(n - 1);
      if (before == null) {
        before = ledger.epoch(n - 1).orElse(null);
      }
      if (before != null) {
        Instant start = chain.startOfSlot(chain.firstSlotOfEpoch(n));
        ConditionChange last = before.conditionAt(start);
        e = e.withCondition(start, last.condition(), last.detail());
        for (ActionSpan a : before.running()) {
          e = e.withAction(a);
        }
      }
    }
    epochs.put(n, e);
    epochs.keySet().removeIf(k -> k < n - 1);
    return e;
  }

  /** The epoch as last {@link #store stored} or read, without reading the ledger; null if none is held. */
  EpochSlots held(long n) {
    return epochs.get(n);
  }

  /**
   * Keeps the epoch, and saves it when it changed or its file is missing.
   *
   * @param e the epoch's slots
   * @throws IOException if it cannot be saved
   */
  void store(EpochSlots e) throws IOException {
    EpochSlots known = epochs.get(e.epoch());
    epochs.put(e.epoch(), e);
    if (!e.equals(known) || !Files.exists(ledger.fileOf(e.epoch()))) {
      ledger.save(e);
    }
  }
}
