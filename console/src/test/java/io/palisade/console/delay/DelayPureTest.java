package io.palisade.console.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.ConsoleSettings;
import io.palisade.console.audit.AuditEntry;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.PoolAction;
import io.palisade.spec.ConsoleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The floor, canonical payloads and the run-time re-check, as pure functions. */
class DelayPureTest {
  private static final List<ConsoleAction> ALL = List.of(
      new ConsoleAction.OnPool(new PoolAction.Upgrade("10.5.3")),
      new ConsoleAction.OnPool(new PoolAction.AddRelay("eu-west")),
      new ConsoleAction.OnPool(new PoolAction.RemoveRelay("relay-eu-west-0")),
      new ConsoleAction.OnPool(new PoolAction.RemoveNode("block-producer")),
      new ConsoleAction.OnPool(new PoolAction.DeleteVolume("relay-us-1")),
      new ConsoleAction.OnPool(new PoolAction.DeletePool()),
      new ConsoleAction.OnPool(new PoolAction.RotateKeys(KeyRole.KES)),
      new ConsoleAction.OnPool(new PoolAction.RotateKeys(KeyRole.VRF, "/run/palisade/bundle-passphrase")),
      new ConsoleAction.OnPool(new PoolAction.RevokeKeys(KeyRole.COLD, "lost \"laptop\" \\ é ✓")),
      new ConsoleAction.RemoveOperator("bob"),
      new ConsoleAction.RemoveFactor("bob", ConsoleAction.FactorKind.PASSKEY, "AbC-_09"),
      new ConsoleAction.RemoveFactor("alice", ConsoleAction.FactorKind.TOTP, ""),
      new ConsoleAction.ChangeDelay(Duration.ofDays(14)),
      new ConsoleAction.OnPool(new PoolAction.Upgrade("10.4.1", true)));

