package io.palisade.keys.vault;

import io.palisade.keys.Aead;
import io.palisade.keys.KeysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.login.FailedLoginException;

/**
 * A PKCS#11 token reached through the JDK's SunPKCS11 provider, holding the vault's key-encryption key: an AES-256
 * key generated inside the token as a sensitive, non-extractable token object. The key never leaves the token; the
 * vault's data key is encrypted and decrypted by the token (CKM_AES_GCM).
 *
 * <p>Tested with SoftHSM2 ({@code /usr/lib/softhsm/libsofthsm2.so}); any token with AES-GCM works the same.
 */
public final class Pkcs11Token implements AutoCloseable {
  private final Provider provider;
  private final KeyStore keyStore;
  private final String library;
  private final int slotListIndex;

  private Pkcs11Token(Provider provider, KeyStore keyStore, String library, int slotListIndex) {
    this.provider = provider;
    this.keyStore = keyStore;
    this.library = library;
    this.slotListIndex = slotListIndex;
  }

  /**
   * Logs in to the token.
   *
   * @param library path of the PKCS#11 module
   * @param slotListIndex index of the token's slot in the module's slot list
   * @param pin the user PIN (not kept)
   * @throws KeysException UNAVAILABLE if the library or token is missing, WRONG_CREDENTIAL on a wrong PIN
   */
  public static Pkcs11Token login(String library, int slotListIndex, char[] pin) {
    if (!Files.isReadable(Path.of(library))) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "PKCS#11 library not found: " + library
          + " (on Debian: apt-get install softhsm2, or your token vendor's module)");
    }
    String config = "--name=palisade-" + slotListIndex + "\n"
        + "library=" + library + "\n"
        + "slotListIndex=" + slotListIndex + "\n"
        // Keys the token generates for us are sensitive and can never be exported, not even wrapped.
        + "attributes(*,CKO_SECRET_KEY,CKK_AES) = {\n  CKA_SENSITIVE=true\n  CKA_EXTRACTABLE=false\n}\n";
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure(config);
    } catch (ProviderException | java.security.InvalidParameterException e) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "PKCS#11 token unavailable (library " + library
          + ", slot index " + slotListIndex + "): " + rootMessage(e), e);
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS11", provider);
      // A previous login in this process (another provider instance on the same library) would be reused silently.
      try {
        ((java.security.AuthProvider) provider).logout();
      } catch (javax.security.auth.login.LoginException | ProviderException ignored) {
        // Not logged in: the normal case.
      }
      ks.load(null, pin);
      return new Pkcs11Token(provider, ks, library, slotListIndex);
    } catch (IOException e) {
      if (hasCause(e, FailedLoginException.class) || rootMessage(e).contains("CKR_PIN")) {
        throw new KeysException(KeysException.Kind.WRONG_CREDENTIAL, "wrong PKCS#11 PIN for the token in slot index "
            + slotListIndex + " (" + pinReason(e) + ")", e);
      }
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "cannot log in to the PKCS#11 token: "
          + rootMessage(e), e);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "PKCS#11 token unavailable: " + rootMessage(e), e);
    }
  }

  /**
   * Logs out. PKCS#11 login state is shared by every session of the process, so without this a later login with a
   * wrong PIN in the same process would pass unchecked.
   */
  @Override
  public void close() {
    try {
      ((java.security.AuthProvider) provider).logout();
    } catch (javax.security.auth.login.LoginException | ProviderException e) {
      // Already logged out, or the token went away: nothing left to undo.
    }
  }

  /** The module path. */
  public String library() {
    return library;
  }

  /** The slot list index. */
  public int slotListIndex() {
    return slotListIndex;
  }

  /** Whether the token holds a key with this label. */
  public boolean hasKey(String label) {
    try {
      return keyStore.containsAlias(label);
    } catch (GeneralSecurityException e) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "cannot list the token's keys: " + rootMessage(e), e);
    }
  }

  /** Generates a new non-extractable AES-256 token key under {@code label}; refuses to replace one. */
  public void createKey(String label) {
    if (hasKey(label)) {
      throw new KeysException(KeysException.Kind.REFUSED, "the token already holds a key labelled " + label);
    }
    try {
      KeyGenerator kg = KeyGenerator.getInstance("AES", provider);
      kg.init(256, new SecureRandom());
      SecretKey session = kg.generateKey();
      keyStore.setEntry(label, new KeyStore.SecretKeyEntry(session), null);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "the token could not create an AES-256 key: "
          + rootMessage(e), e);
    }
  }

  /** Encrypts {@code plaintext} with the token key {@code label} (AES-GCM inside the token). */
  public Aead.Sealed seal(String label, byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[Aead.NONCE_BYTES];
    new SecureRandom().nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
      c.init(Cipher.ENCRYPT_MODE, key(label), new GCMParameterSpec(128, nonce));
      c.updateAAD(aad);
      return new Aead.Sealed(nonce, c.doFinal(plaintext));
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "the token could not encrypt: " + rootMessage(e), e);
    }
  }

  /** Decrypts with the token key {@code label}; empty if the data does not authenticate. */
  public Optional<byte[]> open(String label, Aead.Sealed sealed, byte[] aad) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
      c.init(Cipher.DECRYPT_MODE, key(label), new GCMParameterSpec(128, sealed.nonce()));
      c.updateAAD(aad);
      return Optional.of(c.doFinal(sealed.ciphertext()));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "the token could not decrypt: " + rootMessage(e), e);
    }
  }

  /** Whether the token key is sensitive and non-extractable, as the JDK reports it. */
  public boolean isNonExtractable(String label) {
    SecretKey k = key(label);
    String description = k.toString();
    return k.getEncoded() == null && description.contains("sensitive") && description.contains("unextractable");
  }

  private SecretKey key(String label) {
    try {
      if (!keyStore.containsAlias(label)) {
        throw new KeysException(KeysException.Kind.UNAVAILABLE, "the token holds no key labelled " + label
            + ": is this the vault's token (library " + library + ", slot index " + slotListIndex + ")?");
      }
      return (SecretKey) keyStore.getKey(label, null);
    } catch (GeneralSecurityException e) {
      throw new KeysException(KeysException.Kind.UNAVAILABLE, "cannot read token key " + label + ": "
          + rootMessage(e), e);
    }
  }

  private static String pinReason(Throwable e) {
    String m = rootMessage(e);
    return m.contains("CKR_PIN_LOCKED") ? "the PIN is locked" : m.contains("CKR_PIN_INCORRECT") ? "incorrect PIN" : m;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
