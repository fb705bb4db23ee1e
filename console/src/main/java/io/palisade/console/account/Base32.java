package io.palisade.console.account;

import java.io.ByteArrayOutputStream;

/** RFC 4648 base32 (the alphabet authenticator apps use for TOTP secrets), without padding on output. */
final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  static String encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * @param text base32, case-insensitive; spaces, dashes and '=' padding are ignored
   * @return the bytes
   * @throws IllegalArgumentException naming the first character that is not base32
   */
  static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toUpperCase(text.charAt(i));
      if (c == ' ' || c == '-' || c == '=') {
        continue;
      }
      int v = ALPHABET.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not base32: character " + (i + 1) + " is '" + text.charAt(i) + "'");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
