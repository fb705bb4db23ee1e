package io.palisade.console.account;

import io.palisade.console.ConsoleException;
import io.palisade.console.store.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets the console must read back (TOTP secrets) before they reach the database: AES-256-GCM under a key
 * kept in the data directory ({@code console.key}, owner-only), with a context string as associated data so a sealed
 * value moved to another row does not open. A database dump alone (PostgreSQL on another host, a backup) reveals no
 * TOTP secret. Back up {@code console.key} together with the database.
 */
public final class SecretBox {
  /** The key file's name in the data directory. */
  public static final String KEY_FILE = "console.key";

  private static final String PREFIX = "v1:";
  private static final int NONCE = 12;

  private final SecretKeySpec key;
  private final SecureRandom random;

  private SecretBox(byte[] keyBytes, SecureRandom random) {
    this.key = new SecretKeySpec(keyBytes, "AES");
    this.random = random;
  }

  /**
   * Loads the key from the data directory, creating it (atomically, owner-only) on first use.
   *
   * @param dataDirectory the console's data directory
   * @param random a strong random source
   * @return the box
   * @throws ConsoleException when the key file cannot be read or written, or has the wrong size
   */
  public static SecretBox open(Path dataDirectory, SecureRandom random) {
    Path file = dataDirectory.resolve(KEY_FILE);
    try {
      Files.createDirectories(dataDirectory);
      if (!Files.exists(file)) {
        create(file, random);
      }
      PrivateFiles.ownerOnly(file); // a key an earlier version created with the umask is narrowed
      byte[] k = Files.readAllBytes(file);
      try {
        if (k.length != 32) {
          throw new ConsoleException(file + " must hold a 32-byte key, it holds " + k.length + " bytes");
        }
        return new SecretBox(k, random);
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    } catch (IOException e) {
      throw new ConsoleException("cannot read or create the console key " + file + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path file, SecureRandom random) throws IOException {
    byte[] k = new byte[32];
    random.nextBytes(k);
    try {
      // Never replaces an existing key: a second console starting at the same moment keeps the first one's key.
      PrivateFiles.createOnce(file, k);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * @param plaintext the secret (not kept)
   * @param context what the value is for (e.g. {@code totp:alice}); needed again to open it
   * @return printable sealed text
   */
  public String seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext);
      byte[] out = ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * @param sealed text from {@link #seal}
   * @param context the same context as when sealed
   * @return the secret (the caller wipes it)
   * @throws ConsoleException when the value was altered, moved, or sealed under another key
   */
  public byte[] open(String sealed, String context) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new ConsoleException("a sealed secret for " + context + " is not in the expected format");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      if (in.length < NONCE + 16) {
        throw new ConsoleException("a sealed secret for " + context + " is too short");
      }
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(in, NONCE, in.length - NONCE);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new ConsoleException("the sealed secret for " + context + " does not open: it was altered, moved to"
          + " another row, or sealed with another " + KEY_FILE, e);
    }
  }
}
