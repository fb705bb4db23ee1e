package io.palisade.operator.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.testing.TestPools;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which relays a new spec drops, as {@link StakePools#apply} judges it. */
class StakePoolsTest {
  static final String A0 = "relay-region-a-0";
  static final String A1 = "relay-region-a-1";
  static final String B0 = "relay-region-b-0";

  static StakePool running(int regionACount, String... relays) {
    StakePool p = TestPools.stakePool();
    p.getSpec().relays.get(0).count = regionACount;
    StakePoolStatus s = new StakePoolStatus();
    s.nodes = new ArrayList<>();
    for (String r : relays) {
      StakePoolStatus.NodeView v = new StakePoolStatus.NodeView();
      v.name = r;
      v.role = "RELAY";
      s.nodes.add(v);
    }
    p.setStatus(s);
    return p;
  }

  // A spec that drops a running relay is refused by apply...
  @Test
  void aSpecDroppingARunningRelay_dropsIt() {
    var smaller = TestPools.stakePool().getSpec();
    smaller.relays.get(0).count = 1;
    assertThat(StakePools.relaysDropped(running(2, A0, A1, B0), smaller)).containsExactly(A1);
  }

  // ...unless its removal was already asked for: the live spec no longer declares it, the relay still runs.
  @Test
  void aRemovalAlreadyAskedFor_isNotADrop() {
    var smaller = TestPools.stakePool().getSpec();
    smaller.relays.get(0).count = 1;
    assertThat(StakePools.relaysDropped(running(1, A0, A1, B0), smaller)).isEmpty();
    smaller.relays.remove(1);
    assertThat(StakePools.relaysDropped(running(1, A0, A1, B0), smaller)).isEqualTo(List.of(B0));
  }
}
