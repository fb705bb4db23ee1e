package io.palisade.keys;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/** The two Blake2b sizes Cardano uses: 224 bits for key hashes (pool id), 256 bits for KES and VRF hashes. */
public final class Blake2b {
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
}
