package io.palisade.console.audit;

import io.palisade.console.ConsoleException;
import io.palisade.console.store.PrivateFiles;
import io.palisade.spec.BoundedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's witness key: HMAC-SHA256 over each audit entry's hash and each queued action's hash, with a 32-byte
 * key kept in the data directory ({@code audit.key}, owner-only), never in the database. Whoever can write the
 * database (with PostgreSQL, anyone holding its role) can append rows with correct SHA-256 links, but not with a
 * MAC: the verifier names such an entry, and the runner refuses an action whose queuing this key did not witness.
 */
public final class AuditKey {
  /** The key file's name in the console's data directory. */
  public static final String FILE = "audit.key";

  /** The purpose of an audit entry's MAC. */
  public static final String ENTRY = "entry";

  /** The purpose of a queued action's witness. */
  public static final String ACTION = "action";

  private static final String ALGORITHM = "HmacSHA256";
  private static final int LENGTH = 32;

  private final SecretKeySpec key;

  private AuditKey(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  /**
   * Loads the key, creating it (atomically, owner-only) on first use.
   *
   * @param dataDirectory the console's data directory
   * @param random a strong random source
   * @return the key
   * @throws ConsoleException when it cannot be read or written, or has the wrong size
   */
  public static AuditKey loadOrCreate(Path dataDirectory, SecureRandom random) {
    Path file = dataDirectory.resolve(FILE);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] k = new byte[LENGTH];
      random.nextBytes(k);
      try {
        PrivateFiles.createOnce(file, k);
      } catch (IOException e) {
        throw new ConsoleException("cannot create the audit key " + file + ": " + e.getMessage(), e);
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    }
    return read(dataDirectory).orElseThrow();
  }

  /**
   * Reads the key of an existing console, for a verifier on the same host.
   *
   * @param dataDirectory the console's data directory
   * @return the key, or empty when there is none (the log's MACs then cannot be checked)
   * @throws ConsoleException when the file exists but cannot be read or is not a key
   */
  public static Optional<AuditKey> read(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE);
    byte[] k = null;
    try {
      PrivateFiles.ownerOnly(file);
      k = BoundedFile.read(file, LENGTH);
      if (k.length != LENGTH) {
        throw new ConsoleException(file + " must hold a " + LENGTH + "-byte key, it holds " + k.length + " bytes");
      }
      return Optional.of(new AuditKey(k));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ConsoleException("cannot read the audit key " + file + ": " + e.getMessage(), e);
    } finally {
      if (k != null) {
        Arrays.fill(k, (byte) 0);
      }
    }
  }

  /**
   * @param purpose what is witnessed ("entry", "action"): a MAC for one never passes for the other
   * @param hash the 64-hex-digit hash witnessed
   * @return the MAC, 64 lowercase hex digits
   */
  public String mac(String purpose, String hash) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(("palisade-witness-v1:" + purpose + ":").getBytes(StandardCharsets.US_ASCII));
      mac.update(AuditHash.parseHash(hash));
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + ALGORITHM, e);
    }
  }

  /**
   * @param purpose what is witnessed
   * @param hash the hash
   * @param mac a stored MAC (may be null)
   * @return whether it is this key's MAC of that hash (compared in constant time)
   */
  public boolean witnessed(String purpose, String hash, String mac) {
    if (mac == null || mac.length() != 64) {
      return false;
    }
    return MessageDigest.isEqual(mac(purpose, hash).getBytes(StandardCharsets.US_ASCII),
        mac.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "AuditKey[redacted]";
  }
}
