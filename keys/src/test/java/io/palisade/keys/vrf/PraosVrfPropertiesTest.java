package io.palisade.keys.vrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.keys.VrfSigningKey;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Properties over random keys and messages: what prove makes, verify accepts; what is changed, it refuses. */
class PraosVrfPropertiesTest {
  @Property(tries = 60)
  void proveThenVerify_givesTheFastOutput(@ForAll @Size(32) byte[] seed, @ForAll @Size(max = 80) byte[] alpha) {
    try (VrfSigningKey key = VrfSigningKey.fromSeed(seed); VrfEvaluator evaluator = VrfEvaluator.of(key)) {
      VrfProof proof = evaluator.prove(alpha);
      VrfOutput output = proof.output();
      assertThat(PraosVrf.verify(key.verificationKey(), proof, alpha)).contains(output);
      assertThat(evaluator.output(alpha)).isEqualTo(output);
    }
  }

  @Property(tries = 60)
  void anyFlippedBit_isRefused(@ForAll @Size(32) byte[] seed, @ForAll @Size(32) byte[] alpha,
      @ForAll @IntRange(min = 0, max = 639) int bit) {
    try (VrfSigningKey key = VrfSigningKey.fromSeed(seed)) {
      byte[] pi = PraosVrf.prove(key, alpha).bytes();
      pi[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(PraosVrf.verify(key.verificationKey().bytes(), pi, alpha)).isEmpty();
    }
  }

  @Property(tries = 20)
  void anotherKey_isRefused(@ForAll @Size(32) byte[] seed, @ForAll @Size(32) byte[] other,
      @ForAll @Size(32) byte[] alpha) {
    try (VrfSigningKey key = VrfSigningKey.fromSeed(seed); VrfSigningKey wrong = VrfSigningKey.fromSeed(other)) {
      if (!key.verificationKey().equals(wrong.verificationKey())) {
        assertThat(PraosVrf.verify(wrong.verificationKey(), PraosVrf.prove(key, alpha), alpha)).isEmpty();
      }
    }
  }

  @Test
  void batchedOutputs_equalOneByOneProofs_acrossBatchBoundaries() {
    try (VrfSigningKey key = VrfSigningKey.fromSeed(HexFormat.of().parseHex("a70b8f607568df8ae26cf438b1057d8d"
        + "0a94b7f3ac44cd984577fc43c2da55b7")); VrfEvaluator evaluator = VrfEvaluator.of(key)) {
      int n = VrfBatch.SIZE + 7;
      byte[] alphas = new byte[32 * n];
      new java.util.Random(13).nextBytes(alphas);
      byte[] out = new byte[64 * n];
      evaluator.outputs(alphas, 0, 32, n, out, 0);
      for (int i = 0; i < n; i++) {
        byte[] alpha = java.util.Arrays.copyOfRange(alphas, 32 * i, 32 * i + 32);
        assertThat(java.util.Arrays.copyOfRange(out, 64 * i, 64 * i + 64)).as("message " + i)
            .isEqualTo(evaluator.prove(alpha).output().bytes());
      }
    }
  }

  @Test
  void theSecretNeverShows_andIsUnusableAfterClose() {
    byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    try (VrfSigningKey key = VrfSigningKey.fromSeed(seed)) {
      VrfEvaluator evaluator = VrfEvaluator.of(key);
      assertThat(evaluator.toString()).doesNotContain(HexFormat.of().formatHex(seed))
          .contains(key.verificationKey().hex());
      evaluator.close();
      assertThatThrownBy(() -> evaluator.prove(new byte[0])).isInstanceOf(IllegalStateException.class)
          .hasMessageNotContaining(HexFormat.of().formatHex(seed));
      assertThatThrownBy(() -> evaluator.output(new byte[0])).isInstanceOf(IllegalStateException.class);
    }
  }
}
