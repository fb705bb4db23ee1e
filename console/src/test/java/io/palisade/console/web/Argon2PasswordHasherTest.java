package io.palisade.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.account.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password-hasher port's one implementation: Argon2id with OWASP's parameters, salted (two hashes of one password
 * differ), a wrong password refused, hashes stored before the port existed still checked, and Spring's login
 * provider sees the same hasher.
 */
class Argon2PasswordHasherTest {
  private final PasswordHasher hasher = new Argon2PasswordHasher();

  @Test
  void argon2idWithOwaspParameters() {
    String hash = hasher.hash("a long enough passphrase");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.hash("a long enough passphrase")).as("salted").isNotEqualTo(hash);
    assertThat(hasher.matches("a long enough passphrase", hash)).isTrue();
    assertThat(hasher.matches("a long enough passphrasE", hash)).isFalse();
    assertThat(hasher.matches("a long enough passphrase", null)).isFalse();
    assertThat(hasher.matches("a long enough passphrase", "not a hash")).isFalse();
  }

  @Test
  void hashesStoredBeforeThePortStillCheck() {
    // What the console stored until now: Spring's encoder with the same parameters, called directly.
    String stored = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode("an older passphrase");
    assertThat(hasher.matches("an older passphrase", stored)).isTrue();
  }

  @Test
  void springsLoginProviderUsesTheSameHasher() {
    PasswordEncoder encoder = Argon2PasswordHasher.asEncoder(hasher);
    assertThat(encoder.matches("a long enough passphrase", hasher.hash("a long enough passphrase"))).isTrue();
    assertThat(hasher.matches("x y z passphrase", encoder.encode("x y z passphrase"))).isTrue();
  }
}
