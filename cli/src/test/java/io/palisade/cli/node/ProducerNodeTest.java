package io.palisade.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which node a command asks: flags, the pool 'palisade up' runs, or cardano-cli's variable; else a clear refusal. */
class ProducerNodeTest {
  static final String POOL = "ab".repeat(28);
  @TempDir Path dir;

  ProducerNode.Flags flags(Path socket, String network, String pool) {
    return new ProducerNode.Flags(socket, network, pool, "--stake-pool-id", null, dir.resolve("data"));
  }

  static int code(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (ExitException e) {
      return e.code();
    }
  }

  @Test
  void socketFlag_takesEverythingFromFlags() {
    ProducerNode n = ProducerNode.resolve(flags(dir.resolve("s"), "preview", POOL), Map.of());
    assertThat(n.socket()).isEqualTo(dir.resolve("s"));
    assertThat(n.pool().hex()).isEqualTo(POOL);
    assertThat(n.vrfKey()).isEmpty();
    assertThat(n.source()).contains("--socket-path");
    assertThatThrownBy(() -> ProducerNode.resolve(flags(dir.resolve("s"), null, POOL), Map.of()))
        .hasMessageContaining("--network is needed");
    assertThatThrownBy(() -> ProducerNode.resolve(flags(dir.resolve("s"), "preview", null), Map.of()))
        .hasMessageContaining("--stake-pool-id is needed");
    assertThat(code(() -> ProducerNode.resolve(flags(dir.resolve("s"), "preview", "pool1nope"), Map.of())))
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void noPoolRunning_cardanoCliVariable_thenARefusal() throws Exception {
    ProducerNode n = ProducerNode.resolve(flags(null, "mainnet", POOL),
        Map.of(ProducerNode.SOCKET_ENV, "/run/cardano/node.socket"));
    assertThat(n.socket()).isEqualTo(Path.of("/run/cardano/node.socket"));
    assertThat(n.source()).contains("CARDANO_NODE_SOCKET_PATH");
    assertThat(code(() -> ProducerNode.resolve(flags(null, null, null), Map.of()))).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThatThrownBy(() -> ProducerNode.resolve(flags(null, null, null), Map.of()))
        .hasMessageContaining("no node to ask");
    // A pool whose block producer does not run: unavailable, not a bad flag.
    Files.createDirectories(dir.resolve("data/nodes/block-producer"));
    Files.writeString(dir.resolve("data/pool.json"), "{\"name\": \"demo\", \"network\": \"preview\", \"spec\":"
        + " \"pool.yaml\"}");
    assertThat(code(() -> ProducerNode.resolve(flags(null, null, null), Map.of()))).isEqualTo(ExitCodes.UNAVAILABLE);
  }
}
