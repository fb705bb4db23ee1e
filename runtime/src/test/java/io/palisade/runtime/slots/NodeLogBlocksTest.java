package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.runtime.local.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node's log file names the block its chain was extended with in a slot, in the log or the rotated one (the
 * lines themselves: agent's {@code ChainExtendedLineTest} and {@code NodeLogScanTest}).
 */
class NodeLogBlocksTest {
  @TempDir Path tmp;

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
