package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault files are hostile input too: anything ends in faults or a named error. */
class FaultsTest {
  @TempDir Path dir;

  @Test
  void missingOrEmptyFile_meansNoFault() throws Exception {
    assertThat(Faults.read(dir.resolve("absent.json"))).isEqualTo(Faults.NONE);
    Files.writeString(dir.resolve("empty.json"), "  \n");
    assertThat(Faults.read(dir.resolve("empty.json"))).isEqualTo(Faults.NONE);
  }

  @Test
  void poolAndNodeFiles_combine() throws Exception {
    Files.writeString(dir.resolve("pool.json"), "{\"neverReadyVersions\": [\"10.6.0\"]}");
    Files.writeString(dir.resolve("node.json"), "{\"hang\": true, \"neverReadyVersions\": [\"10.7.0\"]}");
    Faults f = Faults.readAll(dir.resolve("pool.json") + ":" + dir.resolve("node.json") + ":" + dir.resolve("x"));
    assertThat(f.hang()).isTrue();
    assertThat(f.neverReadyVersions()).isEqualTo(Set.of("10.6.0", "10.7.0"));
  }

  @Test
  void forgeFaults_parseAndCombine_aSkewOutOfRangeIsNamed() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{\"notSynced\": true, \"clockBehindSeconds\": 30}");
    Files.writeString(dir.resolve("b.json"), "{\"clockBehindSeconds\": 90, \"loseSlotBattles\": true}");
    Faults f = Faults.readAll(dir.resolve("a.json") + ":" + dir.resolve("b.json"));
    assertThat(f.notSynced()).isTrue();
    assertThat(f.clockBehindSeconds()).isEqualTo(90);
    assertThat(f.forge().loseSlotBattles()).isTrue();
    Files.writeString(dir.resolve("c.json"), "{\"clockBehindSeconds\": -1}");
    assertThatThrownBy(() -> Faults.read(dir.resolve("c.json"))).hasMessageContaining("c.json")
        .hasMessageContaining("clockBehindSeconds must be 0 to 86400, was -1");
    Files.writeString(dir.resolve("d.json"), "{\"clockBehindSeconds\": 1e30}");
    assertThatThrownBy(() -> Faults.read(dir.resolve("d.json"))).hasMessageContaining("d.json");
  }

  @Test
  void unknownFieldOrWrongType_isNamed() throws Exception {
    Files.writeString(dir.resolve("f.json"), "{\"crahs\": true}");
    assertThatThrownBy(() -> Faults.read(dir.resolve("f.json"))).hasMessageContaining("crahs")
        .hasMessageContaining("fields: crash");
    Files.writeString(dir.resolve("g.json"), "{\"hang\": \"yes please\"}");
    assertThatThrownBy(() -> Faults.read(dir.resolve("g.json"))).hasMessageContaining("g.json");
    Files.writeString(dir.resolve("h.json"), "[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]");
    assertThatThrownBy(() -> Faults.read(dir.resolve("h.json"))).hasMessageContaining("h.json");
  }

  @Test
  void partition_parsesCombinesAndAnswersOnlyTheAddressesItNames() throws Exception {
    Files.writeString(dir.resolve("pool.json"), "{\"reachableFrom\": [\"127.0.0.2\", \"::1\"]}");
    Files.writeString(dir.resolve("node.json"), "{\"partitioned\": true, \"reachableFrom\": [\"127.000.0.3\"]}");
    Faults f = Faults.readAll(dir.resolve("pool.json") + ":" + dir.resolve("node.json"));
    assertThat(f.partitioned()).isTrue();
    assertThat(f.reachableFrom()).as("canonical forms").containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3",
        "0:0:0:0:0:0:0:1");
    assertThat(f.reaches(InetAddress.getByName("127.0.0.2"))).isTrue();
    assertThat(f.reaches(InetAddress.getByName("::1"))).isTrue();
    assertThat(f.reaches(InetAddress.getByName("127.0.0.1"))).as("the control plane's address").isFalse();
    assertThat(f.reaches(null)).isFalse();
    Faults open = Faults.read(dir.resolve("pool.json"));
    assertThat(open.partitioned()).isFalse();
    assertThat(open.reaches(InetAddress.getByName("127.0.0.1"))).as("no partition: everybody").isTrue();
    assertThat(Faults.NONE.reaches(null)).isTrue();
  }

  @Test
  void partition_hostileAddresses_areNamedAndNeverLookedUp() throws Exception {
    for (String bad : List.of("\"localhost\"", "\"example.invalid\"", "\"256.0.0.1\"", "\"1.2.3\"",
        "\"::1%lo\"", "\"1:2:3:4:5:6:7:8:9\"", "\"\"", "null", "7", "{\"a\": 1}",
        "\"" + "1".repeat(5000) + "\"")) {
      Path file = dir.resolve("bad.json");
      Files.writeString(file, "{\"partitioned\": true, \"reachableFrom\": [" + bad + "]}");
      assertThatThrownBy(() -> Faults.read(file)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bad.json");
    }
    Files.writeString(dir.resolve("name.json"), "{\"reachableFrom\": [\"localhost\"]}");
    assertThatThrownBy(() -> Faults.read(dir.resolve("name.json")))
        .hasMessageContaining("not an IP address literal: localhost");
    String many = java.util.stream.IntStream.range(0, Faults.MAX_REACHABLE_FROM + 1)
        .mapToObj(i -> "\"127.0.1." + i + "\"").collect(java.util.stream.Collectors.joining(","));
    Files.writeString(dir.resolve("many.json"), "{\"reachableFrom\": [" + many + "]}");
    assertThatThrownBy(() -> Faults.read(dir.resolve("many.json"))).hasMessageContaining("many.json")
        .hasMessageContaining("at most 16 addresses");
    Files.writeString(dir.resolve("flag.json"), "{\"partitioned\": \"yes\"}");
    assertThatThrownBy(() -> Faults.read(dir.resolve("flag.json"))).hasMessageContaining("flag.json");
  }

  @Property(tries = 200)
  void anyBytes_giveFaultsOrANamedError(@ForAll byte[] bytes) throws Exception {
    Path f = Files.createTempFile("faults", ".json");
    try {
      Files.write(f, bytes);
      try {
        Faults.read(f);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).contains(f.toString());
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
