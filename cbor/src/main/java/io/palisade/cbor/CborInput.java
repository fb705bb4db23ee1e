package io.palisade.cbor;

/**
 * The bounded byte input under {@link CborReader}: a range of a byte array and a position in it, and the head
 * decoding every item shares (the argument, a length checked against the bytes present before anything is
 * allocated). Running out of bytes throws an "incomplete" {@link CborException}, never reads past {@code end}.
 */
final class CborInput {
  /** The break code that ends an indefinite-length item. */
  static final int BREAK = 0xff;

  final byte[] data;
  final int end;
  int pos;

  CborInput(byte[] data, int offset, int end) {
    if (offset < 0 || end > data.length || offset > end) {
      throw new IllegalArgumentException("bad range " + offset + ".." + end + " of " + data.length + " bytes");
    }
    this.data = data;
    this.pos = offset;
    this.end = end;
  }

  /** The major type (0..7) of the next item, without consuming it. */
  int majorType() throws CborException {
    need(1);
    return (data[pos] & 0xff) >>> 5;
  }

  /** Reads the head at {@code pos} and returns its argument, as an unsigned value that must fit a long. */
  long argument(int at) throws CborException {
    need(1);
    int info = data[pos] & 0x1f;
    if (info < 24) {
      pos++;
      return info;
    }
    int size = switch (info) {
      case 24 -> 1;
      case 25 -> 2;
      case 26 -> 4;
      case 27 -> 8;
      case 31 -> throw indefinite(at);
      default -> throw CborException.malformed("reserved CBOR additional information " + info + " at byte " + at);
    };
    need(1 + size);
    long v = 0;
    for (int i = 1; i <= size; i++) {
      v = (v << 8) | (data[pos + i] & 0xff);
    }
    if (v < 0) {
      throw CborException.malformed("integer at byte " + at + " does not fit 63 bits");
    }
    pos += 1 + size;
    return v;
  }

  int length(int at, int max, String what) throws CborException {
    long n = argument(at);
    if (n > max) {
      throw CborException.malformed(what + " at byte " + at + " is " + n + " long, the limit is " + max);
    }
    if (n > end - pos && what.endsWith("string")) {
      // Not allocated: either the rest arrives in later frames or the peer lied; the frame limit decides.
      throw CborException.truncated(at);
    }
    return (int) n;
  }

  void need(int n) throws CborException {
    if (n > end - pos) {
      throw CborException.truncated(pos);
    }
  }

  static CborException indefinite(int at) {
    return CborException.malformed("indefinite-length CBOR at byte " + at + " where a definite length is required");
  }

  CborException unexpected(String expected, int at) throws CborException {
    need(1);
    return CborException.malformed("expected " + expected + " at byte " + at + ", found "
        + describe(data[at] & 0xff));
  }

  static String describe(int initialByte) {
    return switch (initialByte >>> 5) {
      case 0 -> "an unsigned integer";
      case 1 -> "a negative integer";
      case 2 -> "a byte string";
      case 3 -> "a text string";
      case 4 -> "an array";
      case 5 -> "a map";
      case 6 -> "a tag";
      default -> switch (initialByte) {
        case 0xf4, 0xf5 -> "a boolean";
        case 0xf6 -> "null";
        case 0xff -> "a break code";
        default -> "a simple value or float";
      };
    };
  }
}
