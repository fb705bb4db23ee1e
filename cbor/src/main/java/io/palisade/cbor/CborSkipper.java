package io.palisade.cbor;

/**
 * Skips one complete CBOR item of any type over a {@link CborInput}: nested arrays, maps and tags, indefinite
 * lengths with their chunk rules, at most {@link CborReader#MAX_DEPTH} deep. {@link CborReader#skip()},
 * {@link CborReader#readRaw()} and {@link CborReader#itemLength} use it.
 */
final class CborSkipper {
  private CborSkipper() {}

  /** Skips the item at the input's position; {@code depth} is how deep it sits. */
  static void skip(CborInput in, int depth) throws CborException {
    if (depth > CborReader.MAX_DEPTH) {
      throw CborException.malformed("CBOR nested deeper than " + CborReader.MAX_DEPTH + " levels at byte " + in.pos);
    }
    int at = in.pos;
    int major = in.majorType();
    int info = in.data[in.pos] & 0x1f;
    if (info == 31) {
      skipIndefinite(in, major, at, depth);
      return;
    }
    switch (major) {
      case 0, 1 -> in.argument(at);
      case 2, 3 -> {
        int n = in.length(at, Integer.MAX_VALUE, major == 2 ? "byte string" : "text string");
        in.need(n);
        in.pos += n;
      }
      case 4 -> {
        int n = in.length(at, Integer.MAX_VALUE, "array");
        for (int i = 0; i < n; i++) {
          skip(in, depth + 1);
        }
      }
      case 5 -> {
        int n = in.length(at, Integer.MAX_VALUE, "map");
        for (int i = 0; i < n; i++) {
          skip(in, depth + 1);
          skip(in, depth + 1);
        }
      }
      case 6 -> {
        in.argument(at);
        skip(in, depth + 1);
      }
      default -> {
        // Major type 7: simple values and floats; the argument size gives the item size.
        if (info >= 28) {
          throw CborException.malformed("reserved CBOR simple value " + info + " at byte " + at);
        }
        in.argument(at);
      }
    }
  }

  private static void skipIndefinite(CborInput in, int major, int at, int depth) throws CborException {
    switch (major) {
      case 2, 3 -> {
        in.pos++;
        while (!consumeBreak(in)) {
          // RFC 8949 3.2.3: the chunks are definite strings of the same major type.
          int chunk = in.pos;
          if (in.majorType() != major || (in.data[in.pos] & 0x1f) == 31) {
            throw CborException.malformed("indefinite-length string at byte " + at + " has a chunk that is not a"
                + " definite string of its type (byte " + chunk + ")");
          }
          skip(in, depth + 1);
        }
      }
      case 4, 5 -> {
        in.pos++;
        while (!consumeBreak(in)) {
          skip(in, depth + 1);
          if (major == 5) {
            skip(in, depth + 1);
          }
        }
      }
      case 7 -> throw CborException.malformed("CBOR break code at byte " + at + " outside an indefinite item");
      default -> throw CborException.malformed("indefinite length is not allowed for "
          + CborInput.describe(in.data[at] & 0xff) + " (byte " + at + ")");
    }
  }

  private static boolean consumeBreak(CborInput in) throws CborException {
    in.need(1);
    if ((in.data[in.pos] & 0xff) == CborInput.BREAK) {
      in.pos++;
      return true;
    }
    return false;
  }
}
