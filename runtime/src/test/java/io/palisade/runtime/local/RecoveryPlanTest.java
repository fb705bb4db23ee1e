package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.MemberState.Phase;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.UpgradePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a control plane starting on a data directory does with the nodes it finds, decided without any process. */
class RecoveryPlanTest {
  static final NodeVersion V1 = NodeVersion.parse("10.5.3");
  static final NodeVersion V2 = NodeVersion.parse("10.6.0");
  static final NodeRef BP = new NodeRef("block-producer", NodeRole.BLOCK_PRODUCER, null, 0);
  static final NodeRef A0 = new NodeRef("relay-a-0", NodeRole.RELAY, "a", 0);
  static final NodeRef B0 = new NodeRef("relay-b-0", NodeRole.RELAY, "b", 0);

  /** Every node running, relay-a-0 already moved to V2 by a rollout step. */
  static ControlState saved() {
    ControlState s = ControlState.initial(new DesiredPool("p", List.of(BP, A0, B0), V1,
        new UpgradePolicy(Duration.ofSeconds(30), Duration.ofSeconds(5))));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return s.mapMembers(m -> m.restartedAt(t)).withMember("relay-a-0", m -> m.withVersion(V2));
  }

  @Test
  void adoptedNodesOnTheirVersion_runOn_theOthersStartAfresh_theWrongVersionIsStoppedFirst() {
    // block-producer runs V1 as it should; relay-a-0 runs V1 but should run V2 (a crash mid-step); relay-b-0 is gone.
    RecoveryPlan plan = RecoveryPlan.of(saved(), List.of("block-producer", "relay-a-0"),
        Map.of("block-producer", V1, "relay-a-0", V1));
    assertThat(plan.stop()).containsExactly("relay-a-0");
    assertThat(plan.state().members()).extracting(MemberState::phase)
        .containsExactly(Phase.RUNNING, Phase.NEW, Phase.NEW);
    assertThat(plan.state().member("relay-a-0").orElseThrow().version()).as("restarted on the right one")
        .isEqualTo(V2);
  }

  @Test
  void aNodeWhoseVersionIsUnknown_isAdoptedAsItRuns() {
    RecoveryPlan plan = RecoveryPlan.of(saved(), List.of("block-producer", "relay-a-0", "relay-b-0"), Map.of());
    assertThat(plan.stop()).isEmpty();
    assertThat(plan.state()).isEqualTo(saved());
  }

  @Test
  void aFailedNodeStaysFailed_evenWhenNotRunning() {
    ControlState s = saved().withMember("relay-b-0", m -> m.withPhase(Phase.FAILED).withFailures(4, "gave up"));
    RecoveryPlan plan = RecoveryPlan.of(s, List.of("block-producer", "relay-a-0"), Map.of());
    assertThat(plan.state().member("relay-b-0").orElseThrow().phase()).isEqualTo(Phase.FAILED);
  }
}
