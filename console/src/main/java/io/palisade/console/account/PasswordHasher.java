package io.palisade.console.account;

/**
 * The port through which the account code hashes and checks passwords, without knowing the library that does it: the
 * console's web configuration supplies Argon2id (Spring Security's encoder), so nothing outside the web package
 * depends on Spring. A hash is self-describing (algorithm and parameters in the string), so a later hasher can still
 * check hashes stored by an earlier one.
 */
public interface PasswordHasher {
  /**
   * @param password the password (never logged, never kept)
   * @return its salted hash, as stored in the database
   */
  String hash(CharSequence password);

  /**
   * @param password what was typed
   * @param hash a stored hash
   * @return whether they match (compared in constant time by the implementation)
   */
  boolean matches(CharSequence password, String hash);
}
