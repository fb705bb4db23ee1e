package io.palisade.cli.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.keys.rotate.RotationRequest;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.testing.ProducerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade leader-schedule} and {@code palisade keys rotation-request} online, against a simulated block
 * producer's socket on a small custom network and a movable clock: the schedule printed is exactly where the node
 * forges, this epoch and the next; the next epoch is refused until its nonce is fixed.
 */
class LeaderScheduleOnlineTest {
  @TempDir Path dir;
  ProducerFixture f;
  long epoch;
  long first;

  @BeforeEach
  void setUp() throws Exception {
    f = new ProducerFixture(dir);
    epoch = f.nextEpochFromNow();
    first = f.chain.firstSlotOfEpoch(epoch);
    f.start();
    await().atMost(Duration.ofSeconds(10)).until(f.node::nodeToClientOpen);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  CliRun schedule(String which, String... extra) {
    List<String> args = new ArrayList<>(List.of("leader-schedule", "--socket-path", f.socket().toString(),
        "--network", f.config.getParent().toString(), "--stake-pool-id", f.pool.hex(), "--vrf-signing-key-file",
        f.keys.resolve("vrf.skey").toString(), "--epoch", which, "--timezone", "UTC"));
    args.addAll(List.of(extra));
    return CliRun.run(args.toArray(String[]::new));
  }

  static List<Long> slots(CliRun run) throws Exception {
    JsonNode json = JsonOption.mapper().readTree(run.out());
    List<Long> out = new ArrayList<>();
    json.get("leaderSlots").forEach(n -> out.add(n.get("slot").asLong()));
    assertThat(json.get("leaderSlotCount").asLong()).isEqualTo(out.size());
    return out;
  }

  List<Long> forgedIn(long e) throws Exception {
    return f.node.forgedBlocks().stream().filter(b -> b.epoch() == e).map(ForgedBlock::slot).toList();
  }

  @Test
  void currentAndNext_areExactlyTheSlotsTheNodeForges_nextRefusedUntilItsNonceIsFixed() throws Exception {
    f.advanceTo(first + 50);
    CliRun current = schedule("current", "--json");
    assertThat(current.code()).as(current.err()).isZero();
    JsonNode json = JsonOption.mapper().readTree(current.out());
    assertThat(json.get("epoch").asLong()).isEqualTo(epoch);
    assertThat(json.get("source").asText()).contains("--socket-path").contains(f.socket().toString());
    assertThat(json.get("activeSlotCoefficient").asText()).isEqualTo("1/2");
    assertThat(json.get("sigma").asDouble()).isCloseTo(ProducerFixture.SHARE, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(schedule(Long.toString(epoch), "--json").out()).isEqualTo(current.out());

    // 50 + 80 < 200: the candidate still follows the chain.
    CliRun early = schedule("next");
    assertThat(early.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(early.err()).contains("the nonce of epoch " + (epoch + 1) + " is not fixed yet")
        .contains("slot " + (first + 120)).contains("80 slots");

    f.advanceTo(first + 170);
    CliRun next = schedule("next", "--json");
    assertThat(next.code()).as(next.err()).isZero();
    CliRun text = schedule("next");
    assertThat(text.out()).contains("leader schedule  epoch " + (epoch + 1)).contains("from             --socket-path");

    f.advanceTo(first + 420);
    assertThat(slots(current)).hasSizeGreaterThan(10).isEqualTo(forgedIn(epoch));
    assertThat(slots(next)).hasSizeGreaterThan(10).isEqualTo(forgedIn(epoch + 1));
  }

  @Test
  void anEpochTheNodeCannotTell_aMissingNode_aNodeOfAnotherNetwork_areRefusedWithTheReason() {
    f.advanceTo(first + 10);
    CliRun old = schedule(Long.toString(epoch - 5));
    assertThat(old.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(old.err()).contains("--epoch-nonce");
    CliRun gone = CliRun.run("leader-schedule", "--socket-path", dir.resolve("nothing.socket").toString(),
        "--network", "preview", "--stake-pool-id", f.pool.hex(), "--vrf-signing-key-file",
        f.keys.resolve("vrf.skey").toString(), "--epoch", "current");
    assertThat(gone.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(gone.err()).contains("nothing.socket");
    CliRun preview = CliRun.run("leader-schedule", "--socket-path", f.socket().toString(), "--network", "preview",
        "--stake-pool-id", f.pool.hex(), "--vrf-signing-key-file", f.keys.resolve("vrf.skey").toString(),
        "--epoch", "current");
    assertThat(preview.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(preview.err()).contains("another network");
    CliRun noPool = CliRun.run("leader-schedule", "--socket-path", f.socket().toString(), "--network", "preview",
        "--epoch", "current");
    assertThat(noPool.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noPool.err()).contains("--stake-pool-id is needed");
  }

  @Test
  void rotationRequest_readsTheCounterAndTheTipFromTheNode_flagsOverride() throws Exception {
    f.advanceTo(first + 150);
    List<ForgedBlock> forged = f.node.forgedBlocks();
    Path out = dir.resolve("request.json");
    CliRun run = CliRun.run("keys", "rotation-request", "--socket-path", f.socket().toString(), "--network",
        f.config.getParent().toString(), "--pool-id", f.pool.hex(), "--out", out.toString(), "--json");
    assertThat(run.code()).as(run.err()).isZero();
    RotationRequest r = RotationRequest.read(out);
    boolean minted = forged.stream().anyMatch(ForgedBlock::onChain);
    assertThat(minted).isTrue();
    assertThat(r.onChainCounter()).hasValue(0);
    assertThat(r.currentSlot()).isBetween(first + 140, first + 150);
    assertThat(r.kesPeriod()).isEqualTo(r.currentSlot() / f.genesis.slotsPerKesPeriod());
    assertThat(JsonOption.mapper().readTree(run.out()).get("source").asText()).contains("--socket-path");

    Path over = dir.resolve("override.json");
    CliRun overridden = CliRun.run("keys", "rotation-request", "--socket-path", f.socket().toString(), "--network",
        f.config.getParent().toString(), "--pool-id", f.pool.hex(), "--never-minted", "--out", over.toString());
    assertThat(overridden.code()).as(overridden.err()).isZero();
    assertThat(RotationRequest.read(over).onChainCounter()).isEmpty();

    Path airGapped = dir.resolve("air-gapped.json");
    CliRun offline = CliRun.run("keys", "rotation-request", "--socket-path", dir.resolve("none").toString(),
        "--network", "preview", "--pool-id", f.pool.hex(), "--on-chain-counter", "4", "--current-slot", "90000",
        "--out", airGapped.toString());
    assertThat(offline.code()).as(offline.err()).isZero();
    assertThat(offline.out()).contains("from the flags");
  }
}
