package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import io.palisade.spec.NodeRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files and answers written by the previous version (before the API records used enums and events typed reasons;
 * resources under {@code previous-version/}, written by the code of 92d4658's records) read back into today's records
 * and write out the same JSON: a state.json a running pool left, its event log, and {@code GET /v1/status} (what
 * {@code palisade status --json} prints for scripts).
 */
class PreviousVersionFilesTest {
  static String resource(String name) throws IOException {
    try (InputStream in = PreviousVersionFilesTest.class.getResourceAsStream("/previous-version/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * What today's records write after reading {@code text} as {@code type}, as a JSON tree (a JSON object's keys are
   * unordered: {@code previousVersions} is a map).
   */
  static JsonNode roundTrip(String text, Class<?> type) throws IOException {
    return StateJson.MAPPER.readTree(StateJson.MAPPER.writeValueAsString(StateJson.MAPPER.readValue(text, type)));
  }

  @Test
  void stateFiles_mid_rollout_rollback_and_settled_load_andWriteTheSameJson() throws Exception {
    for (String name : List.of("state-rollout.json", "state-rollback.json", "state-settled.json")) {
      String text = resource(name);
      ControlState state = StateJson.MAPPER.readValue(text, ControlState.class);
      assertThat(state.members()).as(name).hasSize(4);
      assertThat(roundTrip(text, ControlState.class)).as(name).isEqualTo(StateJson.MAPPER.readTree(text));
    }
    ControlState rollback = StateJson.MAPPER.readValue(resource("state-rollback.json"), ControlState.class);
    assertThat(rollback.rollout().phase()).isEqualTo(RolloutState.Phase.ROLLING_BACK);
    assertThat(rollback.failedVersions()).extracting(f -> f.version().toString()).containsExactly("10.7.0");
    ControlState rollout = StateJson.MAPPER.readValue(resource("state-rollout.json"), ControlState.class);
    assertThat(rollout.rollout().done()).hasSize(1);
    assertThat(rollout.members()).extracting(MemberState::phase).containsOnly(MemberState.Phase.RUNNING);
  }

  @Test
  void theEventLog_loads_everyReasonIsAKnownOne_andWritesTheSameLines() throws Exception {
    List<String> lines = resource("events.jsonl").lines().toList();
    assertThat(lines).hasSizeGreaterThan(20);
    List<String> known = Arrays.stream(ControlEvent.Reason.values()).map(ControlEvent.Reason::wire).toList();
    for (String line : lines) {
      ControlEvent e = StateJson.MAPPER.readValue(line, ControlEvent.class);
      assertThat(known).contains(e.reason());
      assertThat(StateJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e))
          .isEqualTo(line);
    }
  }

  @Test
  void theStatusAnswer_loadsIntoTheEnums_andWritesTheSameJson() throws Exception {
    String text = resource("status.json");
    PoolStatus status = StateJson.MAPPER.readValue(text, PoolStatus.class);
    NodeStatus bp = status.nodes().get(0);
    NodeStatus relay = status.nodes().get(1);
    assertThat(bp.role()).isEqualTo(NodeRole.BLOCK_PRODUCER);
    assertThat(bp.phase()).isEqualTo(MemberState.Phase.RUNNING);
    assertThat(bp.state()).isEqualTo(HealthState.SYNCED);
    assertThat(relay.role()).isEqualTo(NodeRole.RELAY);
    assertThat(relay.phase()).isEqualTo(MemberState.Phase.RESTART_PENDING);
    assertThat(relay.state()).isEqualTo(HealthState.DOWN);
    assertThat(status.keys().state()).isEqualTo(HotKeyStatus.State.INSTALLED);
    assertThat(roundTrip(text, PoolStatus.class)).isEqualTo(StateJson.MAPPER.readTree(text));
  }
}
