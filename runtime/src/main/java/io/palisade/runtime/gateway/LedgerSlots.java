package io.palisade.runtime.gateway;

import io.palisade.chain.ChainClock;
import io.palisade.control.api.MaintenanceStatus;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.gateway.LeaderSlot;
import io.palisade.gateway.LeaderSlots;
import io.palisade.gateway.SlotOutcome;
import io.palisade.gateway.WaitingAction;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.slots.SlotLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The console's view of the block producer's leader slots on the single-host runtime: the current epoch of the slot
 * ledger ({@code DATA/slots/}, as {@code palisade slots} reads it) with each slot's verdict, the next leader slot, and
 * the actions leader-aware maintenance holds for a free window (from the status). Read-only; a damaged ledger file
 * leaves the slots unknown, saying why, and the rest of the snapshot as it is.
 */
final class LedgerSlots {
  private LedgerSlots() {}

  /**
   * @param dataDir the runtime's data directory
   * @param chain the pool's chain clock, if known (without it: the ledger's newest epoch, slots without times)
   * @param now the status's time
   * @param maintenance leader-aware maintenance of the block producer, or null
   * @return the leader slots
   */
  static LeaderSlots read(Path dataDir, Optional<ChainClock> chain, Instant now, MaintenanceStatus maintenance) {
    List<WaitingAction> waiting = waiting(maintenance);
    boolean needsOperator = maintenance != null && maintenance.needsOperator();
    Optional<Instant> next = Optional.ofNullable(maintenance == null ? null : maintenance.nextLeaderSlot());
    if (!Files.isDirectory(dataDir.resolve("slots"))) {
      return new LeaderSlots(false, "the slot ledger is empty so far (it starts with the block producer's first"
          + " schedule)", OptionalLong.empty(), List.of(), false, next, waiting, needsOperator);
    }
    Optional<EpochSlots> epoch;
    try {
      SlotLedger ledger = new SlotLedger(new DataDir(dataDir));
      Optional<Long> n = chain.isPresent() ? Optional.of(chain.get().epochOf(chain.get().slotAt(now)))
          : ledger.newestEpoch();
      epoch = n.isEmpty() ? Optional.empty() : ledger.epoch(n.get()).or(() -> Optional.of(EpochSlots.empty(n.get())));
    } catch (IOException | RuntimeException e) {
      return new LeaderSlots(false, "the slot ledger cannot be read: " + e.getMessage(), OptionalLong.empty(),
          List.of(), false, next, waiting, needsOperator);
    }
    if (epoch.isEmpty()) {
      return new LeaderSlots(false, "the slot ledger holds no epoch yet", OptionalLong.empty(), List.of(), false,
          next, waiting, needsOperator);
    }
    EpochSlots e = epoch.get();
    List<LeaderSlot> slots = new ArrayList<>();
    for (long s : e.scheduled()) {
      Optional<Instant> at = chain.map(c -> c.startOfSlot(s));
      Optional<SlotClassification> d = e.verdict(s);
      slots.add(new LeaderSlot(s, at, d.map(c -> outcome(c.verdict())).orElse(SlotOutcome.PENDING),
          d.map(SlotClassification::because).orElse("")));
      if (next.isEmpty() && at.isPresent() && at.get().isAfter(now)) {
        next = at;
      }
    }
    return new LeaderSlots(true, "", OptionalLong.of(e.epoch()), slots, e.scheduleKnown(), next, waiting,
        needsOperator);
  }

  private static List<WaitingAction> waiting(MaintenanceStatus m) {
    if (m == null) {
      return List.of();
    }
    List<WaitingAction> out = new ArrayList<>();
    for (int i = 0; i < m.waiting().size(); i++) {
      // The status gives when the first waiting action may start; the others queue behind it.
      out.add(new WaitingAction(m.waiting().get(i), i == 0 ? Optional.ofNullable(m.windowOpensAt())
          : Optional.empty()));
    }
    return out;
  }

  /** The ledger's verdict as the console shows it; a new verdict does not compile until it is mapped. */
  static SlotOutcome outcome(SlotVerdict v) {
    return switch (v) {
      case ADOPTED -> SlotOutcome.ADOPTED;
      case LOST_SLOT_BATTLE -> SlotOutcome.LOST_SLOT_BATTLE;
      case LOST_HEIGHT_BATTLE -> SlotOutcome.LOST_HEIGHT_BATTLE;
      case MISSED_NODE_DOWN -> SlotOutcome.MISSED_NODE_DOWN;
      case MISSED_NOT_SYNCED -> SlotOutcome.MISSED_NOT_SYNCED;
      case MISSED_KES_INVALID -> SlotOutcome.MISSED_KES_INVALID;
      case MISSED_FUTURE_BLOCK -> SlotOutcome.MISSED_FUTURE_BLOCK;
      case MISSED_PALISADE_ACTION -> SlotOutcome.MISSED_PALISADE_ACTION;
      case UNKNOWN -> SlotOutcome.UNKNOWN;
    };
  }
}
