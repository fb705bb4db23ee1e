package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.palisade.agent.KesWarning;
import io.palisade.control.ControlState;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.testing.TestPools;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions and views from a control state. */
class StatusBuilderTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final KesCheck KES_OK = new KesCheck(KesWarning.NONE, T0.plusSeconds(86400 * 60), "fine");

  static Map<String, NodeObservation> all(ControlState s, boolean ready) {
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    s.members().forEach(m -> out.put(m.name(), new NodeObservation(m.name(), T0, true, true, true, ready,
        ready ? HealthState.SYNCED : HealthState.SYNCING, m.version(), null, null, List.of())));
    return out;
  }

  static Condition condition(StakePoolStatus s, String type) {
    return s.conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void readyPool_conditionsAndControlStateRoundTrip() {
    StakePool pool = TestPools.stakePool();
    pool.getMetadata().setGeneration(3L);
    ControlState state = PoolDesignTest.started();
    StakePoolStatus s = StatusBuilder.running(pool, new PoolNames(PoolDesignTest.LOADED.spec()), state,
        all(state, true), KES_OK, Map.of(), T0);
    assertThat(condition(s, StatusBuilder.READY).getStatus()).isEqualTo("True");
    assertThat(condition(s, StatusBuilder.READY).getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(s, StatusBuilder.DEGRADED).getReason()).isEqualTo("NodesHealthy");
    assertThat(condition(s, StatusBuilder.PROGRESSING).getReason()).isEqualTo("Idle");
    assertThat(condition(s, StatusBuilder.KES_EXPIRING).getReason()).isEqualTo("KesValid");
    assertThat(s.observedGeneration).isEqualTo(3L);
    assertThat(StatusBuilder.controlState(s)).isEqualTo(state);
  }

  // A condition keeps its transition time while its status holds, and gets a new one when it flips.
  @Test
  void transitionTime_movesOnlyWhenTheStatusChanges() {
    StakePool pool = TestPools.stakePool();
    ControlState state = PoolDesignTest.started();
    PoolNames names = new PoolNames(PoolDesignTest.LOADED.spec());
    pool.setStatus(StatusBuilder.running(pool, names, state, all(state, true), KES_OK, Map.of(), T0));
    StakePoolStatus same = StatusBuilder.running(pool, names, state, all(state, true), KES_OK, Map.of(),
        T0.plusSeconds(60));
    assertThat(condition(same, StatusBuilder.READY).getLastTransitionTime()).isEqualTo(T0.toString());
    StakePoolStatus flipped = StatusBuilder.running(pool, names, state, all(state, false), KES_OK, Map.of(),
        T0.plusSeconds(60));
    assertThat(condition(flipped, StatusBuilder.READY).getStatus()).isEqualTo("False");
    assertThat(condition(flipped, StatusBuilder.READY).getLastTransitionTime())
        .isEqualTo(T0.plusSeconds(60).toString());
    assertThat(condition(flipped, StatusBuilder.DEGRADED).getReason()).isEqualTo("NodesNotReady");
  }

  // A refused spec keeps what the pool ran on (the control state is not lost to a bad edit).
  @Test
  void invalidSpec_keepsTheControlState() {
    StakePool pool = TestPools.stakePool();
    ControlState state = PoolDesignTest.started();
    pool.setStatus(StatusBuilder.running(pool, new PoolNames(PoolDesignTest.LOADED.spec()), state, all(state, true),
        KES_OK, Map.of(), T0));
    StakePoolStatus bad = StatusBuilder.invalid(pool, List.of("spec.name: required"), T0.plusSeconds(5));
    assertThat(bad.specErrors).containsExactly("spec.name: required");
    assertThat(condition(bad, StatusBuilder.READY).getReason()).isEqualTo("InvalidSpec");
    assertThat(StatusBuilder.controlState(bad)).isEqualTo(state);
    assertThat(condition(bad, StatusBuilder.KES_EXPIRING).getReason()).isEqualTo("KesValid");
  }
}