  @Test
  void theFloorIsSevenDaysAndNothingLowersIt() {
    assertThat(DelayPolicy.FLOOR).isEqualTo(Duration.ofDays(7)).isEqualTo(ConsoleSpec.MINIMUM_DESTRUCTIVE_DELAY);
    assertThat(DelayPolicy.effective(Duration.ofDays(1))).isEqualTo(Duration.ofDays(7));
    assertThat(DelayPolicy.effective(null)).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> DelayPolicy.checkDelay(Duration.ofDays(7).minusSeconds(1)))
        .hasMessageContaining("at least 7 days");
    assertThatThrownBy(() -> new ConsoleAction.ChangeDelay(Duration.ofDays(6))).hasMessageContaining("at least 7");
    assertThatThrownBy(() -> ConsoleSettings.defaults(Path.of("x")).withDestructiveDelay(Duration.ofHours(1)))
        .hasMessageContaining("at least 7 days");
    assertThatThrownBy(() -> DelayPolicy.checkDelay(Duration.ofDays(91))).hasMessageContaining("at most 90");
  }

  @Test
  void whatIsDestructive() {
    assertThat(ALL).filteredOn(a -> !a.destructive()).extracting(ConsoleAction::describe)
        .containsExactly("upgrade every node to 10.5.3", "add a relay in region eu-west",
            "downgrade every node to 10.4.1 (confirmed as a downgrade)");
  }

  @Test
  void payloadsAreCanonicalAndRoundTrip() {
    for (ConsoleAction a : ALL) {
      String p = CanonicalPayload.encode(a);
      assertThat(CanonicalPayload.decode(p)).isEqualTo(a);
      assertThat(CanonicalPayload.encode(CanonicalPayload.decode(p))).isEqualTo(p);
    }
    assertThat(CanonicalPayload.encode(ALL.get(2))).isEqualTo("{\"node\":\"relay-eu-west-0\",\"type\":\"pool.remove-relay\"}");
    // The downgrade flag appears only when set: an upgrade's payload keeps the bytes it had before the flag existed.
    assertThat(CanonicalPayload.encode(ALL.get(0))).isEqualTo("{\"type\":\"pool.upgrade\",\"version\":\"10.5.3\"}");
    assertThat(CanonicalPayload.encode(ALL.get(ALL.size() - 1))).isEqualTo(
        "{\"allowDowngrade\":\"true\",\"type\":\"pool.upgrade\",\"version\":\"10.4.1\"}");
  }

  @Test
  void nonCanonicalOrHostilePayloadsAreRefused() {
    String[] bad = {
      "{\"type\":\"pool.remove-relay\",\"node\":\"relay-eu-0\"}", // keys out of order
      "{\"node\": \"relay-eu-0\",\"type\":\"pool.remove-relay\"}", // whitespace
      "{\"node\":\"relay-eu-0\",\"node\":\"bp\",\"type\":\"pool.remove-relay\"}", // duplicate key
      "{\"node\":\"relay-eu-0\",\"type\":\"pool.remove-relay\",\"x\":\"1\"}", // unknown field
      "{\"type\":\"pool.remove-relay\"}", // missing field
      "{\"passphraseFile\":\"\",\"role\":\"KES\",\"type\":\"pool.rotate-keys\"}", // empty optional field
      "{\"passphraseFile\":\"relative/file\",\"role\":\"KES\",\"type\":\"pool.rotate-keys\"}", // not absolute
      "{\"node\":\"../../etc\",\"type\":\"pool.remove-relay\"}", // invalid value
      "{\"node\":1,\"type\":\"pool.remove-relay\"}", // not a string
      "{\"type\":\"pool.format-disk\"}", // unknown type
      "{\"delay\":\"PT1H\",\"type\":\"delay.change\"}", // below the floor
      "{\"node\":\"relay\\u002deu\",\"type\":\"pool.remove-relay\"}", // escaped where the canonical form is not
      "[]", "", "nul\u0000l", "{".repeat(3000),
    };
    for (String p : bad) {
      assertThatThrownBy(() -> CanonicalPayload.decode(p)).as(p).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Property(tries = 300)
  void anyTextDecodesToItselfOrIsRefused(@ForAll("payloadish") String text) {
    try {
      ConsoleAction a = CanonicalPayload.decode(text);
      assertThat(CanonicalPayload.encode(a)).isEqualTo(text);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> payloadish() {
    Arbitrary<String> mutated = Arbitraries.of(ALL).map(CanonicalPayload::encode).flatMap(p ->
        Arbitraries.integers().between(0, p.length() - 1).flatMap(i ->
            Arbitraries.chars().map(c -> p.substring(0, i) + c + p.substring(i + 1))));
    return Arbitraries.oneOf(mutated, Arbitraries.strings().ofMaxLength(80),
        Arbitraries.of(ALL).map(CanonicalPayload::encode));
  }

  @Test
  void theRecheckAcceptsOnlyWhatWasQueued() {
    Instant requested = Instant.parse("2026-11-01T00:00:00Z");
    String payload = CanonicalPayload.encode(ALL.get(2));
    Instant notBefore = requested.plus(Duration.ofDays(7));
    Instant expires = notBefore.plus(Duration.ofDays(2));
    String hash = ActionHash.of("id-1", payload, "alice", requested.toEpochMilli(), notBefore.toEpochMilli(),
        expires.toEpochMilli());
    DelayedAction a = new DelayedAction("id-1", payload, hash, "alice", requested, notBefore, expires, Duration.ZERO,
        ActionState.PENDING, requested, "alice", "");
    AuditEntry queued = new AuditEntry(9, requested, "alice", "action.queued", "id-1",
        "remove relay; hash " + hash + "; payload " + payload, "0".repeat(64), "1".repeat(64));
    Instant due = notBefore.plusSeconds(1);

    assertThat(DueActionRunner.recheck(a, List.of(queued), due)).isEmpty();
    assertThat(DueActionRunner.recheck(a, List.of(), due)).singleElement().asString().contains("no entry");
    assertThat(DueActionRunner.recheck(a, List.of(queued, queued), due)).singleElement().asString().contains("2 entries");
    AuditEntry other = new AuditEntry(9, requested, "mallory", "action.queued", "id-1", queued.detail(),
        queued.prevHash(), queued.hash());
    assertThat(DueActionRunner.recheck(a, List.of(other), due)).singleElement().asString().contains("mallory");
    AuditEntry late = new AuditEntry(9, requested.plus(Duration.ofDays(1)), "alice", "action.queued", "id-1",
        queued.detail(), queued.prevHash(), queued.hash());
    assertThat(DueActionRunner.recheck(a, List.of(late), due)).anySatisfy(p -> assertThat(p).contains("less than"));
    DelayedAction edited = new DelayedAction("id-1", payload, hash, "bob", requested, notBefore, expires,
        Duration.ZERO, ActionState.PENDING, requested, "bob", "");
    assertThat(DueActionRunner.recheck(edited, List.of(queued), due)).anySatisfy(p -> assertThat(p).contains("hash"));
  }
}
