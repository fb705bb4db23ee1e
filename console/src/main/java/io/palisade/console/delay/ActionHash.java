package io.palisade.console.delay;

import io.palisade.console.audit.AuditHash;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The hash a queued action is re-checked against before it runs: SHA-256 over a length-prefixed encoding of its id,
 * canonical payload, requester and times. Editing any of them in the database (to run something else, or sooner)
 * makes the check fail and the action is refused.
 */
public final class ActionHash {
  private static final byte[] DOMAIN = "palisade-action-v1".getBytes(StandardCharsets.US_ASCII);

  private ActionHash() {}

  /**
   * @param id the action's id
   * @param payload its canonical payload
   * @param requestedBy who asked
   * @param requestedAtMillis when (epoch ms)
   * @param notBeforeMillis earliest run (epoch ms)
   * @param expiresAtMillis expiry (epoch ms)
   * @return 64 lowercase hex digits
   */
  public static String of(
      String id, String payload, String requestedBy, long requestedAtMillis, long notBeforeMillis,
      long expiresAtMillis) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(DOMAIN);
      text(out, id);
      text(out, payload);
      text(out, requestedBy);
      out.writeLong(requestedAtMillis);
      out.writeLong(notBeforeMillis);
      out.writeLong(expiresAtMillis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(AuditHash.sha256(bytes.toByteArray()));
  }

  /**
   * @param a a stored action
   * @return the hash its stored fields give now
   */
  public static String of(DelayedAction a) {
    return of(a.id(), a.payload(), a.requestedBy(), a.requestedAt().toEpochMilli(), a.notBefore().toEpochMilli(),
        a.expiresAt().toEpochMilli());
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
