package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.deploy.model.RenderOptions;
import io.palisade.operator.testing.TestPools;
import io.palisade.spec.LoadedPoolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A StakePool is checked with pool.yaml's own rules, and errors carry their field path under spec. */
class PoolSpecCheckTest {
  @Test
  void validPool_loadsLikeTheFile() {
    LoadedPoolSpec loaded = PoolSpecCheck.check(TestPools.stakePool(), RenderOptions.defaults());
    assertThat(loaded.spec().name()).isEqualTo("tpool");
    assertThat(loaded.spec().relayRefs()).hasSize(3);
    assertThat(loaded.spec().upgrade().holdOff()).hasMillis(400);
  }

  // The same mistakes a pool.yaml can make get the same messages, each with its path, all at once.
  @Test
  void invalidPool_everyErrorWithItsFieldPath() {
    StakePool p = TestPools.stakePool();
    p.getSpec().relays.get(1).port = 0;
    p.getSpec().node.version = "ten";
    p.getSpec().upgrade.deadlinePerNode = "5s";
    assertThatThrownBy(() -> PoolSpecCheck.check(p, RenderOptions.defaults()))
        .isInstanceOfSatisfying(InvalidStakePoolException.class, e -> assertThat(e.errors())
            .anySatisfy(x -> assertThat(x).startsWith("spec.relays[1].port: "))
            .anySatisfy(x -> assertThat(x).startsWith("spec.node.version: ").contains("\"ten\""))
            .anySatisfy(x -> assertThat(x).startsWith("spec.upgrade.deadlinePerNode: ").contains("at least 10s")));
  }

  @Test
  void wrongNameOrNamespace_isRefused() {
    StakePool p = TestPools.stakePool();
    p.getMetadata().setName("other");
    p.getMetadata().setNamespace("default");
    assertThatThrownBy(() -> PoolSpecCheck.check(p, RenderOptions.defaults()))
        .isInstanceOfSatisfying(InvalidStakePoolException.class, e -> assertThat(e.errors()).containsExactly(
            "metadata.name: must be the pool's name \"tpool\" (spec.name), was: \"other\"",
            "metadata.namespace: must be the pool's namespace \"tpool-pool\", was: \"default\""));
  }

  // What Kubernetes rendering refuses (no Palisade image) is an error too.
  @Test
  void notRenderable_isRefused() {
    StakePool p = TestPools.stakePool();
    p.getSpec().palisade = null;
    assertThatThrownBy(() -> PoolSpecCheck.check(p, RenderOptions.defaults()))
        .isInstanceOfSatisfying(InvalidStakePoolException.class, e -> assertThat(e.errors())
            .singleElement().satisfies(x -> assertThat(x).startsWith("spec: ").contains("palisade.image")));
  }

  // The example pool.yaml maps onto a StakePool and back without losing a field.
  @Test
  void examplePool_roundTrips() throws Exception {
    String text = Files.readString(Path.of("../examples/pool.yaml"));
    StakePoolSpec spec = PoolSpecCheck.fromYaml(text);
    assertThat(PoolSpecCheck.fromYaml(PoolSpecCheck.toYaml(spec))).usingRecursiveComparison().isEqualTo(spec);
    assertThat(spec.relays).hasSize(3);
    assertThat(spec.registry.isPrivate).isTrue();
    assertThat(spec.peers.publicRoots.get(0).address).isEqualTo("relay1.friendly-pool.example");
    assertThat(spec.console.destructiveDelay).isEqualTo("7d");
  }

  @Test
  void unknownField_isNotSilentlyDropped() {
    assertThatThrownBy(() -> PoolSpecCheck.fromYaml(TestPools.yaml() + "\nsurprise: 1\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surprise");
  }
}
