package io.palisade.control;

import static io.palisade.control.PoolControllerTest.A0;
import static io.palisade.control.PoolControllerTest.A1;
import static io.palisade.control.PoolControllerTest.B0;
import static io.palisade.control.PoolControllerTest.BP;
import static io.palisade.control.PoolControllerTest.V1;
import static io.palisade.control.PoolControllerTest.V2;
import static io.palisade.control.PoolControllerTest.healthyPool;
import static io.palisade.control.PoolControllerTest.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.control.PoolCommands.Verdict;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.NodeVersionFloor;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guard rails of the operator's commands, on fixed activities and on the fake pool. */
class PoolCommandsTest {
  static final NodeVersion V3 = NodeVersion.parse("10.7.0");
  static final FailedVersion V3_FAILED = new FailedVersion(V3, Instant.EPOCH, "relay-a-0", "not ready within 30s");

  static final VersionRule NO_FLOOR = new VersionRule(Optional.empty(), false, "pass --allow-downgrade");
  static final VersionRule PREVIEW = new VersionRule(
      Optional.of(new NodeVersionFloor("preview", NodeVersion.parse("10.4.0"))), false, "pass --allow-downgrade");

  static PoolActivity settled() {
    return new PoolActivity(V1, V1, null, null, List.of(), List.of(), List.of());
  }

  static PoolActivity rollingOutTo(NodeVersion v, String step) {
    return new PoolActivity(V1, v, v, step, List.of(), List.of(), List.of());
  }

  @Test
  void aSettledPool_takesEveryCommand() {
    assertThat(PoolCommands.upgrade(settled(), V2, NO_FLOOR, false, "retry so").kind()).isEqualTo(Verdict.Kind.GO);
    assertThat(PoolCommands.addRelay(settled()).kind()).isEqualTo(Verdict.Kind.GO);
    assertThat(PoolCommands.restartNode(settled(), "relay-a-0").kind()).isEqualTo(Verdict.Kind.GO);
  }

  // One change at a time, in one wording: a rollout, a relay being added or removed, a rollout about to start.
  @Test
  void anythingInProgress_refusesTheOtherCommands_withTheSameSentence() {
    PoolActivity rollout = rollingOutTo(V2, "relay-a-0");
    assertThat(PoolCommands.upgrade(rollout, V3, NO_FLOOR, false, "").message())
        .isEqualTo("a rollout to 10.6.0 is in progress; upgrade after it");
    assertThat(PoolCommands.addRelay(rollout).message())
        .isEqualTo("a rollout to 10.6.0 is in progress; add the relay after it");

    PoolActivity adding = new PoolActivity(V1, V1, null, null, List.of(), List.of("relay-a-2"), List.of());
    assertThat(PoolCommands.upgrade(adding, V2, NO_FLOOR, false, "").message())
        .isEqualTo("relay relay-a-2 is being added; upgrade after it");
    assertThat(PoolCommands.addRelay(adding).message()).isEqualTo("relay relay-a-2 is being added; add the relay"
        + " after it");

    PoolActivity removing = new PoolActivity(V1, V1, null, null, List.of(), List.of(), List.of("relay-a-1"));
    assertThat(PoolCommands.addRelay(removing).message()).startsWith("relay relay-a-1 is being removed;");
    assertThat(PoolCommands.upgrade(removing, V2, NO_FLOOR, false, "").accepted()).isFalse();

    PoolActivity starting = new PoolActivity(V1, V2, null, null, List.of(), List.of(), List.of());
    assertThat(starting.moving()).isTrue();
    assertThat(PoolCommands.upgrade(starting, V3, NO_FLOOR, false, "").message())
        .isEqualTo("a rollout to 10.6.0 is in progress (starting, from 10.5.3); upgrade after it");
    assertThat(PoolCommands.addRelay(starting).accepted()).isFalse();
  }

  @Test
  void anUpgradeToTheRunningVersion_changesNothing_orSetsAFailedTargetBack() {
    Verdict same = PoolCommands.upgrade(settled(), V1, NO_FLOOR, false, "");
    assertThat(same.accepted()).isFalse();
    assertThat(same.message()).isEqualTo("the pool already runs 10.5.3; nothing changed");

    // The pool was asked for V3, which failed and was rolled back: the target stays V3 until set back.
    PoolActivity rolledBack = new PoolActivity(V1, V3, null, null, List.of(V3_FAILED), List.of(), List.of());
    assertThat(rolledBack.moving()).as("a failed target is settled").isFalse();
    Verdict back = PoolCommands.upgrade(rolledBack, V1, NO_FLOOR, false, "");
    assertThat(back.kind()).isEqualTo(Verdict.Kind.SET_BACK);
    assertThat(back.message()).contains("set back to 10.5.3").contains("10.7.0 failed");
  }

