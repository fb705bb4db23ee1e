package io.palisade.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.keys.Blake2b;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the next epoch's nonce is fixed, and the nonce arithmetic it uses. */
class NextEpochNonceTest {
  static final byte[] A = HexFormat.of().parseHex("11".repeat(32));
  static final byte[] B = HexFormat.of().parseHex("22".repeat(32));

  @Test
  void window_isFourKOverF_inConway_threeKOverF_inBabbage_roundedUp() {
    ActiveSlotCoefficient twentieth = ActiveSlotCoefficient.fromDecimal(new java.math.BigDecimal("0.05"));
    // Mainnet, k = 2160: 172,800 and 129,600 slots; preview, k = 432: 34,560.
    assertThat(NextEpochNonce.window(2160, twentieth, false)).isEqualTo(172_800);
    assertThat(NextEpochNonce.window(2160, twentieth, true)).isEqualTo(129_600);
    assertThat(NextEpochNonce.window(432, twentieth, false)).isEqualTo(34_560);
    ActiveSlotCoefficient third = new ActiveSlotCoefficient(BigInteger.ONE, BigInteger.valueOf(3));
    assertThat(NextEpochNonce.window(10, third, false)).isEqualTo(120);
    ActiveSlotCoefficient sevenths = new ActiveSlotCoefficient(BigInteger.valueOf(3), BigInteger.valueOf(7));
    // 4 * 10 * 7 / 3 = 93.33...: rounded up.
    assertThat(NextEpochNonce.window(10, sevenths, false)).isEqualTo(94);
  }

  @Test
  void beforeTheWindow_notYet_withTheSlotThatFixesIt() {
    assertThat(NextEpochNonce.decide(1_119, 1_200, 80, Optional.of(A), Optional.of(B)))
        .isEqualTo(new NextEpochNonce.NotYet(1_120));
  }

  @Test
  void fromTheWindowOn_candidateCombinedWithTheLastEpochBlockNonce() {
    byte[] both = new byte[64];
    System.arraycopy(A, 0, both, 0, 32);
    System.arraycopy(B, 0, both, 32, 32);
    NextEpochNonce.Answer a = NextEpochNonce.decide(1_120, 1_200, 80, Optional.of(A), Optional.of(B));
    assertThat(a).isEqualTo(new NextEpochNonce.Fixed(new EpochNonce(Blake2b.hash256(both))));
    // The neutral nonce is the identity.
    assertThat(NextEpochNonce.decide(1_199, 1_200, 80, Optional.of(A), Optional.empty()))
        .isEqualTo(new NextEpochNonce.Fixed(new EpochNonce(A)));
    assertThatThrownBy(() -> NextEpochNonce.decide(1_199, 1_200, 80, Optional.empty(), Optional.empty()))
        .hasMessageContaining("neutral");
  }

  static Optional<byte[]> hex(String h) {
    return Optional.of(HexFormat.of().parseHex(h));
  }

  @Test
  void combine_knownAnswers_fromAnIndependentImplementation() {
    // pallas-crypto's nonce tests (txpipe/pallas, pallas-crypto/src/nonce): an epoch nonce = candidate ⭒ last epoch
    // block nonce (no extra entropy), and the first rolling (evolving) nonces of mainnet's Shelley era,
    // η_v' = η_v ⭒ blake2b-256(η_vrf), starting from the Shelley genesis hash.
    assertThat(PraosNonce.combine(hex("e86e133bd48ff5e79bec43af1ac3e348b539172f33e502d2c96735e8c51bd04d"),
        hex("d7a1ff2a365abed59c9ae346cba842b6d3df06d055dba79a113e0704b44cc3e9")).orElseThrow())
        .isEqualTo(HexFormat.of().parseHex("e536a0081ddd6d19786e9d708a85819a5c3492c0da7349f59c8ad3e17e4acd98"));
    String[] etaVrf = {
        "36ec5378d1f5041a59eb8d96e61de96f0950fb41b49ff511f7bc7fd109d4383e1d24be7034e6749c6612700dd5ceb0c66577b88a19ae286b1321d15bce1ab736",
        "e0bf34a6b73481302f22987cde4c12807cbc2c3fea3f7fcb77261385a50e8ccdda3226db3efff73e9fb15eecf841bbc85ce37550de0435ebcdcb205e0ed08467"};
    String[] expected = {"2af15f57076a8ff225746624882a77c8d2736fe41d3db70154a22b50af851246",
        "a815ff978369b57df09b0072485c26920dc0ec8e924a852a42f0715981cf0042"};
    Optional<byte[]> eta = hex("1a3be38bcbb7911969283716ad7aa550250226b76a61fc51cc9a9a35d9276d81");
    for (int i = 0; i < etaVrf.length; i++) {
      eta = PraosNonce.combine(eta, Optional.of(Blake2b.hash256(HexFormat.of().parseHex(etaVrf[i]))));
      assertThat(HexFormat.of().formatHex(eta.orElseThrow())).isEqualTo(expected[i]);
    }
  }

  @Test
  void vrfNonceValue_isTheDoubleHashOfNAndTheOutput() {
    byte[] out = new byte[64];
    out[5] = 7;
    byte[] msg = new byte[65];
    msg[0] = 'N';
    System.arraycopy(out, 0, msg, 1, 64);
    assertThat(PraosNonce.vrfNonceValue(out)).isEqualTo(Blake2b.hash256(Blake2b.hash256(msg)));
    assertThatThrownBy(() -> PraosNonce.vrfNonceValue(new byte[32])).hasMessageContaining("64 bytes");
  }
}
