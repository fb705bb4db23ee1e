package io.palisade.keys.backup;

import io.palisade.keys.KeysException;
import io.palisade.keys.KeysException.Kind;
import io.palisade.keys.PoolId;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The paper form of a share: a human header, then the share's canonical JSON as numbered hex lines of 24 bytes, each
 * ending in a 4-digit checksum so a typing mistake is pinned to its line. Whitespace and case do not matter when it
 * is typed back.
 *
 * <pre>
 * 07  7b22 6372 6561 ... 2230  | 3fa1
 * </pre>
 */
public final class PrintableShare {
  /** First line of the encoded block. */
  public static final String BEGIN = "-----BEGIN PALISADE BACKUP SHARE-----";
  /** Last line of the encoded block. */
  public static final String END = "-----END PALISADE BACKUP SHARE-----";
  private static final int BYTES_PER_LINE = 24;

  private PrintableShare() {}

  /** The printable text of {@code share}. */
  public static String encode(BackupShare share) {
    StringBuilder sb = new StringBuilder();
    sb.append("PALISADE BACKUP SHARE: SECRET. Keep it where the label says, apart from the other shares.\n\n");
    sb.append("Place:    ").append(share.label()).append('\n');
    sb.append("Share:    ").append(share.index()).append(" of ").append(share.total()).append(" (any ")
        .append(share.threshold()).append(" restore the pool's keys; fewer reveal nothing)\n");
    sb.append("Pool:     ").append(PoolId.parse(share.poolIdHex()).bech32()).append('\n');
    sb.append("Network:  ").append(share.network()).append('\n');
    sb.append("Set:      ").append(share.setId()).append('\n');
    sb.append("Created:  ").append(share.createdAt()).append('\n');
    sb.append("Restore:  type the block below into a file, then\n");
    sb.append("          palisade keys backup restore --share FILE --share FILE ... --vault DIR\n\n");
    sb.append(BEGIN).append('\n');
    byte[] data = share.toCanonicalJson();
    HexFormat hex = HexFormat.of();
    for (int off = 0, line = 1; off < data.length; off += BYTES_PER_LINE, line++) {
      int n = Math.min(BYTES_PER_LINE, data.length - off);
      sb.append(String.format(Locale.ROOT, "%03d ", line));
      for (int i = 0; i < n; i += 2) {
        sb.append(' ').append(hex.formatHex(data, off + i, Math.min(off + i + 2, off + n)));
      }
      sb.append("  | ").append(checksum(line, data, off, n)).append('\n');
    }
    java.util.Arrays.fill(data, (byte) 0);
    sb.append(END).append('\n');
    return sb.toString();
  }

  /**
   * Decodes the block of a printable share.
   *
   * @throws KeysException INVALID_INPUT if the block is missing or malformed, TAMPERED naming the line whose
   *     checksum fails
   */
  public static byte[] decode(String text, String source) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw KeysException.invalid(source + ": the share block is incomplete (missing BEGIN or END line)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int expected = 1;
    for (String raw : text.substring(begin + BEGIN.length(), end).split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      int bar = line.indexOf('|');
      String[] head = line.substring(0, Math.max(bar, 0)).trim().split("\\s+", 2);
      if (bar < 0 || head.length != 2) {
        throw KeysException.invalid(source + ": share line " + expected + " is malformed (expected"
            + " 'NNN  hex ...  | check')");
      }
      int number;
      try {
        number = Integer.parseInt(head[0]);
      } catch (NumberFormatException e) {
        throw KeysException.invalid(source + ": share line " + expected + " does not start with its number");
      }
      if (number != expected) {
        throw KeysException.invalid(source + ": share line " + expected + " is missing (found line " + number + ")");
      }
      byte[] bytes;
      try {
        bytes = HexFormat.of().parseHex(head[1].replaceAll("\\s+", "").toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw KeysException.invalid(source + ": share line " + number + " has a character that is not hex");
      }
      String check = line.substring(bar + 1).trim().toLowerCase(Locale.ROOT);
      if (!check.equals(checksum(number, bytes, 0, bytes.length))) {
        throw new KeysException(Kind.TAMPERED, source + ": share line " + number + " does not match its checksum"
            + " (a typo, or the paper was damaged): check that line");
      }
      out.writeBytes(bytes);
      expected++;
    }
    if (expected == 1) {
      throw KeysException.invalid(source + ": the share block is empty");
    }
    return out.toByteArray();
  }

  private static String checksum(int line, byte[] data, int off, int n) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((byte) (line >>> 8));
      sha.update((byte) line);
      sha.update(data, off, n);
      return HexFormat.of().formatHex(sha.digest(), 0, 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
