package io.palisade.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.keys.backup.BackupShare;
import io.palisade.keys.backup.PrintableShare;
import io.palisade.keys.kes.KesSigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Every parser of outside input ends in a value or a KeysException, never another exception. */
class HostileInputTest {
  private static final byte[] OPCERT;

  static {
    try (ColdSigningKey cold = ColdSigningKey.fromSeed(new byte[32]);
        KesSigningKey kes = KesSigningKey.fromSeed(new byte[32])) {
      OPCERT = OperationalCertificate.issue(cold, kes.verificationKey(), 300, 70_000).toCbor();
    }
  }

  @Property(tries = 300)
  void textEnvelope_anyBytes(@ForAll @Size(max = 300) byte[] bytes) {
    parsesOrKeysException(() -> TextEnvelope.parse(bytes, "fuzz"));
  }

  @Property(tries = 300)
  void textEnvelope_jsonShapedText(@ForAll("jsonish") String text) {
    parsesOrKeysException(() -> {
      TextEnvelope env = TextEnvelope.parse(text.getBytes(StandardCharsets.UTF_8), "fuzz");
      SigningKey.fromEnvelope(env, "fuzz").close();
    });
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> type = Arbitraries.of("StakePoolSigningKey_ed25519", "VrfSigningKey_PraosVRF",
        "KesSigningKey_ed25519_kes_2^6", "X", "");
    Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefg").ofMaxLength(1300);
    return net.jqwik.api.Combinators.combine(type, hex).as((t, h) ->
        "{\"type\": \"" + t + "\", \"description\": \"\", \"cborHex\": \"" + h + "\"}");
  }

  @Property(tries = 500)
  void opcertCbor_mutated(@ForAll @IntRange(max = 160) int index, @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 165) int cut) {
    byte[] b = java.util.Arrays.copyOf(OPCERT, Math.min(cut, OPCERT.length));
    if (index < b.length) {
      b[index] = value;
    }
    parsesOrKeysException(() -> OperationalCertificate.fromCbor(b, "fuzz"));
  }

  @Property(tries = 300)
  void poolId_anyText(@ForAll @Size(max = 80) String text) {
    parsesOrKeysException(() -> PoolId.parse(text));
  }

  @Property(tries = 200)
  void backupShare_anyBytes(@ForAll @Size(max = 400) byte[] bytes) {
    parsesOrKeysException(() -> BackupShare.parse(bytes, "fuzz"));
    parsesOrKeysException(() -> PrintableShare.decode(PrintableShare.BEGIN + "\n"
        + new String(bytes, StandardCharsets.ISO_8859_1) + "\n" + PrintableShare.END, "fuzz"));
  }

  @Test
  void bech32_knownAnswer_andChecksumTypo() {
    String id = "pool1yv26ccn3apqaxvfklsrqfx20lxj76e8h9lx8484rphua6x86wm2";
    assertThat(PoolId.parse(id).hex()).isEqualTo("2315ac6271e841d33136fc0604994ff9a5ed64f72fcc7a9ea30df9dd");
    assertThatThrownBy(() -> PoolId.parse(id.replace("wm2", "wm3"))).hasMessageContaining("checksum");
    assertThat(Bech32.encode("pool", PoolId.parse(id).bytes())).isEqualTo(id);
  }

  @Test
  void envelopeWriter_escapesTheDescription_andRoundTrips() {
    TextEnvelope env = new TextEnvelope("T", "a \"quoted\" \\ line\n", new byte[] {1, 2});
    TextEnvelope back = TextEnvelope.parse(env.toBytes(), "t");
    assertThat(back.description()).isEqualTo("a \"quoted\" \\ line\n");
    assertThat(back.cbor()).containsExactly(1, 2);
  }

  @Test
  void coldKey_toStringShowsNoSeed() {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    try (ColdSigningKey k = ColdSigningKey.fromSeed(seed)) {
      assertThat(k.toString()).doesNotContain(java.util.HexFormat.of().formatHex(seed)).contains("pool");
    }
  }

  private static void parsesOrKeysException(Runnable r) {
    try {
      r.run();
    } catch (KeysException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
