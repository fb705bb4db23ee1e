package io.palisade.console.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B vectors (all 18, with errata 2866's longer seeds), RFC 4226 Appendix D, and the window. */
class TotpTest {
  private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED64 =
      "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082, 46119246, 90693936",
    "1111111109, 07081804, 68084774, 25091201",
    "1111111111, 14050471, 67062674, 99943326",
    "1234567890, 89005924, 91819424, 93441116",
    "2000000000, 69279037, 90698825, 38618901",
    "20000000000, 65353130, 77737706, 47863826",
  })
  void rfc6238AppendixB(long unixSeconds, String sha1, String sha256, String sha512) {
    long step = Totp.stepAt(Instant.ofEpochSecond(unixSeconds));
    assertThat(Totp.code(SEED20, step, 8, "HmacSHA1")).isEqualTo(sha1);
    assertThat(Totp.code(SEED32, step, 8, "HmacSHA256")).isEqualTo(sha256);
    assertThat(Totp.code(SEED64, step, 8, "HmacSHA512")).isEqualTo(sha512);
  }

  @Test
  void rfc4226AppendixD() {
    String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489"};
    for (int i = 0; i < expected.length; i++) {
      assertThat(Totp.code(SEED20, i, 6, "HmacSHA1")).as("counter " + i).isEqualTo(expected[i]);
    }
  }

  @Test
  void acceptsTheStepBeforeAndAfterButNotFurther() {
    TotpSecret secret = TotpSecret.of(SEED20);
    Instant now = Instant.ofEpochSecond(1_111_111_111L);
    long step = Totp.stepAt(now);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now)).hasValue(step);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now)).isEmpty();
    assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 2), now)).isEmpty();
    String spaced = Totp.code(secret, step);
    assertThat(Totp.matchingStep(secret, spaced.substring(0, 3) + " " + spaced.substring(3), now)).hasValue(step);
  }

  @Test
  void refusesCodesOfTheWrongForm() {
    TotpSecret secret = TotpSecret.random(new SecureRandom());
    Instant now = Instant.now();
    for (String bad : new String[] {null, "", "12345", "1234567", "abcdef", "12345x", "１２３４５６"}) {
      assertThat(Totp.matchingStep(secret, bad, now)).as(String.valueOf(bad)).isEmpty();
    }
    assertThatThrownBy(() -> Totp.code(SEED20, 1, 5, "HmacSHA1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsKeepTheirBytesToThemselves() {
    TotpSecret s = TotpSecret.of(SEED20);
    assertThat(s.toString()).isEqualTo("TotpSecret[20 bytes]");
    assertThat(s.revealBase32()).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(TotpSecret.ofBase32("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(s);
    assertThat(s.revealOtpauthUri("Palisade", "alice"))
        .isEqualTo("otpauth://totp/Palisade%3Aalice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Palisade"
            + "&algorithm=SHA1&digits=6&period=30");
    byte[] out = s.revealBytes();
    out[0] = 0;
    assertThat(s.revealBytes()[0]).isEqualTo((byte) '1');
    s.wipe();
    assertThat(s.revealBytes()).containsOnly(0);
    assertThatThrownBy(() -> TotpSecret.of(new byte[8])).hasMessageContaining("16 to 64 bytes");
  }
}
