package io.palisade.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The chain's hash and checks as pure functions, and the checkpoint format against hostile text. */
class AuditPureTest {
  private static List<AuditEntry> chain(int n) {
    List<AuditEntry> out = new ArrayList<>();
    String prev = AuditHash.GENESIS;
    for (int i = 1; i <= n; i++) {
      Instant at = Instant.ofEpochMilli(1_700_000_000_000L + i);
      String h = AuditHash.of(i, at.toEpochMilli(), "alice", "k", "s" + i, "d" + i, prev);
      out.add(new AuditEntry(i, at, "alice", "k", "s" + i, "d" + i, prev, h));
      prev = h;
    }
    return out;
  }

  private static Optional<AuditVerification.Break> check(List<AuditEntry> entries, AuditHead head) {
    AuditVerifier.ChainCheck c = new AuditVerifier.ChainCheck(Optional.empty());
    entries.forEach(c::accept);
    return c.finish(head);
  }

  @Test
  void fieldBoundariesAreUnambiguous() {
    // Moving a character from one field to the next changes the hash (length-prefixed encoding).
    assertThat(AuditHash.of(1, 0, "ab", "c", "", "", AuditHash.GENESIS))
        .isNotEqualTo(AuditHash.of(1, 0, "a", "bc", "", "", AuditHash.GENESIS));
    assertThat(AuditHash.of(1, 0, "a", "b", "c", "d", AuditHash.GENESIS)).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Property(tries = 60)
  void anySingleFieldChangeIsFoundAtThatEntry(@ForAll @IntRange(min = 1, max = 12) int target,
      @ForAll @IntRange(min = 0, max = 4) int field) {
    List<AuditEntry> entries = chain(12);
    AuditEntry e = entries.get(target - 1);
    AuditEntry changed = switch (field) {
      case 0 -> new AuditEntry(e.seq(), e.at().plusMillis(1), e.actor(), e.kind(), e.subject(), e.detail(), e.prevHash(), e.hash());
      case 1 -> new AuditEntry(e.seq(), e.at(), "mallory", e.kind(), e.subject(), e.detail(), e.prevHash(), e.hash());
      case 2 -> new AuditEntry(e.seq(), e.at(), e.actor(), "x", e.subject(), e.detail(), e.prevHash(), e.hash());
      case 3 -> new AuditEntry(e.seq(), e.at(), e.actor(), e.kind(), "other", e.detail(), e.prevHash(), e.hash());
      default -> new AuditEntry(e.seq(), e.at(), e.actor(), e.kind(), e.subject(), e.detail() + ".", e.prevHash(), e.hash());
    };
    entries.set(target - 1, changed);
    AuditEntry last = entries.get(11);
    assertThat(check(entries, new AuditHead(12, last.hash()))).get()
        .satisfies(b -> assertThat(b.seq()).isEqualTo(target));
  }

  @Test
  void reorderingIsFound() {
    List<AuditEntry> entries = chain(5);
    AuditEntry third = entries.remove(2);
    entries.add(3, third);
    assertThat(check(entries, new AuditHead(5, chain(5).get(4).hash()))).get()
        .satisfies(b -> assertThat(b.seq()).isEqualTo(3));
  }

  @Test
  void anIntactChainPasses() {
    List<AuditEntry> entries = chain(8);
    assertThat(check(entries, new AuditHead(8, entries.get(7).hash()))).isEmpty();
    assertThat(check(List.of(), new AuditHead(0, AuditHash.GENESIS))).isEmpty();
  }

  @Test
  void checkpointsRoundTripAndRefuseHostileText() {
    AuditCheckpoint cp = new AuditCheckpoint(42, "ab".repeat(32), Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(AuditCheckpoint.parse(cp.toJson())).isEqualTo(cp);
    assertThatThrownBy(() -> AuditCheckpoint.parse("")).hasMessageContaining("JSON");
    assertThatThrownBy(() -> AuditCheckpoint.parse("[1,2]")).hasMessageContaining("object");
    assertThatThrownBy(() -> AuditCheckpoint.parse(cp.toJson().replace("v1", "v2"))).hasMessageContaining("format");
    assertThatThrownBy(() -> AuditCheckpoint.parse(cp.toJson().replace("\"seq\":42", "\"seq\":\"42\"")))
        .hasMessageContaining("seq");
    assertThatThrownBy(() -> AuditCheckpoint.parse(cp.toJson().replace("\"seq\":42", "\"seq\":-1")))
        .hasMessageContaining("seq");
    assertThatThrownBy(() -> AuditCheckpoint.parse(cp.toJson().replace("abab", "ABAB"))).hasMessageContaining("hash");
    assertThatThrownBy(() -> AuditCheckpoint.parse(cp.toJson().replace("2026", "yesterday")))
        .hasMessageContaining("exportedAt");
    assertThatThrownBy(() -> AuditCheckpoint.parse("{\"a\":" + "[".repeat(5000) + "}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void parsingAnyTextEndsInACheckpointOrAClearError(@ForAll String text) {
    try {
      AuditCheckpoint.parse(text);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
