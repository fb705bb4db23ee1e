package io.palisade.cli.leader;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.control.LeaderCalendar;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.runtime.local.LeaderScheduleSource;
import io.palisade.runtime.slots.ForgedSlot;
import io.palisade.simnode.forge.BlockOutcome;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import io.palisade.simnode.forge.MissReason;
import io.palisade.simnode.forge.MissedLeaderSlot;
import io.palisade.simnode.forge.MissedSlotLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slot ledger reads the pool's one cached schedule: it computes nothing and needs no node of its own. */
class NodeSlotSourcesTest {
  static final Instant NOW = Instant.parse("2026-12-03T19:00:00Z");

  @TempDir Path dir;

  @Test
  void theLedgersLeaderSlots_areThePoolsCachedSchedule_withoutANodeOfItsOwn() throws Exception {
    List<Long> asked = new ArrayList<>();
    LeaderScheduleSource cached = new LeaderScheduleSource() {
      @Override
      public LeaderCalendar calendar(Instant now) {
        return LeaderCalendar.unknown();
      }

      @Override
      public Optional<List<LeaderCalendar.Slot>> epoch(long epoch, Instant now) {
        asked.add(epoch);
        return epoch == 7 ? Optional.of(List.of(slot(8400), slot(8410))) : Optional.empty();
      }
    };
    // An empty data directory: no socket, no keys. Reading the node itself would find nothing.
    NodeSlotSources sources = new NodeSlotSources(dir, cached, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(sources.leaderSlots(7)).contains(List.of(8400L, 8410L));
    assertThat(sources.leaderSlots(8)).isEmpty();
    assertThat(asked).containsExactly(7L, 8L);
  }

  static LeaderCalendar.Slot slot(long n) {
    Instant start = NOW.plusSeconds(n);
    return new LeaderCalendar.Slot(n, start, start.plusSeconds(1));
  }

  static final String POOL = "ab".repeat(28);

  @Test
  void everyProducersRecords_forgedAndMissed_eachNamingItsNode_withTheTraceAndDetails() throws Exception {
    Path bp = Files.createDirectories(dir.resolve("nodes/block-producer/db"));
    Path standby = Files.createDirectories(dir.resolve("nodes/block-producer-standby/db"));
    Files.createDirectories(dir.resolve("nodes/relay-a-0/db"));
    try (ForgedBlockLog log = ForgedBlockLog.open(bp.resolve(ForgedBlockLog.FILE_NAME), b -> { })) {
      log.append(new ForgedBlock(8400, 7, POOL, 0, 70, "0f".repeat(64), BlockOutcome.ADOPTED));
      log.append(new ForgedBlock(9999, 8, POOL, 0, 70, "0f".repeat(64), BlockOutcome.ADOPTED));
    }
    try (MissedSlotLog log = MissedSlotLog.open(bp.resolve(MissedSlotLog.FILE_NAME), m -> { })) {
      log.append(new MissedLeaderSlot(8410, 7, POOL, MissReason.KES_INVALID, "Forge.Loop.ForgeStateUpdateError", 70,
          8, 70, 8409));
    }
    try (MissedSlotLog log = MissedSlotLog.open(standby.resolve(MissedSlotLog.FILE_NAME), m -> { })) {
      log.append(new MissedLeaderSlot(8420, 7, POOL, MissReason.BLOCK_FROM_FUTURE, "Forge.Loop.BlockFromFuture", 70,
          8, 70, 8423));
    }
    // A kill -9 in the middle of a line: the torn line is not read.
    Files.writeString(standby.resolve(MissedSlotLog.FILE_NAME), "{\"slot\":84", StandardOpenOption.APPEND);
    NodeSlotSources sources = new NodeSlotSources(dir, null, Clock.fixed(NOW, ZoneOffset.UTC));

    List<ForgedSlot> seven = sources.forged(7);
    assertThat(seven).extracting(ForgedSlot::slot).containsExactlyInAnyOrder(8400L, 8410L, 8420L);
    ForgedSlot adopted = seven.stream().filter(f -> f.slot() == 8400).findFirst().orElseThrow();
    assertThat(adopted.outcome()).isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(adopted.node()).isEqualTo("block-producer");
    assertThat(adopted.trace()).isEqualTo("Forge.Loop.AdoptedBlock");
    ForgedSlot kes = seven.stream().filter(f -> f.slot() == 8410).findFirst().orElseThrow();
    assertThat(kes.outcome()).isEqualTo(ForgeOutcome.CANNOT_FORGE);
    assertThat(kes.trace()).isEqualTo("Forge.Loop.ForgeStateUpdateError");
    assertThat(kes.sources()).contains("Forge.Loop.ForgeStateUpdateError", "block-producer/db/missed-leader-slots.jsonl:"
        + " reason KES_INVALID, KES period 70, opcert valid for KES periods 8 to 69");
    ForgedSlot future = seven.stream().filter(f -> f.slot() == 8420).findFirst().orElseThrow();
    assertThat(future.outcome()).isEqualTo(ForgeOutcome.FROM_FUTURE);
    assertThat(future.node()).isEqualTo("block-producer-standby");
    assertThat(future.sources().get(1)).contains("tip in slot 8423");
    assertThat(sources.forged(8)).extracting(ForgedSlot::slot).containsExactly(9999L);
    // A damaged record is named, not skipped.
    Files.writeString(bp.resolve(MissedSlotLog.FILE_NAME), "{\"slot\":1}\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> sources.forged(7)).isInstanceOf(IOException.class)
        .hasMessageContaining("missed-leader-slots.jsonl:2");
  }

  static final String FORGE = "[bp:cardano.node.Forge:Error:38] [2026-12-05 01:00:05.02 UTC] ";

  @Test
  void aRealNodesLog_givesTheEpochsLeaderSlotsTheirForgeLoopLines_aSimulatedRecordWinning() throws Exception {
    Path bp = Files.createDirectories(dir.resolve("nodes/block-producer/db"));
    try (MissedSlotLog log = MissedSlotLog.open(bp.resolve(MissedSlotLog.FILE_NAME), m -> { })) {
      log.append(new MissedLeaderSlot(8420, 7, POOL, MissReason.BLOCK_FROM_FUTURE, "Forge.Loop.BlockFromFuture", 70,
          8, 70, 8423));
    }
    Path nodeLog = dir.resolve("nodes/block-producer/node.log");
    Files.writeString(nodeLog, FORGE + "Didn't adopt forged block in slot 8400\n"
        + FORGE + "We are the leader in slot 8420, but we cannot forge because: whatever\n"
        + FORGE + "Didn't adopt forged block in slot 9999\n");
    LeaderScheduleSource cached = new LeaderScheduleSource() {
      @Override
      public LeaderCalendar calendar(Instant now) {
        return LeaderCalendar.unknown();
      }

      @Override
      public Optional<List<LeaderCalendar.Slot>> epoch(long epoch, Instant now) {
        return epoch == 7 ? Optional.of(List.of(slot(8400), slot(8410), slot(8420))) : Optional.empty();
      }
    };
    NodeSlotSources sources = new NodeSlotSources(dir, cached, Clock.fixed(NOW, ZoneOffset.UTC));

    List<ForgedSlot> seven = sources.forged(7);
    assertThat(seven).extracting(ForgedSlot::slot).containsExactlyInAnyOrder(8400L, 8420L);
    ForgedSlot lost = seven.stream().filter(f -> f.slot() == 8400).findFirst().orElseThrow();
    assertThat(lost).isEqualTo(new ForgedSlot(8400, ForgeOutcome.NOT_ADOPTED, List.of("Forge.Loop.DidntAdoptBlock",
        "block-producer/node.log: Didn't adopt forged block in slot 8400"), "Forge.Loop.DidntAdoptBlock",
        "block-producer"));
    assertThat(seven.stream().filter(f -> f.slot() == 8420).findFirst().orElseThrow().outcome())
        .as("the simulated record wins").isEqualTo(ForgeOutcome.FROM_FUTURE);
    // Every tick asks again: what was read stays, what is new is added.
    Files.writeString(nodeLog, FORGE + "Could not obtain ledger view for slot 8410\n", StandardOpenOption.APPEND);
    assertThat(sources.forged(7)).extracting(ForgedSlot::slot).containsExactlyInAnyOrder(8400L, 8410L, 8420L);
    assertThat(sources.forged(8)).as("not the epoch's leader slots").isEmpty();
  }
}
