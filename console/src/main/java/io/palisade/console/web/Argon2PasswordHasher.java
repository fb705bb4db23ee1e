package io.palisade.console.web;

import io.palisade.console.account.PasswordHasher;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's password hash: Argon2id (RFC 9106) with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), 16-byte
 * salts and 32-byte hashes, through Spring Security's encoder. It lives here because only the web package knows
 * Spring; the account code sees the {@link PasswordHasher} port. The same instance checks logins
 * ({@link #asEncoder(PasswordHasher)}), so enrollment and login cannot disagree on the algorithm.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

  @Override
  public String hash(CharSequence password) {
    return encoder.encode(password);
  }

  @Override
  public boolean matches(CharSequence password, String hash) {
    return hash != null && encoder.matches(password, hash);
  }

  /**
   * Spring Security's view of a hasher, for its login provider.
   *
   * @param hasher the console's hasher
   * @return an encoder that delegates to it
   */
  static PasswordEncoder asEncoder(PasswordHasher hasher) {
    return new PasswordEncoder() {
      @Override
      public String encode(CharSequence rawPassword) {
        return hasher.hash(rawPassword);
      }

      @Override
      public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return hasher.matches(rawPassword, encodedPassword);
      }
    };
  }
}