  @Test
  void aFailedVersion_isNeverRetriedByItself_onlyOnAnExplicitRetry() {
    PoolActivity failed = new PoolActivity(V1, V1, null, null, List.of(V3_FAILED), List.of(), List.of());
    Verdict refused = PoolCommands.upgrade(failed, V3, NO_FLOOR, false, "pass --retry to try it again");
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.message()).isEqualTo("version 10.7.0 failed a rollout on relay-a-0 (not ready within 30s)"
        + " and is never retried by itself; pass --retry to try it again");
    assertThat(PoolCommands.upgrade(failed, V3, NO_FLOOR, true, "").kind()).isEqualTo(Verdict.Kind.RETRY);
    assertThat(PoolCommands.upgrade(failed, V2, NO_FLOOR, false, "").kind()).isEqualTo(Verdict.Kind.GO);
  }

  // issue 17: 'upgrade --version 9.0.0' stopped a relay that could never start on it; render refuses it up front.
  @Test
  void aVersionBelowTheNetworksFloor_isRefusedFirst_inRendersWords() {
    Verdict v = PoolCommands.upgrade(settled(), NodeVersion.parse("9.0.0"), PREVIEW, false, "");
    assertThat(v.accepted()).isFalse();
    assertThat(v.message()).isEqualTo("cardano-node 9.0.0 is older than every official preview configuration"
        + " Palisade ships (the oldest needs 10.4.0)");
    // Whatever else the pool does, and even when downgrades are allowed: no node could ever start on it.
    VersionRule allowing = new VersionRule(PREVIEW.floor(), true, "");
    assertThat(PoolCommands.upgrade(rollingOutTo(V2, "relay-a-0"), NodeVersion.parse("9.0.0"), allowing, false, "")
        .message()).startsWith("cardano-node 9.0.0 is older than every official preview configuration");
    assertThat(PoolCommands.upgrade(settled(), NodeVersion.parse("10.4.0"), allowing, false, "").accepted()).isTrue();
  }

  @Test
  void aDowngrade_isRefused_unlessAllowed() {
    PoolActivity onV2 = new PoolActivity(V2, V2, null, null, List.of(), List.of(), List.of());
    Verdict refused = PoolCommands.upgrade(onV2, V1, PREVIEW, false, "");
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.message()).isEqualTo("10.5.3 is older than 10.6.0, the version the pool runs: a downgrade is"
        + " refused unless asked for; pass --allow-downgrade");
    VersionRule allowing = new VersionRule(PREVIEW.floor(), true, "");
    assertThat(PoolCommands.upgrade(onV2, V1, allowing, false, "").kind()).isEqualTo(Verdict.Kind.GO);
    assertThat(PoolCommands.upgrade(onV2, V3, PREVIEW, false, "").kind()).as("an upgrade").isEqualTo(Verdict.Kind.GO);
    // Setting a failed target back to the version the pool runs is no downgrade.
    PoolActivity rolledBack = new PoolActivity(V1, V3, null, null, List.of(V3_FAILED), List.of(), List.of());
    assertThat(PoolCommands.upgrade(rolledBack, V1, PREVIEW, false, "").kind()).isEqualTo(Verdict.Kind.SET_BACK);
  }

  @Test
  void theRolloutsCurrentStep_isNotRestartedBehindItsBack() {
    PoolActivity rollout = rollingOutTo(V2, "relay-a-0");
    assertThat(PoolCommands.restartNode(rollout, "relay-a-0").message())
        .isEqualTo("relay-a-0 is the current step of the rollout to 10.6.0; the rollout restarts it");
    assertThat(PoolCommands.restartNode(rollout, "relay-b-0").accepted()).isTrue();
  }

  // The single-host activity: a relay the desired pool names that is not a member yet is being added, before the
  // controller's next pass starts it.
  @Test
  void theSingleHostActivity_seesARolloutAndARelayNotStartedYet() {
    ControlSim sim = healthyPool(BP, A0, B0);
    PoolActivity settled = PoolActivity.of(sim.state, sim.desired);
    assertThat(settled.busy()).isEmpty();
    assertThat(PoolActivity.of(sim.state, pool(BP, A0, A1, B0)).relaysAdding()).containsExactly("relay-a-1");

    sim.desired = sim.desired.withVersion(V2);
    assertThat(PoolActivity.of(sim.state, sim.desired).busy()).hasValue("a rollout to 10.6.0 is in progress"
        + " (starting, from 10.5.3)");
    sim.pass();
    PoolActivity rolling = PoolActivity.of(sim.state, sim.desired);
    assertThat(rolling.rolloutTo()).isEqualTo(V2);
    assertThat(rolling.rolloutStep()).isEqualTo("relay-a-0");
    assertThat(PoolCommands.addRelay(rolling).accepted()).isFalse();
  }

  @Test
  void aRemoval_ofTheBlockProducer_orOfANonRelayAsARelay_orWhileBusy_isRefused() {
    ControlSim sim = healthyPool(BP, A0, A1, B0);
    PoolActivity settled = PoolActivity.of(sim.state, sim.desired);
    assertThat(PoolCommands.removeNode(settled, sim.state, sim.nodes.observe(), "block-producer", true, false,
        sim.now()).message()).isEqualTo("block-producer is not a relay");
    assertThat(PoolCommands.removeNode(settled, sim.state, sim.nodes.observe(), "block-producer", false, false,
        sim.now()).message()).contains("is the block producer");
    PoolActivity adding = PoolActivity.of(sim.state, pool(BP, A0, A1, B0, new io.palisade.spec.NodeRef("relay-b-1",
        io.palisade.spec.NodeRole.RELAY, "b", 1)));
    assertThat(PoolCommands.removeNode(adding, sim.state, sim.nodes.observe(), "relay-a-1", true, false, sim.now())
        .message()).isEqualTo("relay relay-b-1 is being added; remove relay-a-1 after it");
    PoolChanges.Outcome ok = PoolCommands.removeNode(settled, sim.state, sim.nodes.observe(), "relay-a-1", true,
        false, sim.now());
    assertThat(ok.accepted()).as(ok.message()).isTrue();
    assertThatThrownBy(() -> PoolCommands.removeNode(settled, sim.state, sim.nodes.observe(), "relay-x-0", true,
        false, sim.now())).isInstanceOf(NoSuchElementException.class);
  }
}
