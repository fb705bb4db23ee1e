package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A pod as the control logic sees it. */
class PodObservationsTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static Pod pod(String phase, String ready, String waiting) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName("relay-a-0")
        .addToAnnotations(PoolDesign.ANNOTATION_NODE_VERSION, "10.5.3").endMetadata()
        .withNewStatus().withPhase(phase)
        .addNewCondition().withType("Ready").withStatus(ready).withMessage("not synced").endCondition()
        .addNewContainerStatus().withName("cardano-node").withStarted(waiting == null)
        .withNewState().withNewWaiting().withReason(waiting).endWaiting().endState().endContainerStatus()
        .endStatus();
    return b.build();
  }

  @Test
  void readyPod_isSyncedWithItsVersion() {
    NodeObservation o = PodObservations.observe("relay-a-0", "relay-a-0", pod("Running", "True", null), NOW);
    assertThat(o.ready()).isTrue();
    assertThat(o.state()).isEqualTo(HealthState.SYNCED);
    assertThat(o.version()).hasToString("10.5.3");
  }

  // No pod is the StatefulSet's to recreate: starting, not a failure to heal.
  @Test
  void missingPod_isStartingNotDown() {
    NodeObservation o = PodObservations.observe("relay-a-0", "relay-a-0", null, NOW);
    assertThat(o.processAlive()).isTrue();
    assertThat(o.live()).isTrue();
    assertThat(o.ready()).isFalse();
    assertThat(o.reasonText()).contains("no pod relay-a-0");
  }

  @Test
  void crashLooping_isDownWithTheReason_butLeftToTheKubelet() {
    NodeObservation o = PodObservations.observe("relay-a-0", "relay-a-0",
        pod("Running", "False", "CrashLoopBackOff"), NOW);
    assertThat(o.state()).isEqualTo(HealthState.DOWN);
    assertThat(o.live()).isTrue();
    assertThat(o.reasonText()).contains("CrashLoopBackOff").contains("not synced");
  }

  @Test
  void unparsableVersion_isUnknown() {
    Pod p = pod("Running", "True", null);
    p.getMetadata().getAnnotations().put(PoolDesign.ANNOTATION_NODE_VERSION, "latest");
    assertThat(PodObservations.versionOf(p)).isNull();
  }
}
