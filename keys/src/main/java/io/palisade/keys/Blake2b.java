package io.palisade.keys;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The two Blake2b sizes Cardano uses: 224 bits for key hashes (pool id), 256 bits for KES and VRF hashes. Plus
 * {@link ShortHasher}, Blake2b-256 of messages of at most one block (128 bytes) without allocating, for the two hashes
 * a leader schedule computes per slot (BouncyCastle's digest allocates in {@code doFinal}).
 */
public final class Blake2b {
  private static final long[] IV = {
      0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
      0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L};
  private static final byte[][] SIGMA = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
      {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
      {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
      {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
      {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
      {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
      {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
      {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
      {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
      {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};

  private Blake2b() {}

  /** Blake2b-224 of {@code data}. */
  public static byte[] hash224(byte[] data) {
    return hash(224, data, 0, data.length);
  }

  /** Blake2b-256 of {@code data}. */
  public static byte[] hash256(byte[] data) {
    return hash(256, data, 0, data.length);
  }

  /** Blake2b-256 of {@code length} bytes of {@code data} from {@code offset}. */
  public static byte[] hash256(byte[] data, int offset, int length) {
    return hash(256, data, offset, length);
  }

  private static byte[] hash(int bits, byte[] data, int offset, int length) {
    Blake2bDigest digest = new Blake2bDigest(bits);
    digest.update(data, offset, length);
    byte[] out = new byte[bits / 8];
    digest.doFinal(out, 0);
    return out;
  }

  /**
   * Blake2b-256 (RFC 7693, unkeyed) of a message of at most 128 bytes: one compression of the single, final block.
   * Reuses its state; not thread-safe; allocates nothing.
   */
  public static final class ShortHasher {
    private final long[] m = new long[16];
    private final long[] v = new long[16];
    private final long[] h = new long[8];

    /**
     * Writes the 32-byte hash of {@code len} (at most 128) bytes of {@code msg} from {@code off} to {@code out} at
     * {@code outOff}.
     */
    public void hash256(byte[] msg, int off, int len, byte[] out, int outOff) {
      if (len < 0 || len > 128) {
        throw new IllegalArgumentException("a short Blake2b message is at most 128 bytes, was " + len);
      }
      java.util.Arrays.fill(m, 0L);
      for (int i = 0; i < len; i++) {
        m[i >>> 3] |= (msg[off + i] & 0xffL) << (8 * (i & 7));
      }
      System.arraycopy(IV, 0, h, 0, 8);
      h[0] ^= 0x01010000L | 32; // fan-out 1, depth 1, no key, 32-byte digest
      System.arraycopy(h, 0, v, 0, 8);
      System.arraycopy(IV, 0, v, 8, 8);
      v[12] ^= len; // byte counter
      v[14] = ~v[14]; // last block
      for (int r = 0; r < 12; r++) {
        byte[] s = SIGMA[r % 10];
        g(0, 4, 8, 12, m[s[0]], m[s[1]]);
        g(1, 5, 9, 13, m[s[2]], m[s[3]]);
        g(2, 6, 10, 14, m[s[4]], m[s[5]]);
        g(3, 7, 11, 15, m[s[6]], m[s[7]]);
        g(0, 5, 10, 15, m[s[8]], m[s[9]]);
        g(1, 6, 11, 12, m[s[10]], m[s[11]]);
        g(2, 7, 8, 13, m[s[12]], m[s[13]]);
        g(3, 4, 9, 14, m[s[14]], m[s[15]]);
      }
      for (int i = 0; i < 4; i++) {
        long word = h[i] ^ v[i] ^ v[i + 8];
        for (int b = 0; b < 8; b++) {
          out[outOff + 8 * i + b] = (byte) (word >>> (8 * b));
        }
      }
    }

    private void g(int a, int b, int c, int d, long x, long y) {
      v[a] += v[b] + x;
      v[d] = Long.rotateRight(v[d] ^ v[a], 32);
      v[c] += v[d];
      v[b] = Long.rotateRight(v[b] ^ v[c], 24);
      v[a] += v[b] + y;
      v[d] = Long.rotateRight(v[d] ^ v[a], 16);
      v[c] += v[d];
      v[b] = Long.rotateRight(v[b] ^ v[c], 63);
    }
  }
}
