package io.palisade.cli.leader;

import java.io.PrintWriter;
import java.time.ZoneId;

/** The human form of a leader schedule. */
final class ScheduleText {
  private ScheduleText() {}

  static void print(PrintWriter out, LeaderScheduleCommand.ScheduleResult r, ZoneId zone) {
    out.printf("leader schedule  epoch %d on %s (slots %d to %d)%n", r.epoch(), r.network(), r.firstSlot(),
        r.firstSlot() + r.epochLength() - 1);
    out.printf("from             %s%n", r.source());
    out.printf("epoch nonce      %s%n", r.epochNonce());
    out.printf("sigma            %.10f (pool %s of %s lovelace active), f = %s%n", r.sigma(), r.poolStake(),
        r.activeStake(), r.activeSlotCoefficient());
    out.printf("expected blocks  %.2f%n", r.expectedBlocks());
    out.printf("leader slots     %d%n", r.leaderSlotCount());
    if (!r.leaderSlots().isEmpty()) {
      out.println();
      out.printf("%5s  %12s  %13s  %-24s  %s%n", "#", "slot", "slot in epoch", "UTC", "local (" + zone + ")");
      int i = 0;
      for (LeaderScheduleCommand.SlotRow row : r.leaderSlots()) {
        out.printf("%5d  %12d  %13d  %-24s  %s%n", ++i, row.slot(), row.slotInEpoch(), row.utc(), row.local());
      }
    }
    out.flush();
  }
}
