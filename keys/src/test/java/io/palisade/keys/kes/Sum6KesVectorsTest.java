package io.palisade.keys.kes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.keys.KeysException;
import io.palisade.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Sum KES against the Haskell (cardano-base) vectors, then one test per rule. */
class Sum6KesVectorsTest {
  private static final byte[] SEED = "test string of 32 byte of lenght".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MESSAGE = "test message".getBytes(StandardCharsets.US_ASCII);

  private static byte[] vector(String name) throws Exception {
    return Files.readAllBytes(SharedData.require("vectors/kes-haskell-interop/" + name));
  }

  @Test
  void keygen_depth0_1_6_matchHaskell() throws Exception {
    assertThat(Sum6Kes.generate(SEED, 0)).isEqualTo(vector("key0.bin"));
    assertThat(Sum6Kes.generate(SEED, 1)).isEqualTo(vector("key1.bin"));
    try (KesSigningKey key = KesSigningKey.fromSeed(SEED)) {
      assertThat(key.revealBytes()).isEqualTo(vector("key6.bin"));
      assertThat(key.verificationKey().hex())
          .isEqualTo("9b527f5907bd9ba20956d5b1db91d679b666b0c7e4c3a336eb6165ac58f99501");
    }
  }

  @Test
  void evolveOnceAndFiveTimes_matchHaskell() throws Exception {
    try (KesSigningKey key = KesSigningKey.fromSeed(SEED)) {
      key.evolve();
      assertThat(key.revealBytes()).isEqualTo(vector("key6update1.bin"));
      for (int i = 0; i < 4; i++) {
        key.evolve();
      }
      assertThat(key.period()).isEqualTo(5);
      assertThat(key.revealBytes()).isEqualTo(vector("key6update5.bin"));
    }
  }

  @Test
  void signAtPeriod0And5_matchHaskell_andVerify() throws Exception {
    try (KesSigningKey key = KesSigningKey.fromSeed(SEED)) {
      byte[] sig0 = key.sign(MESSAGE);
      assertThat(sig0).hasSize(448).isEqualTo(vector("key6Sig.bin"));
      for (int i = 0; i < 5; i++) {
        key.evolve();
      }
      byte[] sig5 = key.sign(MESSAGE);
      assertThat(sig5).isEqualTo(vector("key6Sig5.bin"));
      KesVerificationKey vk = key.verificationKey();
      assertThat(vk.verify(0, MESSAGE, sig0)).isTrue();
      assertThat(vk.verify(5, MESSAGE, sig5)).isTrue();
      assertThat(vk.verify(4, MESSAGE, sig5)).as("wrong period").isFalse();
      assertThat(vk.verify(0, "other".getBytes(StandardCharsets.US_ASCII), sig0)).as("wrong message").isFalse();
    }
  }

  @Test
  void everyPeriod_signsAndVerifies_rightSubtreeIncluded_thenRefusesToEvolvePast63() {
    try (KesSigningKey key = KesSigningKey.generate(new SecureRandom())) {
      KesVerificationKey vk = key.verificationKey();
      for (int t = 0; t < 64; t++) {
        byte[] sig = key.sign(MESSAGE);
        assertThat(vk.verify(t, MESSAGE, sig)).as("period " + t).isTrue();
        assertThat(vk.verify((t + 1) % 64, MESSAGE, sig)).as("period " + t + " sig at another period").isFalse();
        if (t < 63) {
          key.evolve();
        }
      }
      assertThatThrownBy(key::evolve).isInstanceOf(KeysException.class).hasMessageContaining("last period");
    }
  }

  @Test
  void evolvingPastTheHalf_erasesR1() {
    try (KesSigningKey key = KesSigningKey.generate(new SecureRandom())) {
      for (int t = 0; t < 32; t++) {
        key.evolve();
      }
      byte[] raw = key.revealBytes();
      // Top level r1 lives at [512, 544): it must be zero once the right subtree is in use (forward security).
      assertThat(HexFormat.of().formatHex(raw, 512, 544)).isEqualTo("00".repeat(32));
    }
  }

  @Test
  void wrongSizes_areRefusedWithTheLayoutNamed() {
    assertThatThrownBy(() -> KesSigningKey.fromBytes(new byte[704], 0)).hasMessageContaining("Sum7");
    assertThatThrownBy(() -> KesSigningKey.fromBytes(new byte[612], 0)).hasMessageContaining("mithril");
    assertThat(Sum6Kes.verify(new byte[32], 0, MESSAGE, new byte[447])).isFalse();
    assertThat(Sum6Kes.verify(new byte[32], 64, MESSAGE, new byte[448])).isFalse();
  }

  @Property(tries = 40)
  void tamperedSignature_neverVerifies(@ForAll @Size(32) byte[] seed, @ForAll @IntRange(max = 447) int index,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    try (KesSigningKey key = KesSigningKey.fromSeed(seed)) {
      byte[] sig = key.sign(MESSAGE);
      sig[index] ^= (byte) flip;
      assertThat(key.verificationKey().verify(0, MESSAGE, sig)).isFalse();
    }
  }

  @Test
  void toString_showsNoSecret() {
    try (KesSigningKey key = KesSigningKey.fromSeed(SEED)) {
      String hexKey = HexFormat.of().formatHex(key.revealBytes(), 0, 32);
      assertThat(key.toString()).doesNotContain(hexKey).contains("period 0");
    }
  }

}
