package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.ForgeCounters;
import io.palisade.agent.ForgeCounters.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's forge counters as the slot ledger reads them: a counter the node does not expose stays unknown. */
class AgentNodeHealthCountersTest {
  @Test
  void eachKnownCounterKeepsItsValue_andAnAbsentOneIsUnknownNotZero() {
    var c = AgentNodeHealth.counters(new ForgeCounters(Map.of(Outcome.ADOPTED, 3L, Outcome.BLOCK_FROM_FUTURE, 0L,
        Outcome.NODE_IS_LEADER, 4L)));
    assertThat(c).isEqualTo(new io.palisade.control.slots.ForgeCounters(3L, null, null, null, 0L, 4L));
    assertThat(AgentNodeHealth.counters(ForgeCounters.NONE).isUnknown()).isTrue();
  }
}
