package io.palisade.agent.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A log stream gives the first extension of a slot, within its byte limit, whatever else it holds: garbage, lines
 * far longer than any of the node's (skipped, never held), a fork switch to a competitor, a cut first line.
 */
class NodeLogScanTest {
  static final String OURS = "0a".repeat(32);
  static final String THEIRS = "0b".repeat(32);

  static String extended(String hash, long slot) {
    return "[bp:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:05.02 UTC] Chain extended, new tip: " + hash
        + " at slot " + slot;
  }

  static Optional<String> scan(String log, long slot, long max, boolean cut) throws IOException {
    return NodeLogScan.adoptedAt(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), slot, max, cut);
  }

  @Test
  void theFirstExtensionOfTheSlot_notAForkSwitchToACompetitor() throws IOException {
    String log = String.join("\n", extended("01".repeat(32), 100),
        extended(OURS, 105),
        "[bp:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:05.90 UTC] Switched to a fork, new tip: " + THEIRS
            + " at slot 105",
        extended(THEIRS, 109));
    assertThat(scan(log, 105, 1 << 20, false)).contains(OURS);
    assertThat(scan(log, 109, 1 << 20, false)).as("the last line, without its newline").contains(THEIRS);
    assertThat(scan(log, 107, 1 << 20, false)).isEmpty();
    assertThat(scan(log, 100, 1 << 20, true)).as("a cut first line is no line").isEmpty();
  }

  @Test
  void theForgeLoopsAdoption_beatsAnEarlierExtensionByACompetitorsBlock() throws IOException {
    // A competitor's block for the same slot arrived first and extended the chain; ours then won (a fork switch) and
    // the forge loop said so. The first extension would name theirs; the forge loop's line names ours.
    String log = String.join("\n", extended(THEIRS, 105),
        "[bp:cardano.node.ChainDB:Notice:90] [2026-12-05 01:00:05.40 UTC] Switched to a fork, new tip: " + OURS
            + " at slot 105",
        "[bp:cardano.node.Forge:Info:38] [2026-12-05 01:00:05.41 UTC] Adopted block forged in slot 105: " + OURS
            + ", TxIds: []",
        extended("0c".repeat(32), 106), "");
    assertThat(scan(log, 105, 1 << 20, false)).contains(OURS);
    String lastLine = extended(THEIRS, 105) + "\n{\"at\":\"2026-12-05T01:00:05.41Z\",\"ns\":\"Forge.Loop.AdoptedBlock\","
        + "\"data\":{\"blockHash\":\"" + OURS + "\",\"blockSize\":863,\"kind\":\"TraceAdoptedBlock\",\"slot\":105}}";
    assertThat(scan(lastLine, 105, 1 << 20, false)).as("JSON, as the last line").contains(OURS);
    assertThat(scan(extended(THEIRS, 105) + "\n", 105, 1 << 20, false)).as("without it: the first extension")
        .contains(THEIRS);
  }

  @Test
  void garbageAndHugeLines_areSkipped_theLimitHolds() throws IOException {
    String huge = "Chain extended, new tip: " + THEIRS + " at slot 105" + "x".repeat(3 * ChainExtendedLine.MAX_LINE);
    String log = "\u00ff\u0000\ufffe garbage\n" + huge + "\n" + huge + extended(THEIRS, 105) + "\n"
        + extended(OURS, 105) + "\n";
    assertThat(scan(log, 105, 1 << 20, false)).contains(OURS);
    assertThat(scan(log, 105, 100, false)).as("beyond the byte limit").isEmpty();
    String cutByLimit = extended(OURS, 105);
    assertThat(scan(cutByLimit, 105, cutByLimit.length() - 1, false)).as("a line the limit cuts is no line")
        .isEmpty();
  }

  @Test
  void aFailingStream_fails() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw new IOException("connection reset");
      }
    };
    assertThatThrownBy(() -> NodeLogScan.adoptedAt(broken, 1, 10, false)).isInstanceOf(IOException.class);
  }

  @Property(tries = 200)
  void anyBytes_giveAnAnswer_neverAnException(@ForAll byte[] bytes) throws IOException {
    NodeLogScan.adoptedAt(new ByteArrayInputStream(bytes), 5, 1 << 16, false)
        .ifPresent(h -> assertThat(h).matches("[0-9a-f]{64}"));
  }
}
