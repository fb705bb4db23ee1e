package io.palisade.cbor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes CBOR (RFC 8949): integers, byte and text strings, arrays and maps (definite, or indefinite where
 * cardano-ledger writes them so), tags, booleans, null. Every head is written in its shortest form, as the Haskell
 * encoders of cardano-node and cardano-cli do, so encodings are byte-exact with theirs.
 *
 * <pre>{@code
 * byte[] msg = new CborWriter().array(2).uint(4).array(0).toByteArray(); // chain-sync MsgFindIntersect []
 * }</pre>
 */
public final class CborWriter {
  private byte[] buf = new byte[64];
  private int len;

  /** Writes an unsigned integer (major type 0). */
  public CborWriter uint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("unsigned integer must be >= 0, was: " + value);
    }
    head(0, value);
    return this;
  }

  /** Writes a signed integer (major type 0 or 1). */
  public CborWriter integer(long value) {
    if (value >= 0) {
      head(0, value);
    } else {
      head(1, -1 - value);
    }
    return this;
  }

  /** Writes a byte string (major type 2). */
  public CborWriter bytes(byte[] value) {
    head(2, value.length);
    raw(value);
    return this;
  }

  /** Writes a UTF-8 text string (major type 3). */
  public CborWriter text(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    head(3, utf8.length);
    raw(utf8);
    return this;
  }

  /** Starts a definite-length array of {@code size} items; the caller writes them next. */
  public CborWriter array(int size) {
    requireSize(size);
    head(4, size);
    return this;
  }

  /** Starts an indefinite-length array; the caller writes the items, then {@link #breakCode()}. */
  public CborWriter arrayIndefinite() {
    ensure(1);
    buf[len++] = (byte) 0x9f;
    return this;
  }

  /** Starts a definite-length map of {@code size} pairs; the caller writes key, value, key, value... */
  public CborWriter map(int size) {
    requireSize(size);
    head(5, size);
    return this;
  }

  /** Starts an indefinite-length map; the caller writes the pairs, then {@link #breakCode()}. */
  public CborWriter mapIndefinite() {
    ensure(1);
    buf[len++] = (byte) 0xbf;
    return this;
  }

  /** Ends an indefinite-length array or map. */
  public CborWriter breakCode() {
    ensure(1);
    buf[len++] = (byte) 0xff;
    return this;
  }

  /** Writes a tag head (major type 6); the caller writes the tagged item next. */
  public CborWriter tag(long tag) {
    if (tag < 0) {
      throw new IllegalArgumentException("tag must be >= 0, was: " + tag);
    }
    head(6, tag);
    return this;
  }

  /** Writes {@code true} or {@code false}. */
  public CborWriter bool(boolean value) {
    ensure(1);
    buf[len++] = (byte) (value ? 0xf5 : 0xf4);
    return this;
  }

  /** Writes {@code null}. */
  public CborWriter nul() {
    ensure(1);
    buf[len++] = (byte) 0xf6;
    return this;
  }

  /** Appends already-encoded CBOR (one or more complete items). */
  public CborWriter raw(byte[] encoded) {
    ensure(encoded.length);
    System.arraycopy(encoded, 0, buf, len, encoded.length);
    len += encoded.length;
    return this;
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private static void requireSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, was: " + size);
    }
  }

  private void head(int major, long value) {
    int mt = major << 5;
    ensure(9);
    if (value < 24) {
      buf[len++] = (byte) (mt | (int) value);
    } else if (value < 0x100) {
      buf[len++] = (byte) (mt | 24);
      buf[len++] = (byte) value;
    } else if (value < 0x10000) {
      buf[len++] = (byte) (mt | 25);
      putBigEndian(value, 2);
    } else if (value < 0x100000000L) {
      buf[len++] = (byte) (mt | 26);
      putBigEndian(value, 4);
    } else {
      buf[len++] = (byte) (mt | 27);
      putBigEndian(value, 8);
    }
  }

  private void putBigEndian(long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      buf[len++] = (byte) (value >>> (8 * i));
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
