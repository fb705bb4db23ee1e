package io.palisade.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.http.AgentMetricsText;
import io.palisade.agent.http.ServedEpoch;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.control.api.PoolMetricsText;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.spec.NodeVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes agent's leader-slot series and the single-host control plane's are one contract: the same names, the
 * same help and type lines, the same value for the same schedule and time, so one alert or dashboard reads both. The
 * agent does not depend on {@code control} (it writes the names itself); this module sees both and holds them equal.
 */
class LeaderSlotSeriesAgreeTest {
  @Test
  void theSameSchedule_givesTheSameSeries_fromTheAgentAndTheControlPlane() {
    var genesis = KnownNetwork.PREVIEW.genesis();
    ChainClock any = new ChainClock(genesis, Clock.systemUTC());
    long epoch = 700;
    long first = any.firstSlotOfEpoch(epoch);
    List<Long> slots = List.of(first + 10, first + 250);
    Instant now = any.startOfSlot(first + 100).plusMillis(500);

    LeaderSlotGauges gauges = LeaderSlotGauges.of(Optional.empty(),
        Optional.of(EpochSlots.empty(epoch).withSchedule(slots)), now, any::startOfSlot);
    String control = PoolMetricsText.render(new PoolStatus("p", "preview", "/d", now, true, NodeVersion.parse("10.5.3"),
        NodeVersion.parse("10.5.3"), List.of(), null, null, List.of(), List.of(), null, List.of(), List.of(), null),
        gauges);
    String json = "{\"epoch\": " + epoch + ", \"leaderSlots\": [{\"slot\": " + slots.get(0) + "}, {\"slot\": "
        + slots.get(1) + "}]}";
    ServedEpoch served = ServedEpoch.parse(epoch, json.getBytes(StandardCharsets.UTF_8), any).epoch().orElseThrow();
    String agent = AgentMetricsText.render(null, List.of(served),
        new ChainClock(genesis, Clock.fixed(now, ZoneOffset.UTC)));

    for (String name : List.of(AgentMetricsText.SCHEDULED, AgentMetricsText.NEXT_SLOT_SECONDS)) {
      assertThat(lines(agent, name)).as(name).isNotEmpty().isEqualTo(lines(control, name));
    }
    // The values: the control plane's carry its pool label, the agent's get theirs from the scrape's relabelling.
    assertThat(control).contains(AgentMetricsText.SCHEDULED + "{pool=\"p\",epoch=\"700\"} 2\n")
        .contains(AgentMetricsText.NEXT_SLOT_SECONDS + "{pool=\"p\"} 149.5\n");
    assertThat(agent).contains(AgentMetricsText.SCHEDULED + "{epoch=\"700\"} 2\n")
        .contains(AgentMetricsText.NEXT_SLOT_SECONDS + " 149.5\n");
  }

  /** The help and type lines of one series. */
  private static List<String> lines(String text, String name) {
    return text.lines().filter(l -> l.startsWith("# HELP " + name + " ") || l.startsWith("# TYPE " + name + " "))
        .toList();
  }
}
