package io.palisade.keys;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The few CBOR shapes key files use (definite-length byte strings, unsigned integers, arrays), written by hand so the
 * encoding is exactly cardano-cli's (minimal-length heads) and easy to audit. {@link Reader} is strict: it is fed
 * outside input.
 */
public final class Cbor {
  private Cbor() {}

  /** Builds CBOR bytes. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An array header of {@code n} items. */
    public Writer array(int n) {
      head(4, n);
      return this;
    }

    /** An unsigned integer, minimal length. */
    public Writer uint(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("CBOR uint must be >= 0, was: " + value);
      }
      head(0, value);
      return this;
    }

    /** A byte string. */
    public Writer bytes(byte[] value) {
      head(2, value.length);
      out.writeBytes(value);
      return this;
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
      return out.toByteArray();
    }

    private void head(int major, long value) {
      int mt = major << 5;
      if (value < 24) {
        out.write(mt | (int) value);
      } else if (value < 0x100) {
        out.write(mt | 24);
        out.write((int) value);
      } else if (value < 0x10000) {
        out.write(mt | 25);
        writeBig(value, 2);
      } else if (value < 0x100000000L) {
        out.write(mt | 26);
        writeBig(value, 4);
      } else {
        out.write(mt | 27);
        writeBig(value, 8);
      }
    }

    private void writeBig(long value, int n) {
      for (int i = n - 1; i >= 0; i--) {
        out.write((int) (value >>> (8 * i)) & 0xff);
      }
    }
  }

  /** Reads CBOR bytes, refusing anything but the expected shape. Errors name {@code what} is being read. */
  public static final class Reader {
    private final byte[] in;
    private final String what;
    private int pos;

    /**
     * @param in the bytes
     * @param what a name for error messages, e.g. "operational certificate"
     */
    public Reader(byte[] in, String what) {
      this.in = in;
      this.what = what;
    }

    /** Reads an array header and checks its length. */
    public void array(int expected) {
      long n = head(4, "an array");
      if (n != expected) {
        throw fail("an array of " + expected + " items", "an array of " + n);
      }
    }

    /** Reads an unsigned integer (0 to {@link Long#MAX_VALUE}). */
    public long uint() {
      long v = head(0, "an unsigned integer");
      if (v < 0) {
        throw fail("an integer below 2^63", "a larger one");
      }
      return v;
    }

    /** Reads a byte string of exactly {@code length} bytes. */
    public byte[] bytes(int length) {
      long n = head(2, "a byte string");
      if (n != length) {
        throw fail("a byte string of " + length + " bytes", "one of " + n + " bytes");
      }
      if (in.length - pos < length) {
        throw fail(length + " bytes", "the data ends early (truncated)");
      }
      byte[] out = Arrays.copyOfRange(in, pos, pos + length);
      pos += length;
      return out;
    }

    /** Checks nothing follows. */
    public void end() {
      if (pos != in.length) {
        throw fail("the end of the data", (in.length - pos) + " extra bytes");
      }
    }

    private long head(int major, String expected) {
      if (pos >= in.length) {
        throw fail(expected, "the end of the data (truncated)");
      }
      int b = in[pos++] & 0xff;
      if (b >>> 5 != major) {
        throw fail(expected, String.format("CBOR major type %d at byte %d", b >>> 5, pos - 1));
      }
      int info = b & 31;
      if (info < 24) {
        return info;
      }
      int n = switch (info) {
        case 24 -> 1;
        case 25 -> 2;
        case 26 -> 4;
        case 27 -> 8;
        default -> throw fail(expected, "an indefinite or reserved length at byte " + (pos - 1));
      };
      if (in.length - pos < n) {
        throw fail(expected, "the end of the data (truncated)");
      }
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (in[pos++] & 0xff);
      }
      return v;
    }

    private KeysException fail(String expected, String seen) {
      return KeysException.invalid(what + ": expected " + expected + ", found " + seen);
    }
  }
}
