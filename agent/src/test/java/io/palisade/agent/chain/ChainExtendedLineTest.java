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

  @Property
  void anyLine_givesAnAnswer_neverAnException(@ForAll String line) {
    Optional<ChainExtendedLine> e = ChainExtendedLine.parse(line);
    e.ifPresent(x -> assertThat(x.hash()).hasSize(64));
  }
}
