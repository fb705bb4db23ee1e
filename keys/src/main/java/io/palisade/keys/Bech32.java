package io.palisade.keys;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** Bech32 (BIP-173) as Cardano uses it for pool ids ({@code pool1...}) and keys, without the 90-character limit. */
public final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32() {}

  /** A decoded string: human-readable part and data bytes. */
  public record Decoded(String hrp, byte[] data) {}

  /** Encodes {@code data} with the human-readable part {@code hrp}. */
  public static String encode(String hrp, byte[] data) {
    byte[] values = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(hrp, values);
    StringBuilder sb = new StringBuilder(hrp.length() + 1 + values.length + 6).append(hrp).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (byte v : checksum) {
      sb.append(CHARSET.charAt(v));
    }
    return sb.toString();
  }

  /**
   * Decodes a bech32 string.
   *
   * @throws KeysException naming the problem if it is not valid bech32
   */
  public static Decoded decode(String text) {
    if (text.length() > 1024) {
      throw KeysException.invalid("bech32 string too long: " + text.length() + " characters");
    }
    if (!text.equals(text.toLowerCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw KeysException.invalid("bech32 string mixes upper and lower case");
    }
    String s = text.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 1 || sep + 7 > s.length()) {
      throw KeysException.invalid("not a bech32 string (no separator '1' or too short)");
    }
    String hrp = s.substring(0, sep);
    byte[] values = new byte[s.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
      if (v < 0) {
        throw KeysException.invalid("bech32 string has an invalid character '" + s.charAt(sep + 1 + i) + "'");
      }
      values[i] = (byte) v;
    }
    if (polymod(expand(hrp), values) != 1) {
      throw KeysException.invalid("bech32 checksum does not match (a typo?)");
    }
    byte[] data = new byte[values.length - 6];
    System.arraycopy(values, 0, data, 0, data.length);
    return new Decoded(hrp, convertBits(data, 5, 8, false));
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] withZeros = new byte[values.length + 6];
    System.arraycopy(values, 0, withZeros, 0, values.length);
    int mod = polymod(expand(hrp), withZeros) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static byte[] expand(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(byte[] hrpExpanded, byte[] values) {
    int chk = 1;
    for (byte[] part : new byte[][] {hrpExpanded, values}) {
      for (byte v : part) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
          if (((top >>> i) & 1) != 0) {
            chk ^= GENERATOR[i];
          }
        }
      }
    }
    return chk;
  }

  private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      int value = b & 0xff;
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      throw KeysException.invalid("bech32 data has invalid padding");
    }
    return out.toByteArray();
  }
}
