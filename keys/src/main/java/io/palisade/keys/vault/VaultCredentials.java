package io.palisade.keys.vault;

import java.util.Arrays;
import java.util.Optional;

/**
 * What unlocks a vault: a passphrase, a PKCS#11 token (library, slot, PIN), or both. Holds the secrets in char arrays
 * it wipes on {@link #close()}; prints nothing secret.
 */
public final class VaultCredentials implements AutoCloseable {
  private final char[] passphrase;
  private final Pkcs11Settings pkcs11;
  private final char[] pin;

  /**
   * Where the token is.
   *
   * @param library path of the PKCS#11 module
   * @param slotListIndex index of the token's slot
   */
  public record Pkcs11Settings(String library, int slotListIndex) {}

  private VaultCredentials(char[] passphrase, Pkcs11Settings pkcs11, char[] pin) {
    this.passphrase = passphrase;
    this.pkcs11 = pkcs11;
    this.pin = pin;
  }

  /** A passphrase only (copied). */
  public static VaultCredentials passphrase(char[] passphrase) {
    return new VaultCredentials(passphrase.clone(), null, null);
  }

  /** A token only (PIN copied). */
  public static VaultCredentials pkcs11(Pkcs11Settings settings, char[] pin) {
    return new VaultCredentials(null, settings, pin.clone());
  }

  /** Either or both; nulls for what is absent (secrets copied). */
  public static VaultCredentials of(char[] passphrase, Pkcs11Settings settings, char[] pin) {
    if (passphrase == null && (settings == null || pin == null)) {
      throw new IllegalArgumentException("a vault needs a passphrase, a PKCS#11 token and PIN, or both");
    }
    return new VaultCredentials(passphrase == null ? null : passphrase.clone(), settings,
        pin == null ? null : pin.clone());
  }

  /** The passphrase, if given (the array itself: do not keep it). */
  Optional<char[]> passphrase() {
    return Optional.ofNullable(passphrase);
  }

  /** The token settings, if given. */
  public Optional<Pkcs11Settings> pkcs11() {
    return Optional.ofNullable(pkcs11);
  }

  /** The PIN, if given (the array itself: do not keep it). */
  Optional<char[]> pin() {
    return Optional.ofNullable(pin);
  }

  /** Whether a passphrase was given. */
  public boolean hasPassphrase() {
    return passphrase != null;
  }

  /** Whether a token and PIN were given. */
  public boolean hasPkcs11() {
    return pkcs11 != null && pin != null;
  }

  @Override
  public void close() {
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
    if (pin != null) {
      Arrays.fill(pin, '\0');
    }
  }

  @Override
  public String toString() {
    return "VaultCredentials[passphrase=" + hasPassphrase() + ", pkcs11=" + pkcs11 + "]";
  }
}
