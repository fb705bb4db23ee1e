package io.palisade.console.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The console's password hashing: Argon2id (RFC 9106) with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). */
public final class Passwords {
  private Passwords() {}

  /**
   * @return Spring Security's Argon2id encoder with 16-byte salts and 32-byte hashes
   */
  public static PasswordEncoder argon2id() {
    return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
  }
}
