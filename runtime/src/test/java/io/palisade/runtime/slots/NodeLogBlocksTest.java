package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.runtime.local.DataDir;
import io.palisade.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node's log names the block its chain was extended with in a slot: read from real mainnet lines (text), new
 * tracing's machine format, never a fork switch, and hostile lines give no block and no exception.
 */
class NodeLogBlocksTest {
  @TempDir Path tmp;

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
    assertThat(ChainExtendedLine.parse("x".repeat(ChainExtendedLine.MAX_LINE) + "Chain extended, new tip: " + hash
        + " at slot 5")).isEmpty();
    assertThat(ChainExtendedLine.parse(null)).isEmpty();
  }

  @Property
  void anyLine_givesAnAnswer_neverAnException(@ForAll String line) {
    Optional<ChainExtendedLine> e = ChainExtendedLine.parse(line);
    e.ifPresent(x -> assertThat(x.hash()).hasSize(64));
  }

  @Test
  void theFirstExtensionInTheSlot_isTheBlock_inTheLogOrTheRotatedOne() throws IOException {
    DataDir data = new DataDir(tmp);
    Path dir = Files.createDirectories(data.nodeDir("block-producer"));
    String ours = "0a".repeat(32);
    String theirs = "0b".repeat(32);
    Files.writeString(dir.resolve("node.log.1"), "[bp:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:00.01 UTC]"
        + " Chain extended, new tip: " + "01".repeat(32) + " at slot 100\n");
    Files.writeString(dir.resolve("node.log"), String.join("\n",
        "\u00ff\u00fe not UTF-8 is no line of interest",
        "[bp:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:05.02 UTC] Chain extended, new tip: " + ours
            + " at slot 105",
        "[bp:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:05.90 UTC] Switched to a fork, new tip: " + theirs
            + " at slot 105",
        "[bp:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:09.00 UTC] Chain extended, new tip: " + theirs
            + " at slot 109", ""));
    NodeLogBlocks logs = new NodeLogBlocks(data);
    assertThat(logs.extendedAt("block-producer", 105)).contains(ours);
    assertThat(logs.extendedAt("block-producer", 100)).contains("01".repeat(32));
    assertThat(logs.extendedAt("block-producer", 107)).isEmpty();
    assertThat(logs.extendedAt("relay-1", 105)).as("no log").isEmpty();
    assertThat(logs.extendedAt("../block-producer", 105)).isEmpty();
    assertThat(logs.extendedAt("", 105)).isEmpty();
  }
}
