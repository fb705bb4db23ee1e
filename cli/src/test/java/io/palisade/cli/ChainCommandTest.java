package io.palisade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code palisade chain now}. */
class ChainCommandTest {
  @Test
  void now_atARealBlockTime_printsItsSlot() {
    // A real mainnet block: slot 39874139 at 2021-09-12 09:53:50.35 UTC (cardano-db-sync issue #810).
    CliRun run = CliRun.run("chain", "now", "--network", "mainnet", "--at", "2021-09-12T09:53:50.35Z");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("slot                39874139").contains("epoch               289");
  }

  @Test
  void now_json_hasEveryField() throws Exception {
    CliRun run = CliRun.run("chain", "now", "--network", "preview", "--at", "2025-04-28T08:40:34Z", "--json");
    assertThat(run.code()).isZero();
    JsonNode json = JsonOption.mapper().readTree(run.out());
    assertThat(json.get("epoch").asLong()).isEqualTo(916);
    assertThat(json.get("kesPeriod").asLong()).isEqualTo(json.get("slot").asLong() / 129_600);
    assertThat(json.get("nextKesPeriodStart").asText()).endsWith("Z");
    assertThat(json.get("networkMagic").asLong()).isEqualTo(2);
  }

  @Test
  void badNetwork_badTime_timeBeforeGenesis_exit2() {
    assertThat(CliRun.run("chain", "now", "--network", "mars").err()).contains("--network must be mainnet");
    CliRun badTime = CliRun.run("chain", "now", "--network", "mainnet", "--at", "yesterday");
    assertThat(badTime.code()).isEqualTo(2);
    assertThat(badTime.err()).contains("ISO-8601");
    CliRun early = CliRun.run("chain", "now", "--network", "preview", "--at", "2020-01-01T00:00:00Z");
    assertThat(early.code()).isEqualTo(2);
    assertThat(early.err()).contains("before the system start");
  }
}
