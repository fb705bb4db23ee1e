package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.palisade.spec.binding.Problems;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blockProducer.standby: a second block producer, its name rules and its place among the pool's nodes. */
class StandbySpecTest {
  private static final String BASE = """
      name: pool
      network: preprod
      node:
        version: 10.5.3
      registry:
        host: registry.example.com
        private: true
      relays:
        - region: eu
          count: 2
          publicAddress: relays-eu.example.com
      """;

  @TempDir Path dir;

  private final PoolSpecLoader loader = new PoolSpecLoader();

  @Test
  void standby_isASecondBlockProducer_afterTheFirst_beforeTheRelays() {
    PoolSpec spec = loader.parse(BASE + """
        blockProducer:
          name: bp
          standby:
            name: bp-standby
            storage: {size: 200Gi}
        """, "pool.yaml", dir).spec();
    assertThat(spec.nodes()).extracting(NodeRef::name).containsExactly("bp", "bp-standby", "relay-eu-0", "relay-eu-1");
    assertThat(spec.standbyRef()).hasValue(new NodeRef("bp-standby", NodeRole.BLOCK_PRODUCER, null, 1));
    assertThat(spec.producerRefs()).extracting(NodeRef::name).containsExactly("bp", "bp-standby");
    assertThat(spec.blockProducer().standby().storage().size()).isEqualTo(Quantity.parse("200Gi"));
  }

  @Test
  void noStandby_isOneProducer() {
    PoolSpec spec = loader.parse(BASE, "pool.yaml", dir).spec();
    assertThat(spec.standbyRef()).isEmpty();
    assertThat(spec.producerRefs()).extracting(NodeRef::name).containsExactly("block-producer");
  }

  @Test
  void standbyNamedLikeTheProducer_orARelay_orMissingItsName_isAnErrorAtItsPath() {
    assertThat(errors(BASE + "blockProducer:\n  standby:\n    name: block-producer\n"))
        .anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("blockProducer.standby.name");
          assertThat(p.message()).contains("is the block producer's own");
        });
    assertThat(errors(BASE + "blockProducer:\n  standby:\n    name: relay-eu-1\n"))
        .anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("blockProducer.standby.name");
          assertThat(p.message()).contains("also the name of a relay in region eu; rename the standby");
        });
    assertThat(errors(BASE + "blockProducer:\n  standby: {}\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("blockProducer.standby.name"));
    assertThat(errors(BASE + "blockProducer:\n  standby:\n    name: Not_A_Label\n"))
        .anySatisfy(p -> assertThat(p.path()).isEqualTo("blockProducer.standby.name"));
    assertThat(errors(BASE + "blockProducer:\n  standby:\n    name: sb\n    zone: b\n"))
        .anySatisfy(p -> assertThat(p.message()).contains("unknown field 'zone'"));
  }

  @Test
  void standbyLimitsBelowRequests_isAnError() {
    assertThat(errors(BASE + """
        blockProducer:
          standby:
            name: sb
            resources:
              requests: {cpu: "4"}
              limits: {cpu: "2"}
        """)).extracting(Problems.Problem::path).containsExactly("blockProducer.standby.resources.limits.cpu");
  }

  private java.util.List<Problems.Problem> errors(String yaml) {
    return catchThrowableOfType(InvalidPoolSpecException.class, () -> loader.parse(yaml, "pool.yaml", dir)).errors();
  }
}
