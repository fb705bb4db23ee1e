package io.palisade.runtime.plane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * The control plane's API token: 32 random bytes, written hex-encoded to a file only its owner can read. Compared in
 * constant time; never printed.
 */
public final class AccessToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] text;

  private AccessToken(byte[] text) {
    this.text = text;
  }

  /** A new random token. */
  public static AccessToken generate() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    byte[] hex = HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(raw, (byte) 0);
    return new AccessToken(hex);
  }

  /**
   * Reads a token file, refusing one that others could read or that belongs to another user.
   *
   * @param file the token file
   * @return the token
   * @throws IOException if it is missing, unreadable, or too open
   */
  public static AccessToken read(Path file) throws IOException {
    PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isRegularFile()) {
      throw new IOException(file + " is not a regular file");
    }
    Set<PosixFilePermission> perms = attrs.permissions();
    if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(perms)) {
      throw new IOException(file + " can be read by others (mode " + java.nio.file.attribute.PosixFilePermissions
          .toString(perms) + "); it must be 0600");
    }
    String me = System.getProperty("user.name");
    if (!attrs.owner().getName().equals(me)) {
      throw new IOException(file + " belongs to " + attrs.owner().getName() + ", not to " + me);
    }
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    if (end != 64) {
      Arrays.fill(bytes, (byte) 0);
      throw new IOException(file + " is not a Palisade token (expected 64 hex characters)");
    }
    byte[] text = Arrays.copyOf(bytes, end);
    Arrays.fill(bytes, (byte) 0);
    return new AccessToken(text);
  }

  /**
   * Writes the token to a new file with mode 0600 (atomically).
   *
   * @param file the file
   * @throws IOException if it cannot be written
   */
  public void write(Path file) throws IOException {
    io.palisade.spec.AtomicFile.write(file, text.clone(), true);
  }

  /** The {@code Authorization} header value. Handle as a secret. */
  String bearer() {
    return "Bearer " + new String(text, StandardCharsets.US_ASCII);
  }

  /** Whether an {@code Authorization} header carries this token; constant time in the header's content. */
  boolean matches(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
    boolean ok = MessageDigest.isEqual(text, given);
    Arrays.fill(given, (byte) 0);
    return ok;
  }

  /** Overwrites the token in memory. */
  public void wipe() {
    Arrays.fill(text, (byte) 0);
  }

  @Override
  public String toString() {
    return "AccessToken[redacted]";
  }
}
