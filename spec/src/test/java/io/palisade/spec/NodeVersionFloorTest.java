package io.palisade.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one rule for which node versions Palisade can configure. */
class NodeVersionFloorTest {
  private final NodeVersionFloor preview = new NodeVersionFloor("preview", NodeVersion.parse("10.4.0"));

  @Test
  void olderThanTheOldestOfficialConfiguration_isRefusedWithTheReason() {
    assertThat(preview.refusal(NodeVersion.parse("9.0.0"))).contains("cardano-node 9.0.0 is older than every"
        + " official preview configuration Palisade ships (the oldest needs 10.4.0)");
  }

  @Test
  void theOldestAndAnythingNewer_areAccepted() {
    assertThat(preview.refusal(NodeVersion.parse("10.4.0"))).isEmpty();
    assertThat(preview.refusal(NodeVersion.parse("10.6.2"))).isEmpty();
    assertThat(preview.refusal(NodeVersion.parse("11.0.0"))).isEmpty();
  }
}
