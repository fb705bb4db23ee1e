package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.PoolActivity;
import io.palisade.operator.testing.TestPools;
import io.palisade.spec.NodeVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a StakePool is doing, read from its spec and status for control's guard rails, without a cluster. */
class StakePoolActivityTest {
  static StakePoolStatus.NodeView node(String name, String role) {
    StakePoolStatus.NodeView n = new StakePoolStatus.NodeView();
    n.name = name;
    n.role = role;
    return n;
  }

  /** The test pool (relays a-0, a-1, b-0) as the operator reports it once every node runs. */
  static StakePool reported() {
    StakePool p = TestPools.stakePool();
    StakePoolStatus s = new StakePoolStatus();
    s.poolVersion = TestPools.V1;
    s.nodes = new ArrayList<>(List.of(node("block-producer", "BLOCK_PRODUCER"), node("relay-region-a-0", "RELAY"),
        node("relay-region-a-1", "RELAY"), node("relay-region-b-0", "RELAY")));
    p.setStatus(s);
    return p;
  }

  @Test
  void aPoolTheOperatorRunsAsDeclared_isSettled() {
    PoolActivity a = StakePoolActivity.of(reported());
    assertThat(a.busy()).isEmpty();
    assertThat(a.running()).isEqualTo(NodeVersion.parse(TestPools.V1));
    assertThat(StakePoolActivity.of(TestPools.stakePool()).busy()).as("no status yet: nothing known to wait for")
        .isEmpty();
  }

  // A count raised (relay add) or lowered (relay remove) before the operator acted: the change is in progress.
  @Test
  void aRelayDeclaredButNotReported_isBeingAdded_oneReportedButNoLongerDeclared_isBeingRemoved() {
    StakePool more = reported();
    more.getSpec().relays.get(1).count = 2;
    assertThat(StakePoolActivity.of(more).relaysAdding()).containsExactly("relay-region-b-1");
    assertThat(StakePoolActivity.of(more).busy()).hasValue("relay relay-region-b-1 is being added");

    StakePool fewer = reported();
    fewer.getSpec().relays.get(0).count = 1;
    assertThat(StakePoolActivity.of(fewer).relaysRemoving()).containsExactly("relay-region-a-1");
  }

  @Test
  void aRolloutAndAFailedVersion_comeFromTheStatus_theTargetFromTheSpec() {
    StakePool p = reported();
    p.getSpec().node.version = "10.5.4";
    StakePoolStatus.RolloutView r = new StakePoolStatus.RolloutView();
    r.to = "10.5.4";
    r.current = "relay-region-a-1";
    p.getStatus().rollout = r;
    StakePoolStatus.FailedVersionView f = new StakePoolStatus.FailedVersionView();
    f.version = "10.5.5";
    f.node = "relay-region-a-1";
    f.reason = "not ready";
    f.at = "not a time";
    p.getStatus().failedVersions = List.of(f);
    PoolActivity a = StakePoolActivity.of(p);
    assertThat(a.target()).isEqualTo(NodeVersion.parse("10.5.4"));
    assertThat(a.rolloutStep()).isEqualTo("relay-region-a-1");
    assertThat(a.failure(NodeVersion.parse("10.5.5"))).hasValueSatisfying(x -> assertThat(x.node())
        .isEqualTo("relay-region-a-1"));
    assertThat(a.busy()).hasValue("a rollout to 10.5.4 is in progress");
  }
}
