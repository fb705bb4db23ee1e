package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.lease.Handover;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerFacts;
import io.palisade.deploy.model.PoolNames;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The producer Lease's fields, both ways, and what is made of a Lease the operator did not write; the facts of pods. */
class ProducerLeaseRecordTest {
  static final Instant T0 = Instant.parse("2026-12-03T18:00:00Z");

  @Test
  void aRecord_roundTripsThroughTheLease_andKeepsOtherAnnotations() {
    LeaseState s = LeaseState.first("bp", T0).promoted("sb", T0.plusSeconds(5))
        .withHandover(new Handover("sb", "bp", Handover.Kind.SWITCHOVER, T0.plusSeconds(9)));
    ProducerLeaseRecord r = new ProducerLeaseRecord(s, "uid-1", T0.plusSeconds(7), true);
    Lease lease = new LeaseBuilder().withNewMetadata().withName("p-producer").addToAnnotations("other", "kept")
        .endMetadata().build();
    r.writeTo(lease);
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("sb");
    assertThat(lease.getMetadata().getAnnotations()).containsEntry(ProducerLeaseRecord.ANNOTATION_TOKEN, "2")
        .containsEntry("other", "kept");
    assertThat(ProducerLeaseRecord.of(lease)).isEqualTo(r);
    // The move ends: its bookkeeping goes with it, and a new holder starts with no trouble and no forging seen.
    ProducerLeaseRecord after = r.withState(s.promoted("bp", T0.plusSeconds(12)));
    assertThat(after.fencedPod()).isNull();
    assertThat(after.holderForged()).isFalse();
    assertThat(after.trouble()).isEmpty();
    assertThat(ProducerLeaseRecord.of(after.writeTo(lease))).isEqualTo(after);
    assertThat(lease.getMetadata().getAnnotations()).doesNotContainKeys(ProducerLeaseRecord.ANNOTATION_HANDOVER,
        ProducerLeaseRecord.ANNOTATION_FENCED_POD);
  }

  @Test
  void aLeaseTheOperatorDidNotWrite_isRefused_neverGuessed() {
    assertThatThrownBy(() -> ProducerLeaseRecord.of(new LeaseBuilder().withNewMetadata().withName("x").endMetadata()
        .withNewSpec().withHolderIdentity("bp").endSpec().build())).hasMessageContaining("palisade.io/fencing-token");
    for (String bad : List.of("0", "-3", "x", "99999999999999999999")) {
      assertThatThrownBy(() -> ProducerLeaseRecord.of(lease("bp", Map.of(ProducerLeaseRecord.ANNOTATION_TOKEN, bad))))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }
    for (String bad : List.of("FAILOVER bp", "NOPE bp sb 2026-12-03T18:00:00Z", "FAILOVER bp sb yesterday")) {
      assertThatThrownBy(() -> ProducerLeaseRecord.of(lease("bp", Map.of(ProducerLeaseRecord.ANNOTATION_TOKEN, "3",
          ProducerLeaseRecord.ANNOTATION_HANDOVER, bad)))).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    // Random annotation text never escapes as anything but IllegalArgumentException.
    Random random = new Random(18);
    for (int i = 0; i < 500; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
      String key = List.of(ProducerLeaseRecord.ANNOTATION_TOKEN, ProducerLeaseRecord.ANNOTATION_HANDOVER,
          ProducerLeaseRecord.ANNOTATION_TROUBLE_SINCE, ProducerLeaseRecord.ANNOTATION_SWITCHOVER_REQUESTED)
          .get(random.nextInt(4));
      Map<String, String> a = new java.util.HashMap<>(Map.of(ProducerLeaseRecord.ANNOTATION_TOKEN, "2"));
      a.put(key, text);
      try {
        ProducerLeaseRecord.of(lease("bp", a));
      } catch (IllegalArgumentException expected) {
        // refused with a message
      }
    }
  }

  @Test
  void holderHealth_troubleOnlyAfterItForged_orWithoutAPod() {
    ProducerLeaseRecord r = ProducerLeaseRecord.first("bp", T0);
    assertThat(r.withHolderHealth(false, false, T0).trouble()).as("a pool starting").isEmpty();
    assertThat(r.withHolderHealth(false, true, T0).trouble()).contains(T0);
    ProducerLeaseRecord forged = r.withHolderHealth(true, false, T0);
    ProducerLeaseRecord down = forged.withHolderHealth(false, false, T0.plusSeconds(3));
    assertThat(down.trouble()).contains(T0.plusSeconds(3));
    assertThat(down.withHolderHealth(false, true, T0.plusSeconds(9)).trouble()).as("since the first")
        .contains(T0.plusSeconds(3));
    assertThat(down.withHolderHealth(true, false, T0.plusSeconds(9)).trouble()).isEmpty();
  }

  @Test
  void facts_theFencedPodIsAliveByItsUid_credentialsAreTheSecret() {
    NodeRef bp = new NodeRef("bp", NodeRole.BLOCK_PRODUCER, null, 0);
    NodeRef sb = new NodeRef("sb", NodeRole.BLOCK_PRODUCER, null, 1);
    PoolNames names = new PoolNames(PoolSpecCheck.check(io.palisade.operator.testing.TestPools.stakePool(),
        io.palisade.deploy.model.RenderOptions.defaults()).spec());
    LeaseState moving = LeaseState.first("bp", T0).withHandover(new Handover("bp", "sb", Handover.Kind.FAILOVER,
        T0));
    ProducerLeaseRecord r = new ProducerLeaseRecord(moving, "old", null, true);
    List<Pod> replaced = List.of(pod("bp-0", "new", true), pod("sb-0", "s", true));
    Map<String, ProducerFacts> f = ProducerPods.facts(List.of(bp, sb), names, replaced, Set.of(), Map.of(), r,
        T0.plusSeconds(1));
    assertThat(f.get("bp").processAlive()).as("the pod with the fenced UID is gone").isFalse();
    assertThat(f.get("bp").restartableWithCredentials()).isFalse();
    assertThat(f.get("sb").readyToTakeOver()).isTrue();
    Map<String, ProducerFacts> still = ProducerPods.facts(List.of(bp, sb), names,
        List.of(pod("bp-0", "old", false), pod("sb-0", "s", true)), Set.of(names.forgingSecret(bp)),
        Map.of("bp", new ProducerPods.AgentReading(ForgingReading.ON, true)), r, T0.plusSeconds(1));
    assertThat(still.get("bp").processAlive()).isTrue();
    assertThat(still.get("bp").credentialsGiven()).isTrue();
    assertThat(still.get("bp").forging()).isEqualTo(ForgingReading.ON);
  }

  static Lease lease(String holder, Map<String, String> annotations) {
    return new LeaseBuilder().withNewMetadata().withName("p-producer").withAnnotations(annotations).endMetadata()
        .withNewSpec().withHolderIdentity(holder).endSpec().build();
  }

  static Pod pod(String name, String uid, boolean ready) {
    return new PodBuilder().withNewMetadata().withName(name).withUid(uid).endMetadata().withNewStatus()
        .withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus().build();
  }
}
