package io.palisade.agent.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A real node's log line names the block its chain was extended with: read from real mainnet lines (text; skipped,
 * visibly, without ../shared), new tracing's machine format, never a fork switch, and hostile lines give no block and
 * no exception.
 */
class ChainExtendedLineTest {
  @Test
  void realMainnetLines_giveTheirBlockAndSlot() throws IOException {
    Path log = SharedData.require("nodedata/logs/mainnet-chain-extended-log-excerpts.txt");
    List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("Chain extended")).toList();
    assertThat(lines).hasSize(13);
    for (String line : lines) {
      ChainExtendedLine e = ChainExtendedLine.parse(line).orElseThrow();
      assertThat(line).endsWith("new tip: " + e.hash() + " at slot " + e.slot());
    }
    assertThat(ChainExtendedLine.parse(lines.get(0))).contains(new ChainExtendedLine(39874139,
        "ec71d12c3519df4f92b4166a990b11d23ffbb479926dc52b59765f047c941144"));
  }

  @Test
  void machineFormat_isRead_aForkSwitchAndOtherLinesAreNot() {
    String hash = "ab".repeat(32);
    assertThat(ChainExtendedLine.parse("{\"at\":\"2026-12-05T01:00:00Z\",\"ns\":\"ChainDB.AddBlockEvent.AddedToCurrentChain\","
        + "\"data\":{\"kind\":\"AddedToCurrentChain\",\"newtip\":\"" + hash + "@1234\"},\"sev\":\"Notice\"}"))
        .contains(new ChainExtendedLine(1234, hash));
    assertThat(ChainExtendedLine.parse("[h:cardano.node.ChainDB:Notice:90] [2021-09-12 09:53:50.35 UTC] Switched to a"
        + " fork, new tip: " + hash + " at slot 39874139")).isEmpty();
    assertThat(ChainExtendedLine.parse("{\"data\":{\"kind\":\"SwitchedToAFork\",\"newtip\":\"" + hash + "@1\"}}"))
        .isEmpty();
    assertThat(ChainExtendedLine.parse("Chain extended, new tip: " + hash + " at slot 99999999999999999999"))
        .isEmpty();
    assertThat(ChainExtendedLine.parse("Chain extended, new tip: " + hash.substring(2) + " at slot 5")).isEmpty();
    assertThat(ChainExtendedLine.parse("Chain extended, new tip: " + "zz".repeat(32) + " at slot 5")).isEmpty();
    assertThat(ChainExtendedLine.parse("x".repeat(ChainExtendedLine.MAX_LINE) + "Chain extended, new tip: " + hash
        + " at slot 5")).isEmpty();
    assertThat(ChainExtendedLine.parse(null)).isEmpty();
  }

  @Test
  void theForgeLoopsAdoption_inWordsAndInJson_namesTheBlockForgedHere() {
    String hash = "cd".repeat(32);
    // The words of both tracing systems (cardano-node's TraceAdoptedBlock: legacy formatText, new tracing forHuman).
    assertThat(ChainExtendedLine.parse("[bp:cardano.node.Forge:Info:38] [2022-12-07 07:17:52.04 UTC] Adopted block"
        + " forged in slot 78831181: " + hash + ", TxIds: [txid: 6875a2f9]"))
        .contains(new ChainExtendedLine(78831181, hash, true));
    assertThat(ChainExtendedLine.parse("[bp:Forge.Loop.AdoptedBlock:Info:38] [2025-04-15 12:46:52.75 UTC] Adopted"
        + " block forged in slot 691: " + hash)).contains(new ChainExtendedLine(691, hash, true));
    // JSON: the shape a real node's trace has (a public cardano-node trace, cardano-foundation/moog#8), and legacy
    // ScJson's "val" object.
    assertThat(ChainExtendedLine.parse("{\"at\":\"2025-04-15T12:46:52.754451569Z\",\"ns\":\"Forge.Loop.AdoptedBlock\","
        + "\"data\":{\"blockHash\":\"" + hash + "\",\"blockSize\":863,\"kind\":\"TraceAdoptedBlock\",\"slot\":691},"
        + "\"sev\":\"Info\"}")).contains(new ChainExtendedLine(691, hash, true));
    assertThat(ChainExtendedLine.parse("{\"data\":{\"credentials\":\"Cardano\",\"val\":{\"kind\":\"TraceAdoptedBlock\","
        + "\"slot\":78831181,\"blockHash\":\"" + hash + "\"}},\"ns\":[\"cardano.node.Forge\"]}"))
        .contains(new ChainExtendedLine(78831181, hash, true));
    // A short hash (minimal detail), another forge trace, a fractional slot: no block named.
    assertThat(ChainExtendedLine.parse("{\"data\":{\"blockHash\":\"cdcdcdc\",\"kind\":\"TraceAdoptedBlock\","
        + "\"slot\":691}}")).isEmpty();
    assertThat(ChainExtendedLine.parse("{\"data\":{\"block\":\"" + hash + "\",\"kind\":\"TraceForgedBlock\","
        + "\"slot\":691}}")).isEmpty();
    assertThat(ChainExtendedLine.parse("{\"data\":{\"blockHash\":\"" + hash + "\",\"kind\":\"TraceAdoptedBlock\","
        + "\"slot\":6.91e2}}")).isEmpty();
    assertThat(ChainExtendedLine.parse("Adopted block forged in slot 691: " + hash + "ff")).as("no 64-digit hash")
        .isEmpty();
    assertThat(ChainExtendedLine.parse("Didn't adopt forged block in slot 691")).isEmpty();
  }

  @Property
  void anyLine_givesAnAnswer_neverAnException(@ForAll String line) {
    Optional<ChainExtendedLine> e = ChainExtendedLine.parse(line);
    e.ifPresent(x -> assertThat(x.hash()).hasSize(64));
  }
}
