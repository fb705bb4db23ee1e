package io.palisade.keys.vrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.keys.KeysException;
import io.palisade.keys.VrfSigningKey;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Inputs libsodium's {@code crypto_vrf_ietfdraft03_verify} and {@code _proof_to_hash} refuse, one test each, all
 * built around a proof that verifies (standard vector 10 of draft-03), so each refusal is due to the one change.
 */
class PraosVrfHostileInputTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PK = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final byte[] PI = HEX.parseHex("b6b4699f87d56126c9117a7da55bd0085246f4c56dbc95d20172612e9d38e8d7"
      + "ca65e573a126ed88d4e30a46f80a666854d675cf3ba81de0de043c3774f061560f55edc256a787afe701677c0f602900");
  private static final byte[] ALPHA = new byte[0];

  private static byte[] withPk(String hex) {
    return HEX.parseHex(hex);
  }

  @Test
  void theUntouchedProofVerifies() {
    assertThat(PraosVrf.verify(PK, PI, ALPHA)).isPresent();
  }

  @Test
  void wrongLengths_refused() {
    assertThat(PraosVrf.verify(Arrays.copyOf(PK, 31), PI, ALPHA)).isEmpty();
    assertThat(PraosVrf.verify(Arrays.copyOf(PK, 33), PI, ALPHA)).isEmpty();
    assertThat(PraosVrf.verify(PK, Arrays.copyOf(PI, 79), ALPHA)).isEmpty();
    assertThat(PraosVrf.verify(PK, Arrays.copyOf(PI, 81), ALPHA)).isEmpty();
    assertThat(PraosVrf.verify(PK, new byte[0], ALPHA)).isEmpty();
    assertThat(PraosVrf.verify(null, PI, ALPHA)).isEmpty();
    assertThatThrownBy(() -> VrfProof.decode(new byte[79])).isInstanceOf(KeysException.class)
        .hasMessageContaining("80 bytes");
    assertThatThrownBy(() -> VrfSigningKey.fromBytes(new byte[63], "vrf.skey")).isInstanceOf(KeysException.class);
  }

  @Test
  void smallOrderPublicKeys_refused_withEitherSignBit() {
    String[] smallOrder = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"};
    for (String hex : smallOrder) {
      byte[] pk = withPk(hex);
      assertThat(PraosVrf.verify(pk, PI, ALPHA)).as(hex).isEmpty();
      pk[31] |= (byte) 0x80;
      assertThat(PraosVrf.verify(pk, PI, ALPHA)).as(hex + " with sign bit").isEmpty();
      // and they really are of small order: 8·P is the identity
      pk[31] &= 0x7f;
      EdwardsPoint p = new EdwardsPoint();
      assertThat(p.decodeVar(pk, 0)).isTrue();
      p.mulByCofactor(new EdwardsPoint.Completed());
      byte[] enc = new byte[32];
      p.encode(enc, 0);
      assertThat(HEX.formatHex(enc)).isEqualTo("01" + "00".repeat(31));
    }
  }

  @Test
  void nonCanonicalPublicKey_refused() {
    // y = p + 3 (= 3 mod p, not on the blacklist): canonical check refuses it before decoding
    byte[] pk = Scalar25519.fromBig(EdwardsPoint.P.add(BigInteger.valueOf(3)));
    assertThat(PointCodec.isCanonical(pk, 0)).isFalse();
    assertThat(PointCodec.hasSmallOrder(pk, 0)).isFalse();
    assertThat(PraosVrf.verify(pk, PI, ALPHA)).isEmpty();
    // the blacklisted non-canonical encodings of 0 and 1 too
    assertThat(PraosVrf.verify(withPk("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), PI, ALPHA))
        .isEmpty();
    assertThat(PraosVrf.verify(withPk("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), PI, ALPHA))
        .isEmpty();
  }

  @Test
  void publicKeyNotOnTheCurve_refused() {
    byte[] pk = withPk("0200000000000000000000000000000000000000000000000000000000000000"); // y = 2: no x
    assertThat(new EdwardsPoint().decodeVar(pk, 0)).isFalse();
    assertThat(PraosVrf.verify(pk, PI, ALPHA)).isEmpty();
  }

  @Test
  void gammaNotCanonical_refusedByDecodeAndVerify() {
    byte[] pi = PI.clone();
    byte[] y = Scalar25519.fromBig(EdwardsPoint.P.add(BigInteger.ONE)); // y = 1 written as p + 1
    System.arraycopy(y, 0, pi, 0, 32);
    assertThatThrownBy(() -> VrfProof.decode(pi)).isInstanceOf(KeysException.class)
        .hasMessageContaining("Gamma is not a canonical");
    assertThat(PraosVrf.verify(PK, pi, ALPHA)).isEmpty();
  }

  @Test
  void gammaNotOnTheCurve_refused() {
    byte[] pi = PI.clone();
    System.arraycopy(withPk("0200000000000000000000000000000000000000000000000000000000000000"), 0, pi, 0, 32);
    assertThatThrownBy(() -> VrfProof.decode(pi)).hasMessageContaining("not a point of the curve");
    assertThat(PraosVrf.verify(PK, pi, ALPHA)).isEmpty();
  }

  @Test
  void nonCanonicalScalar_refused() {
    for (BigInteger s : new BigInteger[] {Scalar25519.L, Scalar25519.L.add(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
        new BigInteger(1, reverse(Arrays.copyOfRange(PI, 48, 80))).add(Scalar25519.L)}) {
      byte[] pi = PI.clone();
      System.arraycopy(Scalar25519.fromBig(s), 0, pi, 48, 32);
      assertThatThrownBy(() -> VrfProof.decode(pi)).as(s.toString(16)).hasMessageContaining("s is not a canonical");
      assertThat(PraosVrf.verify(PK, pi, ALPHA)).isEmpty();
    }
  }

  @Test
  void smallOrderGamma_decodes_butDoesNotVerify() {
    // libsodium does not check Gamma's order; such a proof is simply not valid
    byte[] pi = PI.clone();
    System.arraycopy(withPk("0100000000000000000000000000000000000000000000000000000000000000"), 0, pi, 0, 32);
    assertThat(VrfProof.decode(pi).output()).isNotNull();
    assertThat(PraosVrf.verify(PK, pi, ALPHA)).isEmpty();
  }

  @Test
  void tamperedChallengeScalarOrGamma_andWrongMessage_refused() {
    for (int index : new int[] {0, 31, 32, 47, 48, 78}) {
      byte[] pi = PI.clone();
      pi[index] ^= 1;
      assertThat(PraosVrf.verify(PK, pi, ALPHA)).as("byte " + index).isEmpty();
    }
    byte[] flippedSign = PI.clone();
    flippedSign[31] ^= (byte) 0x80;
    assertThat(PraosVrf.verify(PK, flippedSign, ALPHA)).isEmpty();
    assertThat(PraosVrf.verify(PK, PI, new byte[] {0})).isEmpty();
  }

  private static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
