package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.runtime.local.DataDir;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut's view of the slot ledger: a writer deciding verdicts as fast as it can is killed with SIGKILL at random
 * points, over rounds that continue from what survived; every verdict the writer had acknowledged (its save returned)
 * is still there, and every epoch file reads.
 */
class SlotLedgerKillTest {
  static final Instant T = Instant.parse("2026-12-03T14:00:00Z");
  /** Epochs of 40 leader slots: a round crosses several epochs, so a new epoch file is also cut short. */
  static final int SLOTS_PER_EPOCH = 40;

  @TempDir
  Path tmp;

  @Test
  void everyAcknowledgedVerdictSurvivesAKillAtAnyPoint() throws Exception {
    Random random = new Random(11);
    Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    for (int round = 0; round < 5; round++) {
      Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Writer.class.getName(), tmp.toString())
          .redirectErrorStream(true).start();
      int before = acknowledged.size();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(writer.getInputStream(),
            StandardCharsets.US_ASCII))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            acknowledged.add(Long.parseLong(line.trim()));
          }
        } catch (IOException | NumberFormatException ignored) {
          // The writer was killed mid-line: that verdict was not acknowledged.
        }
      });
      reader.setDaemon(true);
      reader.start();
      int target = before + 5 + random.nextInt(60);
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= target || !writer.isAlive());
      } finally {
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(acknowledged).as("round %d: the writer made progress", round).hasSizeGreaterThanOrEqualTo(target);
      SlotLedger ledger = new SlotLedger(new DataDir(tmp));
      for (long slot : acknowledged) {
        long epoch = slot / 100;
        assertThat(ledger.epoch(epoch)).as("round %d, epoch %d", round, epoch).isPresent();
        assertThat(ledger.epoch(epoch).orElseThrow().verdict(slot)).as("round %d: slot %d", round, slot).isPresent();
      }
    }
  }

  /**
   * Decides one verdict after another, continuing from what the ledger holds; prints each slot once its save
   * returned.
   */
  static final class Writer {
    public static void main(String[] args) throws IOException {
      SlotLedger ledger = new SlotLedger(new DataDir(Path.of(args[0])));
      SlotClassifier c = new SlotClassifier(Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC));
      long epoch = ledger.newestEpoch().orElse(1L);
      while (true) {
        EpochSlots e = ledger.epoch(epoch).orElse(EpochSlots.empty(epoch)
            .withCondition(T, ProducerCondition.FORGING, "ready"));
        int done = e.verdicts().size();
        if (done >= SLOTS_PER_EPOCH) {
          epoch++;
          continue;
        }
        long slot = epoch * 100 + done + 1;
        e = e.withSlot(slot).withVerdict(c.classify(e.evidence(slot, T, done % 3 == 0 ? ForgeOutcome.NOT_ADOPTED
            : ForgeOutcome.ADOPTED, List.of("forged-blocks.jsonl"), ChainCheck.UNCHECKED)));
        ledger.save(e);
        System.out.println(slot);
        System.out.flush();
      }
    }
  }
}
