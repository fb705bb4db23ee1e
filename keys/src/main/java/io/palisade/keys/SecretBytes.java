package io.palisade.keys;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret key material: copied in and out, compared in constant time, wiped by {@link #close()}, never printed. Reading
 * the bytes takes {@link #reveal()}, a name that is easy to grep for in reviews.
 */
public final class SecretBytes implements AutoCloseable {
  private final byte[] bytes;
  private boolean wiped;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; the caller still wipes its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Copies {@code length} bytes of {@code bytes} from {@code offset}. */
  public static SecretBytes copyOf(byte[] bytes, int offset, int length) {
    return new SecretBytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Takes ownership of {@code bytes} without copying: the caller must not keep or wipe the array. */
  public static SecretBytes adopt(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  /** The length in bytes. */
  public int length() {
    return bytes.length;
  }

  /**
   * A copy of the secret. The caller wipes it ({@code Arrays.fill(b, (byte) 0)}) when done.
   *
   * @throws IllegalStateException if already wiped
   */
  public byte[] reveal() {
    checkLive();
    return bytes.clone();
  }

  /** Constant-time comparison with another secret. */
  public boolean equalsSecret(SecretBytes other) {
    checkLive();
    other.checkLive();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Zeroes the bytes; later reads fail. */
  @Override
  public void close() {
    Arrays.fill(bytes, (byte) 0);
    wiped = true;
  }

  /** Whether {@link #close()} ran. */
  public boolean isWiped() {
    return wiped;
  }

  private void checkLive() {
    if (wiped) {
      throw new IllegalStateException("secret already wiped");
    }
  }

  /** Never the secret: only its size. */
  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes]";
  }

  /** Identity only: secrets are compared with {@link #equalsSecret}, in constant time. */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
