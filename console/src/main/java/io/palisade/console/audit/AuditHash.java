package io.palisade.console.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit chain's hash: SHA-256 over a length-prefixed encoding of an entry and the previous entry's hash, so no two
 * different entries encode alike and changing any field, or any earlier entry, changes every hash after it.
 *
 * <pre>
 * "palisade-audit-v1" || seq (8 bytes) || at_ms (8 bytes) || actor || kind || subject || detail || prev_hash (32 bytes)
 * </pre>
 *
 * where each text is its UTF-8 length (4 bytes, big-endian) followed by its UTF-8 bytes.
 */
public final class AuditHash {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final byte[] DOMAIN = "palisade-audit-v1".getBytes(StandardCharsets.US_ASCII);

  private AuditHash() {}

  /**
   * @param seq the entry's sequence number
   * @param atMillis its time in epoch milliseconds
   * @param actor who
   * @param kind what
   * @param subject what it concerns
   * @param detail the rest
   * @param prevHash the previous entry's hash, 64 hex digits
   * @return the entry's hash, 64 lowercase hex digits
   */
  public static String of(
      long seq, long atMillis, String actor, String kind, String subject, String detail, String prevHash) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + detail.length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(DOMAIN);
      out.writeLong(seq);
      out.writeLong(atMillis);
      text(out, actor);
      text(out, kind);
      text(out, subject);
      text(out, detail);
      out.write(parseHash(prevHash));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha256(bytes.toByteArray()));
  }

  /**
   * @param hash a stored hash
   * @return its 32 bytes
   * @throws IllegalArgumentException when it is not 64 hex digits
   */
  public static byte[] parseHash(String hash) {
    if (hash == null || hash.length() != 64) {
      throw new IllegalArgumentException("a hash must be 64 hex digits, was: " + hash);
    }
    return HexFormat.of().parseHex(hash);
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * @param data bytes
   * @return their SHA-256
   */
  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
