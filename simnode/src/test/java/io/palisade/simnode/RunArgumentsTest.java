package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** cardano-node's run arguments. */
class RunArgumentsTest {
  static final List<String> RELAY = List.of("--topology", "t.json", "--database-path", "db", "--socket-path",
      "node.socket", "--port", "3001", "--config", "config.json", "--host-addr", "127.0.0.1");

  @Test
  void relayArguments_parse_andRoundTrip() {
    RunArguments a = RunArguments.parse(RELAY);
    assertThat(a.topology()).isEqualTo(Path.of("t.json"));
    assertThat(a.port()).isEqualTo(3001);
    assertThat(a.hostAddr()).isEqualTo("127.0.0.1");
    assertThat(a.isBlockProducer()).isFalse();
    assertThat(RunArguments.parse(a.toList())).isEqualTo(a);
  }

  @Test
  void blockProducer_needsAllThreeCredentials() {
    List<String> bp = new java.util.ArrayList<>(RELAY);
    bp.addAll(List.of("--shelley-kes-key", "kes.skey", "--shelley-vrf-key", "vrf.skey",
        "--shelley-operational-certificate", "node.cert"));
    assertThat(RunArguments.parse(bp).isBlockProducer()).isTrue();
    assertThat(RunArguments.parse(bp).nonProducing()).isFalse();
    bp.add(2, "--start-as-non-producing-node");
    RunArguments standby = RunArguments.parse(bp);
    assertThat(standby.nonProducing()).isTrue();
    assertThat(RunArguments.parse(standby.toList())).isEqualTo(standby);
    List<String> partial = new java.util.ArrayList<>(RELAY);
    partial.addAll(List.of("--shelley-kes-key", "kes.skey"));
    assertThatThrownBy(() -> RunArguments.parse(partial)).hasMessageContaining("needs all of");
  }

  @Test
  void missingUnknownAndMalformed_areNamed() {
    assertThatThrownBy(() -> RunArguments.parse(List.of("--port", "1")))
        .hasMessage("missing --topology, --database-path, --socket-path, --config");
    assertThatThrownBy(() -> RunArguments.parse(List.of("--frob", "x"))).hasMessageContaining("unknown option --frob");
    assertThatThrownBy(() -> RunArguments.parse(List.of("--port", "70000"))).hasMessageContaining("--port must be");
    assertThatThrownBy(() -> RunArguments.parse(List.of("--port"))).hasMessageContaining("missing value after --port");
  }

  @Property(tries = 300)
  void anyArguments_parseOrFailWithAMessage(@ForAll @Size(max = 12) List<@net.jqwik.api.From("words") String> args) {
    try {
      RunArguments.parse(args);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> words() {
    return Arbitraries.oneOf(Arbitraries.of("--topology", "--port", "--config", "--database-path", "--socket-path",
        "--host-addr", "--shelley-kes-key", "-1", "99999", "x"), Arbitraries.strings().ofMaxLength(8));
  }
}
